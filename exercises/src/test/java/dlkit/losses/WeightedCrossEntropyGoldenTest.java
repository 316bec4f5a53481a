package dlkit.losses;

import static dlkit.testing.Golden.ints;
import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/** Against torch.nn.CrossEntropyLoss(weight=w) (the instructor's PyTorch script); exp and log round differently, still within 1e-12. */
class WeightedCrossEntropyGoldenTest {

    @Test
    void lossAndGradientMatchPyTorch() {
        JsonNode c = Golden.load("losses").get("weighted_cross_entropy");
        LossAndGradient r = new WeightedCrossEntropy(Golden.vector(c.get("weights")))
                .compute(matrix(c.get("scores")), ints(c.get("labels")));
        assertThat(r.loss()).as("WeightedCrossEntropy loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("WeightedCrossEntropy gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }
}
