package dlkit.hidden.layers;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Sigmoid;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Sigmoid.class)
@ExtendWith(GradingRandom.class)
class SigmoidHiddenTest {

    private static final Known OF_MINUS_X = new Known("Sigmoid/of-minus-x",
            "exp(-x) / (1 + exp(-x)), that is sigmoid(-x)");
    private static final Known NAIVE = new Known("Sigmoid/naive-overflows",
            "exp(x) / (1 + exp(x)) for every x: inf / inf is NaN beyond 709; use 1 / (1 + exp(-x)) for x >= 0");
    private static final Known DERIVATIVE_S = new Known("Sigmoid/derivative-s", "the derivative taken as s; it is s (1 - s)");
    private static final Known WITH_INPUT = new Known("Sigmoid/derivative-with-input",
            "x (1 - x) with the input x; the derivative is s (1 - s) with the output s");

    private static LayerPair pair() {
        return new LayerPair("Sigmoid", new Sigmoid(), new dlkit.reference.layers.Sigmoid());
    }

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        // |x| <= 12 and 1e-9: equal forms of the sigmoid that the Javadoc allows, such as
        // (1 + tanh(x / 2)) / 2 or 1 - 1 / (1 + exp(-x)) for x < 0, are right to about 1.4e-16
        // absolutely, not relatively: at x = -12, s = 6.1e-6, that is 1.2e-11 relative (a tolerance
        // of 1e-12 failed them on about 1 seed in 50), and below x = -16 the floor 1e-8 of the
        // relative error would fail them at 1e-9. The tails are checked at 700 to 1000 below.
        DMatrixRMaj x = Matrices.map(Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 4.0),
                v -> Math.max(-12, Math.min(12, v)));
        LayerPair.Outputs y = pair().forward(Given.of("x", x));
        Check.close("Sigmoid.forward on a (" + x.numRows + ", " + x.numCols + ") batch", y.student(), y.reference(),
                1e-9, OF_MINUS_X.wouldGive(Matrices.map(x, v -> 1 / (1 + Math.exp(v)))));
    }

    @Test
    @Points(1)
    void forwardAndBackwardAreFiniteAndRightAtHugeInputs(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 6);
        DMatrixRMaj x = Draw.uniform(rng, n, 4, 700, 1000);
        for (int i = 0; i < x.data.length; i += 2) {
            x.data[i] = -x.data[i];
        }
        DMatrixRMaj dy = Draw.normal(rng, n, 4, 1.0);
        LayerPair layers = pair();

        LayerPair.Outputs y = layers.forward(Given.of("x", x));
        Check.finite("Sigmoid.forward at inputs of size 700 to 1000", y.student(), NAIVE);
        Check.close("Sigmoid.forward at inputs of size 700 to 1000", y.student(), y.reference(), 1e-12);
        LayerPair.Outputs dx = layers.backward(Given.of("dY", dy));
        Check.close("dX of Sigmoid.backward at inputs of size 700 to 1000", dx.student(), dx.reference(), 1e-10);
    }

    @Test
    @Points(2)
    void backwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        LayerPair layers = pair();
        DMatrixRMaj s = layers.forward(Given.of("x", x)).reference();
        LayerPair.Outputs dx = layers.backward(Given.of("dY", dy));

        DMatrixRMaj justS = dy.copy();
        DMatrixRMaj withInput = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            justS.data[i] *= s.data[i];
            withInput.data[i] *= x.data[i] * (1 - x.data[i]);
        }
        Check.close("dX of Sigmoid.backward on a (" + x.numRows + ", " + x.numCols + ") batch", dx.student(),
                dx.reference(), 1e-10, DERIVATIVE_S.wouldGive(justS), WITH_INPUT.wouldGive(withInput));
    }
}
