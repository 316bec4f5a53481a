package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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

    private static final Known COLUMN_WISE = new Known("Softmax/over-columns",
            "softmax over each column; the kit's softmax normalises each ROW (one sample)");
    private static final Known NO_MAX_SHIFT = new Known("Softmax/no-max-shift",
            "softmax without the max shift: exp(1000) overflows; subtract each row's maximum first");
    private static final Known DIAGONAL = new Known("Softmax/diagonal-jacobian",
            "only the diagonal of the Jacobian, y (1 - y) dy; each output depends on the whole row");

    private static LayerPair pair() {
        return new LayerPair("Softmax", new Softmax(), new dlkit.reference.layers.Softmax());
    }

    @Test
    @Points(2)
    void applyAndForwardMatchReference(RandomGenerator rng) {
        Given<DMatrixRMaj> given = Given.of("z", Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 3.0));
        DMatrixRMaj z = given.copy();
        DMatrixRMaj reference = dlkit.reference.layers.Softmax.apply(given.copy());

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
        DMatrixRMaj student = Softmax.apply(given.student());
        given.unchanged("Softmax.apply");
        Check.close("Softmax.apply" + shape, student, reference, 1e-12, COLUMN_WISE.wouldGive(columnWise));
        Check.close("Softmax.forward" + shape, pair().forward(given).student(), reference, 1e-12);
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
        LayerPair layers = pair();

        LayerPair.Outputs y = layers.forward(Given.of("z", z));
        Check.finite("Softmax.forward at logits near +-1000", y.student(), NO_MAX_SHIFT);
        Check.close("Softmax.forward at logits near +-1000", y.student(), y.reference(), 1e-10);
        LayerPair.Outputs dz = layers.backward(Given.of("dY", dy));
        Check.close("dZ of Softmax.backward at logits near +-1000", dz.student(), dz.reference(), 1e-6);
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        DMatrixRMaj z = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 1.5);
        DMatrixRMaj dy = Draw.normal(rng, z.numRows, z.numCols, 1.0);
        LayerPair layers = pair();
        DMatrixRMaj y = layers.forward(Given.of("z", z)).reference();
        LayerPair.Outputs dz = layers.backward(Given.of("dY", dy));

        DMatrixRMaj diagonalOnly = dy.copy();
        for (int i = 0; i < dy.data.length; i++) {
            diagonalOnly.data[i] *= y.data[i] * (1 - y.data[i]);
        }
        // Cancellation in dy - sum(dy y) costs digits when the two are close; the relative error's
        // floor of 1e-8 bounds that at about 1e-7 for any order of summation.
        Check.close("dZ of Softmax.backward on a (" + z.numRows + ", " + z.numCols + ") batch", dz.student(),
                dz.reference(), 1e-6, DIAGONAL.wouldGive(diagonalOnly));
    }
}
