package dlkit.losses;

import static dlkit.testing.Golden.ints;
import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/** Against a focal loss written out in torch, its gradient by autograd (the instructor's PyTorch script); the analytic gradient is exact maths, so 1e-12 holds. */
class FocalLossGoldenTest {

    @Test
    void gammaTwoWithAlphaMatchesPyTorch() {
        check("focal_gamma_2_alpha");
    }

    @Test
    void gammaHalfWithoutAlphaMatchesPyTorch() {
        check("focal_gamma_0.5");
    }

    private static void check(String name) {
        JsonNode c = Golden.load("losses").get(name);
        double[] alpha = c.get("alpha").isNull() ? null : Golden.vector(c.get("alpha"));
        LossAndGradient r = new FocalLoss(c.get("gamma").doubleValue(), alpha)
                .compute(matrix(c.get("scores")), ints(c.get("labels")));
        assertThat(r.loss()).as("FocalLoss loss").isCloseTo(c.get("loss").doubleValue(), within(1e-12 * c.get("loss").doubleValue()));
        assertThat(r.gradient()).as("FocalLoss gradient").isCloseTo(matrix(c.get("grad")), 1e-12);
    }
}
