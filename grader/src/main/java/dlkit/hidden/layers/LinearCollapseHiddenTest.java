package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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

    private static final Known WRONG_ORDER = new Known("LinearCollapse/product-in-wrong-order",
            "the product in the wrong order, W2 W1; with y = xW + b it is W1 W2");
    private static final Known B1_PLUS_B2 = new Known("LinearCollapse/bias-b1-plus-b2",
            "b = b1 + b2; the first bias goes through the second layer too: b = b1 W2 + b2");
    private static final Known NO_B2 = new Known("LinearCollapse/bias-without-b2",
            "b = b1 W2, the second layer's bias b2 left out");

    /** The student's collapse of its own copies of the four matrices, which must stay unchanged. */
    private static LinearCollapse.Affine student(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        Given<DMatrixRMaj> gw1 = Given.of("w1", w1);
        Given<DMatrixRMaj> gb1 = Given.of("b1", b1);
        Given<DMatrixRMaj> gw2 = Given.of("w2", w2);
        Given<DMatrixRMaj> gb2 = Given.of("b2", b2);
        LinearCollapse.Affine collapsed = LinearCollapse.collapse(gw1.student(), gb1.student(), gw2.student(),
                gb2.student());
        Given.unchanged("LinearCollapse.collapse", gw1, gb1, gw2, gb2);
        return collapsed;
    }

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

        LinearCollapse.Affine student = student(w1, b1, w2, b2);
        var reference = dlkit.reference.layers.LinearCollapse.collapse(w1.copy(), b1.copy(), w2.copy(), b2.copy());

        Check.close("W of LinearCollapse.collapse for two (" + d + ", " + d + ") layers", student.w(), reference.w(), 1e-6,
                WRONG_ORDER.wouldGive(CommonOps_DDRM.mult(w2, w1, null)));
        Check.close("b of LinearCollapse.collapse for two (" + d + ", " + d + ") layers", student.b(), reference.b(), 1e-6,
                B1_PLUS_B2.wouldGive(CommonOps_DDRM.add(b1, b2, null)), NO_B2.wouldGive(CommonOps_DDRM.mult(b1, w2, null)));
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

        LinearCollapse.Affine one = student(w1, b1, w2, b2);

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
