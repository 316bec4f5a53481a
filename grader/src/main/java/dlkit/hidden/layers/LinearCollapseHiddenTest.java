package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.LinearCollapse;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LinearCollapse.class)
@ExtendWith(GradingRandom.class)
class LinearCollapseHiddenTest {

    // W and b are held to 1e-6 relative error: a correct solution may sum in another order, which
    // changes the last bits of elements near 0; every named mistake is off by far more.

    @Test
    @Points(2)
    void squareLayersCollapseAsTheReferenceDoes(RandomGenerator rng) {
        // D = H = M, so the wrong order W2 W1 and the bias b1 + b2 have the right shapes and can be named.
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj w1 = Draw.normal(rng, d, d, 1.0);
        DMatrixRMaj b1 = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj w2 = Draw.normal(rng, d, d, 1.0);
        DMatrixRMaj b2 = Draw.normal(rng, 1, d, 1.0);

        LinearCollapse.Affine student = LinearCollapse.collapse(w1, b1, w2, b2);
        var reference = dlkit.reference.layers.LinearCollapse.collapse(w1, b1, w2, b2);

        Check.close("W of LinearCollapse.collapse for two (" + d + ", " + d + ") layers", student.w(), reference.w(), 1e-6,
                new Mistake("the product in the wrong order, W2 W1; with y = xW + b it is W1 W2",
                        CommonOps_DDRM.mult(w2, w1, null)));
        Check.close("b of LinearCollapse.collapse for two (" + d + ", " + d + ") layers", student.b(), reference.b(), 1e-6,
                new Mistake("b = b1 + b2; the first bias goes through the second layer too: b = b1 W2 + b2",
                        CommonOps_DDRM.add(b1, b2, null)),
                new Mistake("b = b1 W2, the second layer's bias b2 left out", CommonOps_DDRM.mult(b1, w2, null)));
    }

    @Test
    @Points(2)
    void theCollapsedLayerGivesTheTwoLayersOutputs(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        int h = Draw.size(rng, 1, 6);
        int m = Draw.size(rng, 1, 6);
        int n = Draw.size(rng, 1, 10);
        DMatrixRMaj w1 = Draw.normal(rng, d, h, 1.0);
        DMatrixRMaj b1 = Draw.normal(rng, 1, h, 1.0);
        DMatrixRMaj w2 = Draw.normal(rng, h, m, 1.0);
        DMatrixRMaj b2 = Draw.normal(rng, 1, m, 1.0);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);

        LinearCollapse.Affine one = LinearCollapse.collapse(w1, b1, w2, b2);

        // Outputs, not just weights: x W + b against (x W1 + b1) W2 + b2, plain matrix products.
        // Tolerance 1e-5: the two ways of computing round differently, which matters only for
        // outputs near 0; every named mistake is off by far more.
        Check.close("outputs of the collapsed layer of LinearCollapse.collapse (D, H, M = " + d + ", " + h + ", " + m
                        + ") against the two layers on " + n + " random inputs",
                affine(x, one.w(), one.b()), affine(affine(x, w1, b1), w2, b2), 1e-5);
    }

    /** x w + b, the bias added to every row; the student's matrices are only read. */
    private static DMatrixRMaj affine(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b) {
        DMatrixRMaj y = CommonOps_DDRM.mult(x, w, null);
        for (int i = 0; i < y.numRows; i++) {
            for (int j = 0; j < y.numCols; j++) {
                y.add(i, j, b.get(0, j));
            }
        }
        return y;
    }
}
