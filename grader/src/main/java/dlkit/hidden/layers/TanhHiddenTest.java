package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Tanh;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Tanh.class)
@ExtendWith(GradingRandom.class)
class TanhHiddenTest {

    private static final Known WITH_INPUT = new Known("Tanh/derivative-with-input",
            "1 - x^2 with the input x; the derivative is 1 - y^2 with the output y = tanh(x)");
    private static final Known NOT_SQUARED = new Known("Tanh/derivative-not-squared", "1 - y; the derivative is 1 - y^2");

    private static LayerPair pair() {
        return new LayerPair("Tanh", new Tanh(), new dlkit.reference.layers.Tanh());
    }

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 3.0);
        LayerPair.Outputs y = pair().forward(Given.of("x", x));
        Check.close("Tanh.forward on a (" + x.numRows + ", " + x.numCols + ") batch", y.student(), y.reference(),
                1e-9); // (e^x - e^-x)/(e^x + e^-x) loses digits near 0
    }

    @Test
    @Points(2)
    void backwardMatchesReference(RandomGenerator rng) {
        // |x| <= 3 keeps 1 - y^2 >= 0.0099: near saturation the derivative from the output cancels,
        // and a y off in its last digits (another formula for tanh, or the battery's 1 + 1e-12)
        // moves 1 - y^2 by 2e-12 / (1 - y^2) relative, at most 2e-10 here, under the tolerance.
        DMatrixRMaj x = Draw.uniform(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), -3, 3);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        LayerPair layers = pair();
        DMatrixRMaj y = layers.forward(Given.of("x", x)).reference();
        LayerPair.Outputs dx = layers.backward(Given.of("dY", dy));

        DMatrixRMaj withInput = dy.copy();
        DMatrixRMaj notSquared = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            withInput.data[i] *= 1 - x.data[i] * x.data[i];
            notSquared.data[i] *= 1 - y.data[i];
        }
        Check.close("dX of Tanh.backward on a (" + x.numRows + ", " + x.numCols + ") batch", dx.student(),
                dx.reference(), 1e-9, WITH_INPUT.wouldGive(withInput), NOT_SQUARED.wouldGive(notSquared));
    }
}
