package dlkit.hidden.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 4.0);
        Check.close("Sigmoid.forward on a (" + x.numRows + ", " + x.numCols + ") batch", new Sigmoid().forward(x),
                new dlkit.reference.layers.Sigmoid().forward(x), 1e-12,
                new Mistake("exp(-x) / (1 + exp(-x)), that is sigmoid(-x)", Matrices.map(x, v -> 1 / (1 + Math.exp(v)))));
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
        Sigmoid student = new Sigmoid();
        var reference = new dlkit.reference.layers.Sigmoid();

        DMatrixRMaj y = student.forward(x);
        assertThat(y).as("Sigmoid.forward at inputs of size 700 to 1000 (use exp(x) / (1 + exp(x)) for x < 0)").isFinite();
        Check.close("Sigmoid.forward at inputs of size 700 to 1000", y, reference.forward(x), 1e-12);
        Check.close("dX of Sigmoid.backward at inputs of size 700 to 1000", student.backward(dy),
                reference.backward(dy), 1e-10);
    }

    @Test
    @Points(2)
    void backwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        Sigmoid student = new Sigmoid();
        var reference = new dlkit.reference.layers.Sigmoid();
        DMatrixRMaj s = reference.forward(x);
        student.forward(x);

        DMatrixRMaj justS = dy.copy();
        DMatrixRMaj withInput = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            justS.data[i] *= s.data[i];
            withInput.data[i] *= x.data[i] * (1 - x.data[i]);
        }
        Check.close("dX of Sigmoid.backward on a (" + x.numRows + ", " + x.numCols + ") batch", student.backward(dy),
                reference.backward(dy), 1e-10,
                new Mistake("the derivative taken as s; it is s (1 - s)", justS),
                new Mistake("x (1 - x) with the input x; the derivative is s (1 - s) with the output s", withInput));
    }
}
