package dlkit.losses;

import static dlkit.testing.Golden.ints;
import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/** Against torch.nn.MultiMarginLoss (the instructor's PyTorch script), which also divides by the number of classes C: the same arithmetic, so 1e-12 holds. */
class MulticlassHingeGoldenTest {

    @Test
    void pytorchsConventionMatchesMultiMarginLoss() {
        JsonNode c = Golden.load("losses").get("multi_margin");
        LossAndGradient r = new MulticlassHinge(1.0, true).compute(matrix(c.get("scores")), ints(c.get("labels")));
        assertThat(r.loss()).as("MulticlassHinge loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("MulticlassHinge gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }

    @Test
    void cs231nsConventionIsPyTorchsTimesTheNumberOfClasses() {
        JsonNode c = Golden.load("losses").get("multi_margin");
        int classes = c.get("num_classes").intValue();
        LossAndGradient r = new MulticlassHinge().compute(matrix(c.get("scores")), ints(c.get("labels")));
        double expected = classes * c.get("loss").doubleValue();
        assertThat(r.loss()).as("MulticlassHinge loss").isCloseTo(expected, within(1e-12 * expected));
    }
}
