package dlkit.hidden.layers;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.ReLU;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(ReLU.class)
@ExtendWith(GradingRandom.class)
class ReLUHiddenTest {

    private static final Known ABSOLUTE = new Known("ReLU/absolute-value", "the absolute value instead of max(0, x)");
    private static final Known PASSES_NEGATIVES = new Known("ReLU/gradient-through-negatives",
            "the gradient passes through negative inputs too");
    private static final Known ONE_AT_ZERO = new Known("ReLU/derivative-one-at-zero",
            "the derivative at exactly 0 taken as 1; the kit (like PyTorch) takes 0");

    private static LayerPair pair() {
        return new LayerPair("ReLU", new ReLU(), new dlkit.reference.layers.ReLU());
    }

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = withZeros(rng);
        LayerPair.Outputs y = pair().forward(Given.of("x", x));
        Check.close("ReLU.forward on a (" + x.numRows + ", " + x.numCols + ") batch", y.student(), y.reference(), 0.0,
                ABSOLUTE.wouldGive(Matrices.map(x, Math::abs)));
    }

    @Test
    @Points(2)
    void backwardMatchesReferenceIncludingAtZero(RandomGenerator rng) {
        DMatrixRMaj x = withZeros(rng);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        LayerPair layers = pair();
        layers.forward(Given.of("x", x));
        LayerPair.Outputs dx = layers.backward(Given.of("dY", dy));

        DMatrixRMaj passAtZero = dy.copy();
        for (int i = 0; i < x.data.length; i++) {
            passAtZero.data[i] = x.data[i] >= 0 ? dy.data[i] : 0;
        }
        Check.close("dX of ReLU.backward on a batch with some inputs exactly 0", dx.student(), dx.reference(), 0.0,
                PASSES_NEGATIVES.wouldGive(dy), ONE_AT_ZERO.wouldGive(passAtZero));
    }

    /** Normal values with about a quarter set to exactly 0, the kink. */
    private static DMatrixRMaj withZeros(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8), 1.0);
        for (int i = 0; i < x.data.length; i++) {
            if (rng.nextInt(4) == 0) {
                x.data[i] = 0;
            }
        }
        x.data[0] = 0;
        // At least one negative and one positive input, so that neither the identity nor zeros pass.
        x.data[1] = -rng.nextDouble(0.1, 2);
        x.data[2] = rng.nextDouble(0.1, 2);
        return x;
    }
}
