package dlkit.hidden.layers;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.LeakyReLU;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LeakyReLU.class)
@ExtendWith(GradingRandom.class)
class LeakyReLUHiddenTest {

    private static final Known PLAIN_RELU = new Known("LeakyReLU/forward-plain-relu",
            "negatives set to 0, as plain ReLU; leaky ReLU multiplies them by the slope");
    private static final Known WRONG_DEFAULT = new Known("LeakyReLU/default-slope-not-pytorchs",
            "a default slope other than PyTorch's 0.01");
    private static final Known ZERO_GRADIENT = new Known("LeakyReLU/backward-without-slope",
            "a gradient of 0 for negative inputs; leaky ReLU's derivative there is the slope");
    private static final Known PASSED_UNCHANGED = new Known("LeakyReLU/gradient-passed-unchanged",
            "the upstream gradient passed unchanged everywhere");

    @Test
    @Points(1)
    void forwardWithTheDefaultSlopeMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int d = Draw.size(rng, 2, 10);
        DMatrixRMaj x = mixedSigns(rng, n, d);
        LayerPair.Outputs y = new LayerPair("LeakyReLU", new LeakyReLU(), new dlkit.reference.layers.LeakyReLU())
                .forward(Given.of("x", x));
        Check.close("LeakyReLU.forward with the default slope on a (" + n + ", " + d + ") batch", y.student(),
                y.reference(), 1e-12, PLAIN_RELU.wouldGive(Matrices.map(x, v -> Math.max(v, 0))),
                WRONG_DEFAULT.wouldGive(Matrices.map(x, v -> v > 0 ? v : 0.1 * v)));
    }

    @Test
    @Points(2)
    void forwardAndBackwardWithAGivenSlopeMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int d = Draw.size(rng, 2, 10);
        double slope = rng.nextDouble(0.02, 0.5);
        DMatrixRMaj x = mixedSigns(rng, n, d);
        DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
        LayerPair layers = new LayerPair("LeakyReLU", new LeakyReLU(slope), new dlkit.reference.layers.LeakyReLU(slope));

        String where = " of LeakyReLU with slope " + slope + " on a (" + n + ", " + d + ") batch";
        LayerPair.Outputs y = layers.forward(Given.of("x", x));
        Check.close("forward" + where, y.student(), y.reference(), 1e-12);
        DMatrixRMaj reluGrad = up.copy();
        for (int i = 0; i < x.getNumElements(); i++) {
            reluGrad.data[i] = x.data[i] > 0 ? up.data[i] : 0;
        }
        LayerPair.Outputs dx = layers.backward(Given.of("dY", up));
        Check.close("backward" + where, dx.student(), dx.reference(), 1e-12, ZERO_GRADIENT.wouldGive(reluGrad),
                PASSED_UNCHANGED.wouldGive(up));
    }

    /**
     * Normal values with at least one negative, one positive and one exactly 0 (where the
     * Javadoc's derivative is the slope), so both pieces and the kink are always exercised.
     */
    private static DMatrixRMaj mixedSigns(RandomGenerator rng, int n, int d) {
        DMatrixRMaj x = Draw.normal(rng, n, d, 2.0);
        x.data[0] = -Math.abs(x.data[0]);
        x.data[1] = Math.abs(x.data[1]);
        x.data[2] = 0;
        return x;
    }
}
