package dlkit.hidden.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Softmax;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Softmax.class)
@ExtendWith(GradingRandom.class)
class SoftmaxHiddenTest {

    @Test
    @Points(2)
    void applyAndForwardMatchReference(RandomGenerator rng) {
        DMatrixRMaj z = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 3.0);
        DMatrixRMaj reference = dlkit.reference.layers.Softmax.apply(z);

        DMatrixRMaj columnWise = z.copy();
        for (int j = 0; j < z.numCols; j++) {
            double sum = 0;
            for (int i = 0; i < z.numRows; i++) {
                sum += Math.exp(z.get(i, j));
            }
            for (int i = 0; i < z.numRows; i++) {
                columnWise.set(i, j, Math.exp(z.get(i, j)) / sum);
            }
        }
        String shape = " on (" + z.numRows + ", " + z.numCols + ") logits";
        Check.close("Softmax.apply" + shape, Softmax.apply(z), reference, 1e-12,
                new Mistake("softmax over each column; the kit's softmax normalises each ROW (one sample)", columnWise));
        Check.close("Softmax.forward" + shape, new Softmax().forward(z), reference, 1e-12);
    }

    @Test
    @Points(2)
    void finiteAndRightAtLogitsOfPlusMinus1000(RandomGenerator rng) {
        // Some rows near +1000 and some near -1000: a shift by the row's own maximum keeps both finite.
        int n = Draw.size(rng, 2, 6);
        DMatrixRMaj z = Draw.normal(rng, n, Draw.size(rng, 2, 6), 2.0);
        for (int i = 0; i < n; i++) {
            double offset = i % 2 == 0 ? 1000 : -1000;
            for (int j = 0; j < z.numCols; j++) {
                z.add(i, j, offset);
            }
        }
        DMatrixRMaj dy = Draw.normal(rng, z.numRows, z.numCols, 1.0);
        Softmax student = new Softmax();
        var reference = new dlkit.reference.layers.Softmax();

        DMatrixRMaj y = student.forward(z);
        assertThat(y).as("Softmax.forward at logits near +-1000 (looks like softmax without the max shift: exp(1000)"
                + " overflows; subtract each row's maximum first)").isFinite();
        Check.close("Softmax.forward at logits near +-1000", y, reference.forward(z), 1e-10);
        Check.close("dZ of Softmax.backward at logits near +-1000", student.backward(dy), reference.backward(dy), 1e-6);
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj z = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 1.5);
        DMatrixRMaj dy = Draw.normal(rng, z.numRows, z.numCols, 1.0);
        Softmax student = new Softmax();
        var reference = new dlkit.reference.layers.Softmax();
        DMatrixRMaj y = reference.forward(z);
        student.forward(z);

        DMatrixRMaj diagonalOnly = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            diagonalOnly.data[i] *= y.data[i] * (1 - y.data[i]);
        }
        // Cancellation in dy - sum(dy y) costs digits when the two are close; the relative error's
        // floor of 1e-8 bounds that at about 1e-7 for any order of summation.
        Check.close("dZ of Softmax.backward on a (" + z.numRows + ", " + z.numCols + ") batch", student.backward(dy),
                reference.backward(dy), 1e-6,
                new Mistake("only the diagonal of the Jacobian, y (1 - y) dy; each output depends on the whole row",
                        diagonalOnly));
    }
}
