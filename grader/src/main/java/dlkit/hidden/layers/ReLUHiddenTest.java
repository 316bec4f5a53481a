package dlkit.hidden.layers;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = withZeros(rng);
        Check.close("ReLU.forward on a (" + x.numRows + ", " + x.numCols + ") batch", new ReLU().forward(x),
                new dlkit.reference.layers.ReLU().forward(x), 0.0,
                new Mistake("the absolute value instead of max(0, x)", Matrices.map(x, Math::abs)));
    }

    @Test
    @Points(2)
    void backwardMatchesReferenceIncludingAtZero(RandomGenerator rng) {
        DMatrixRMaj x = withZeros(rng);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        ReLU student = new ReLU();
        var reference = new dlkit.reference.layers.ReLU();
        student.forward(x);
        reference.forward(x);

        DMatrixRMaj passAtZero = dy.copy();
        for (int i = 0; i < x.data.length; i++) {
            passAtZero.data[i] = x.data[i] >= 0 ? dy.data[i] : 0;
        }
        Check.close("dX of ReLU.backward on a batch with some inputs exactly 0", student.backward(dy),
                reference.backward(dy), 0.0,
                new Mistake("the gradient passes through negative inputs too", dy),
                new Mistake("the derivative at exactly 0 taken as 1; the kit (like PyTorch) takes 0", passAtZero));
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
        return x;
    }
}
