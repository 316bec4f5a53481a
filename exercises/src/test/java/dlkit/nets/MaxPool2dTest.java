package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class MaxPool2dTest {

    // One 4x4 image:   1 3 | 2 0
    //                  4 2 | 1 5
    //                  ----+----
    //                  0 0 | 7 6
    //                  9 1 | 6 8
    private static final DMatrixRMaj IMAGE = Matrices.row(1, 3, 2, 0, 4, 2, 1, 5, 0, 0, 7, 6, 9, 1, 6, 8);

    @Test
    void outputSizeFollowsTheFormula() {
        assertThat(new MaxPool2d(2, 2).outputSize(8)).as("MaxPool2d(2, 2).outputSize(8)").isEqualTo(4);
        assertThat(new MaxPool2d(3, 2).outputSize(7)).as("MaxPool2d(3, 2).outputSize(7)").isEqualTo(3); // (7 - 3) / 2 + 1
        assertThat(new MaxPool2d(2, 2).outputSize(5)).as("MaxPool2d(2, 2).outputSize(5)").isEqualTo(2); // the last row is left out
        assertThatThrownBy(() -> new MaxPool2d(3, 1).outputSize(2), "MaxPool2d(3, 1).outputSize(2) throws")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardAndBackwardByHand() {
        // 2x2 windows, stride 2: the maxima 4, 5, 9, 8 at (1,0), (1,3), (3,0), (3,3).
        // Backward sends dY = (10, 20, 30, 40) to those four pixels; every other gets 0.
        MaxPool2d pool = new MaxPool2d(2, 2);
        assertThat(pool.forward(IMAGE, 1, 4, 4)).as("MaxPool2d.forward out").isCloseTo(Matrices.row(4, 5, 9, 8), 1e-15);
        DMatrixRMaj dx = pool.backward(Matrices.row(10, 20, 30, 40));
        assertThat(dx).as("MaxPool2d.backward dX")
                .isCloseTo(Matrices.row(0, 0, 0, 0, 10, 0, 0, 20, 0, 0, 0, 0, 30, 0, 0, 40), 1e-15);
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        // 3x3 windows, stride 1, on IMAGE: 2x2 outputs. Window (0,0) rows 0-2, cols 0-2: max 7
        // at (2,2); window (0,1): 7 at (2,2) too; window (1,0): 9 at (3,0); window (1,1): 8 at (3,3).
        // So pixel (2,2) gets dY(0,0) + dY(0,1) = 1 + 2.
        MaxPool2d pool = new MaxPool2d(3, 1);
        assertThat(pool.forward(IMAGE, 1, 4, 4)).as("MaxPool2d.forward out").isCloseTo(Matrices.row(7, 7, 9, 8), 1e-15);
        DMatrixRMaj dx = pool.backward(Matrices.row(1, 2, 3, 4));
        assertThat(dx).as("MaxPool2d.backward dX")
                .isCloseTo(Matrices.row(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0, 0, 4), 1e-15);
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        // A 2x2 window of four equal values, then one whose maximum 5 appears at (0,1) and (1,0):
        // PyTorch's rule sends each dY to the first maximum, (0,0) and (0,1) of the windows; not
        // to every tied element, not to the last, not split between them.
        MaxPool2d pool = new MaxPool2d(2, 2);
        DMatrixRMaj x = Matrices.row(2, 2, 1, 5, 2, 2, 5, 0);
        assertThat(pool.forward(x, 1, 2, 4)).as("MaxPool2d.forward out").isCloseTo(Matrices.row(2, 5), 1e-15);
        assertThat(pool.backward(Matrices.row(1, 1))).as("MaxPool2d.backward dX with ties")
                .isCloseTo(Matrices.row(1, 0, 0, 1, 0, 0, 0, 0), 1e-15);
    }

    @Test
    void channelsAndImagesArePooledOnTheirOwn() {
        // Two images of two channels of 2x2, one window each: the maximum of each 4-block.
        MaxPool2d pool = new MaxPool2d(2, 2);
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2, 3, 4, -1, -2, -3, -4}, {8, 7, 6, 5, 0, 9, 0, 0}});
        assertThat(pool.forward(x, 2, 2, 2)).as("MaxPool2d.forward out")
                .isCloseTo(Matrices.of(new double[][] {{4, -1}, {8, 9}}), 1e-15);
        assertThat(pool.backward(Matrices.of(new double[][] {{1, 2}, {3, 4}}))).as("MaxPool2d.backward dX")
                .isCloseTo(Matrices.of(new double[][] {{0, 0, 0, 1, 2, 0, 0, 0}, {3, 0, 0, 0, 0, 4, 0, 0}}), 1e-15);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Random inputs have no ties (with probability 1) and no maximum within 1e-5 of another
        // in practice, so max pooling is linear around them: tolerance 1e-7, about 1e-10 observed.
        Random rng = new Random(16);
        MaxPool2d pool = new MaxPool2d(3, 2);
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(2, 2 * 7 * 6, -2, 2, rng);
        DMatrixRMaj dy = RandomMatrices_DDRM.rectangle(2, 2 * 3 * 2, -1, 1, rng);
        pool.forward(x, 2, 7, 6);
        DMatrixRMaj dx = pool.backward(dy);
        DMatrixRMaj numeric = GradientCheck.numericGradient(m -> new MaxPool2d(3, 2).forward(m, 2, 7, 6), x, dy);
        assertThat(dx).as("MaxPool2d.backward dX against centred differences").isCloseTo(numeric, 1e-7);
    }

    @Test
    void shapesAreChecked() {
        MaxPool2d pool = new MaxPool2d(2, 2);
        assertThatThrownBy(() -> pool.backward(Matrices.row(1)), "MaxPool2d.backward before forward throws")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.forward(new DMatrixRMaj(1, 15), 1, 4, 4), "MaxPool2d.forward on a wrong width throws")
                .hasMessageContaining("x: expected (N, C*H*W) = (any, 16) but was (1, 15)");
        pool.forward(IMAGE, 1, 4, 4);
        assertThatThrownBy(() -> pool.backward(Matrices.row(1, 2, 3)), "MaxPool2d.backward with dY of the wrong shape throws")
                .hasMessageContaining("gradOutput: expected (N, C*OH*OW) = (1, 4) but was (1, 3)");
        assertThatThrownBy(() -> new MaxPool2d(0, 1), "new MaxPool2d(0, 1) throws").isInstanceOf(IllegalArgumentException.class);
    }
}
