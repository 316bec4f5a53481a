package dlkit.losses;

import static dlkit.testing.Golden.ints;
import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/** Against torch.nn.HuberLoss (the instructor's PyTorch script): the same arithmetic, so 1e-12 holds. */
class HuberGoldenTest {

    @Test
    void deltaOneMatchesPyTorch() {
        JsonNode c = Golden.load("losses").get("huber");
        LossAndGradient r = new Huber().compute(matrix(c.get("predictions")), matrix(c.get("targets")));
        assertThat(r.loss()).as("Huber loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("Huber gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }

    @Test
    void deltaHalfMatchesPyTorch() {
        JsonNode c = Golden.load("losses").get("huber_delta_0.5");
        LossAndGradient r = new Huber(0.5).compute(matrix(c.get("predictions")), matrix(c.get("targets")));
        assertThat(r.loss()).as("Huber loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("Huber gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }
}
