package dlkit.layers;

import static dlkit.layers.BatchNormTest.random;
import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LinearCollapseTest {

    @Test
    void collapseByHand() {
        // x -> x W1 + b1 with W1 = [[1, 2]] (1, 2), b1 = [3, 4]; then h -> h W2 + b2 with
        // W2 = [[1], [-1]] (2, 1), b2 = [5]. W = W1 W2 = [[1 - 2]] = [[-1]], b = b1 W2 + b2 = 3 - 4 + 5 = 4.
        LinearCollapse.Affine one = LinearCollapse.collapse(Matrices.of(new double[][] {{1, 2}}), Matrices.row(3, 4),
                Matrices.of(new double[][] {{1}, {-1}}), Matrices.row(5));
        assertThat(one.w()).as("LinearCollapse w").isCloseTo(Matrices.of(new double[][] {{-1}}), 1e-15);
        assertThat(one.b()).as("LinearCollapse b").isCloseTo(Matrices.row(4), 1e-15);
    }

    @Test
    void theCollapsedLayerGivesTheTwoLayersOutputs() {
        DMatrixRMaj w1 = random(31, 4, 6, 1.0);
        DMatrixRMaj b1 = random(32, 1, 6, 1.0);
        DMatrixRMaj w2 = random(33, 6, 3, 1.0);
        DMatrixRMaj b2 = random(34, 1, 3, 1.0);
        DMatrixRMaj x = random(35, 10, 4, 1.0);

        LinearCollapse.Affine one = LinearCollapse.collapse(w1, b1, w2, b2);

        assertThat(one.w()).as("LinearCollapse w").hasShape(4, 3);
        assertThat(affine(x, one.w(), one.b())).as("LinearCollapse affine(x, one.w(), one.b())").isCloseTo(affine(affine(x, w1, b1), w2, b2), 1e-10);
    }

    /** x w + b, the bias added to every row. */
    static DMatrixRMaj affine(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, w.numCols);
        CommonOps_DDRM.mult(x, w, y);
        for (int i = 0; i < y.numRows; i++) {
            for (int j = 0; j < y.numCols; j++) {
                y.add(i, j, b.get(0, j));
            }
        }
        return y;
    }
}
