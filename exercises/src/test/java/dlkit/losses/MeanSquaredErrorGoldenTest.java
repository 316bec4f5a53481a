package dlkit.losses;

import static dlkit.testing.Golden.ints;
import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/** Against torch.nn.MSELoss (the instructor's PyTorch script): the same arithmetic, so 1e-12 holds. */
class MeanSquaredErrorGoldenTest {

    @Test
    void lossAndGradientMatchPyTorch() {
        JsonNode c = Golden.load("losses").get("mse");
        LossAndGradient r = MeanSquaredError.compute(matrix(c.get("predictions")), matrix(c.get("targets")));
        assertThat(r.loss()).as("MeanSquaredError loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("MeanSquaredError gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }
}
