package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    @Test
    @Points(1)
    void forwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 3.0);
        Check.close("Tanh.forward on a (" + x.numRows + ", " + x.numCols + ") batch", new Tanh().forward(x),
                new dlkit.reference.layers.Tanh().forward(x), 1e-9); // (e^x - e^-x)/(e^x + e^-x) loses digits near 0
    }

    @Test
    @Points(2)
    void backwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 1.5);
        DMatrixRMaj dy = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        Tanh student = new Tanh();
        var reference = new dlkit.reference.layers.Tanh();
        DMatrixRMaj y = reference.forward(x);
        student.forward(x);

        DMatrixRMaj withInput = dy.copy();
        DMatrixRMaj notSquared = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            withInput.data[i] *= 1 - x.data[i] * x.data[i];
            notSquared.data[i] *= 1 - y.data[i];
        }
        Check.close("dX of Tanh.backward on a (" + x.numRows + ", " + x.numCols + ") batch", student.backward(dy),
                reference.backward(dy), 1e-9,
                new Mistake("1 - x^2 with the input x; the derivative is 1 - y^2 with the output y = tanh(x)", withInput),
                new Mistake("1 - y; the derivative is 1 - y^2", notSquared));
    }
}
