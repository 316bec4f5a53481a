package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    @Test
    void outputSizeFollowsTheFormula() {
        // floor((H + 2P - K) / S) + 1
        assertThat(Conv2d.outputSize(7, 3, 2, 1)).as("Conv2d.outputSize(7, 3, 2, 1)").isEqualTo(4); // (7 + 2 - 3) / 2 + 1 = 3 + 1
        assertThat(Conv2d.outputSize(6, 3, 2, 1)).as("Conv2d.outputSize(6, 3, 2, 1)").isEqualTo(3); // 5 / 2 = 2 (rounded down), + 1
        assertThat(Conv2d.outputSize(5, 3, 1, 0)).as("Conv2d.outputSize(5, 3, 1, 0)").isEqualTo(3);
        assertThat(Conv2d.outputSize(5, 2, 3, 2)).as("Conv2d.outputSize(5, 2, 3, 2)").isEqualTo(3); // 7 / 3 = 2, + 1
        assertThat(Conv2d.outputSize(3, 3, 1, 1)).as("Conv2d.outputSize(3, 3, 1, 1)").isEqualTo(3); // "same" padding keeps the size
        assertThatThrownBy(() -> Conv2d.outputSize(2, 5, 1, 1), "Conv2d: Conv2d.outputSize(2, 5, 1, 1) throws").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossCorrelationByHandTheKernelIsNotFlipped() {
        // One 3x3 image, one 2x2 kernel [[1, 2], [3, 4]], bias 10, stride 1, no padding:
        //   image 1 2 3     out(0,0) = 1*1 + 2*2 + 3*4 + 4*5 + 10 = 47
        //         4 5 6     out(0,1) = 1*2 + 2*3 + 3*5 + 4*6 + 10 = 57
        //         7 8 9     out(1,0) = 1*4 + 2*5 + 3*7 + 4*8 + 10 = 77,  out(1,1) = 87
        // A flipped kernel (true convolution) would give 1*4 + 2*3 + ... = 33 + 10 = 43 first.
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        DMatrixRMaj out = conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        assertThat(out).as("Conv2d.forward out").isCloseTo(Matrices.row(47, 57, 77, 87), 1e-15);
    }

    @Test
    void zeroPaddingAndStrideByHand() {
        // The same image and kernel, padding 1, stride 2: the padded image is 5x5 and the output
        // (5 - 2) / 2 + 1 = 2 by 2, the kernel at padded positions (0,0), (0,2), (2,0), (2,2):
        //   out(0,0) = 4*1 + 10 = 14               (only the kernel's bottom-right is on the image)
        //   out(0,1) = 3*2 + 4*3 + 10 = 28
        //   out(1,0) = 2*4 + 4*7 + 10 = 46
        //   out(1,1) = 1*5 + 2*6 + 3*8 + 4*9 + 10 = 87
        Conv2d conv = new Conv2d(1, 2, 2, 2, 1, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        DMatrixRMaj out = conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        assertThat(out).as("Conv2d.forward out").isCloseTo(Matrices.row(14, 28, 46, 87), 1e-15);
    }

    @Test
    void channelsAddUpAndEachFilterHasItsOwnBlockOfOutputs() {
        // One image of 2 channels, each 1x2: channel 0 = (1, 2), channel 1 = (3, 4).
        // A 1x1 kernel over 2 channels is a weighted sum of the channels at each pixel:
        //   filter 0, weights (1, 1), bias 0:   (1+3, 2+4)       = (4, 6)
        //   filter 1, weights (2, -1), bias 1:  (2-3+1, 4-4+1)   = (0, 1)
        // Output layout (f, i, j) at column f*OH*OW + i*OW + j: (4, 6, 0, 1).
        DMatrixRMaj weight = Matrices.of(new double[][] {{1, 1}, {2, -1}});
        Conv2d conv = new Conv2d(2, 1, 1, 1, 0, weight, Matrices.row(0, 1));
        assertThat(conv.forward(Matrices.row(1, 2, 3, 4), 1, 2)).as("Conv2d conv.forward(Matrices.row(1, 2, 3, 4), 1, 2)").isCloseTo(Matrices.row(4, 6, 0, 1), 1e-15);
    }

    @Test
    void everyImageOfTheBatchIsItsOwnRow() {
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {0, 0, 0, 0, 0, 0, 0, 0, 0}});
        assertThat(conv.forward(x, 3, 3)).as("Conv2d conv.forward(x, 3, 3)").isCloseTo(Matrices.of(new double[][] {{47, 57, 77, 87}, {10, 10, 10, 10}}), 1e-15);
    }

    @Test
    void shapesAreChecked() {
        assertThatThrownBy(() -> new Conv2d(2, 3, 3, 1, 0, new DMatrixRMaj(4, 17), new DMatrixRMaj(1, 4)), "new Conv2d with a weight matrix of the wrong shape")
                .hasMessageContaining("weight: expected (F, C*KH*KW) = (any, 18) but was (4, 17)");
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        assertThatThrownBy(() -> conv.forward(new DMatrixRMaj(2, 8), 3, 3), "Conv2d: conv.forward(new DMatrixRMaj(2, 8), 3, 3) throws")
                .hasMessageContaining("x: expected (N, C*H*W) = (any, 9) but was (2, 8)");
    }
}
