package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
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

    @Test
    void backwardByHandStrideOneNoPadding() {
        // The 3x3 image 1..9 and the 2x2 kernel [[1, 2], [3, 4]] of crossCorrelationByHand, dY = 1
        // at each of the 4 outputs:
        //   db = 1 + 1 + 1 + 1 = 4
        //   dW(u, v) = sum of the pixels the weight meets: dW(0,0) = 1+2+4+5 = 12, dW(0,1) = 16,
        //              dW(1,0) = 24, dW(1,1) = 28
        //   dX(h, w) = sum of the weights that meet the pixel: the centre pixel meets all four,
        //              10; the corner (0,0) only w(0,0) = 1; the edge (0,1) w(0,0) + w(0,1) = 3; ...
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        DMatrixRMaj dx = conv.backward(Matrices.row(1, 1, 1, 1));
        assertThat(dx).as("Conv2d.backward dX").isCloseTo(Matrices.row(1, 3, 2, 4, 10, 6, 3, 7, 4), 1e-15);
        assertThat(conv.weight().grad()).as("Conv2d.backward dW").isCloseTo(Matrices.row(12, 16, 24, 28), 1e-15);
        assertThat(conv.bias().grad()).as("Conv2d.backward db").isCloseTo(Matrices.row(4), 1e-15);
    }

    @Test
    void backwardByHandWithStrideAndPadding() {
        // zeroPaddingAndStrideByHand's layer (padding 1, stride 2), dY = 1 at each output. The
        // four windows tile the padded rows and columns 0..3 without overlap, so each pixel, at
        // padded (h+1, w+1), meets exactly one weight, w((h+1) % 2, (w+1) % 2):
        //   dX = 4 3 4 / 2 1 2 / 4 3 4 (the padding's zeros get no entry in dX)
        //   dW(u, v) = sum over the windows of padded x at (2a + u, 2b + v):
        //     dW(0,0) = x(1,1) = 5, dW(0,1) = x(1,0) + x(1,2) = 10, dW(1,0) = x(0,1) + x(2,1) = 10,
        //     dW(1,1) = x(0,0) + x(0,2) + x(2,0) + x(2,2) = 20;   db = 4
        Conv2d conv = new Conv2d(1, 2, 2, 2, 1, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        DMatrixRMaj dx = conv.backward(Matrices.row(1, 1, 1, 1));
        assertThat(dx).as("Conv2d.backward dX").isCloseTo(Matrices.row(4, 3, 4, 2, 1, 2, 4, 3, 4), 1e-15);
        assertThat(conv.weight().grad()).as("Conv2d.backward dW").isCloseTo(Matrices.row(5, 10, 10, 20), 1e-15);
        assertThat(conv.bias().grad()).as("Conv2d.backward db").isCloseTo(Matrices.row(4), 1e-15);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Two images of 2 channels, 6x5, three 3x2 filters, stride 2, padding 1 (windows overlap
        // along the rows). The layer is linear in each of x, W and b, so centred differences are
        // exact up to rounding: tolerance 1e-7, a correct layer gives about 1e-10.
        Random rng = new Random(16);
        DMatrixRMaj weight = RandomMatrices_DDRM.rectangle(3, 2 * 3 * 2, -1, 1, rng);
        DMatrixRMaj bias = RandomMatrices_DDRM.rectangle(1, 3, -1, 1, rng);
        Conv2d conv = new Conv2d(2, 3, 2, 2, 1, weight, bias);
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(2, 2 * 6 * 5, -2, 2, rng);
        int outH = Conv2d.outputSize(6, 3, 2, 1);
        int outW = Conv2d.outputSize(5, 2, 2, 1);
        DMatrixRMaj dy = RandomMatrices_DDRM.rectangle(2, 3 * outH * outW, -1, 1, rng);

        conv.forward(x, 6, 5);
        DMatrixRMaj dx = conv.backward(dy);

        DMatrixRMaj numericDx = GradientCheck.numericGradient(m -> conv.forward(m, 6, 5), x, dy);
        // The layer keeps its weight and bias matrices, so nudging them in place changes forward.
        DMatrixRMaj numericDw = GradientCheck.numericGradient(w -> conv.forward(x, 6, 5), weight, dy);
        DMatrixRMaj numericDb = GradientCheck.numericGradient(b -> conv.forward(x, 6, 5), bias, dy);
        assertThat(dx).as("Conv2d.backward dX against centred differences").isCloseTo(numericDx, 1e-7);
        assertThat(conv.weight().grad()).as("Conv2d.backward dW against centred differences").isCloseTo(numericDw, 1e-7);
        assertThat(conv.bias().grad()).as("Conv2d.backward db against centred differences").isCloseTo(numericDb, 1e-7);
    }

    @Test
    void parameterGradientsAccumulateOverBackwardCalls() {
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        conv.backward(Matrices.row(1, 1, 1, 1));
        conv.backward(Matrices.row(1, 1, 1, 1));
        assertThat(conv.weight().grad()).as("Conv2d.backward dW after two calls (twice backwardByHand's)")
                .isCloseTo(Matrices.row(24, 32, 48, 56), 1e-15);
        assertThat(conv.bias().grad()).as("Conv2d.backward db after two calls").isCloseTo(Matrices.row(8), 1e-15);
    }

    @Test
    void parametersAreWeightThenBiasAndKeepTheGivenMatrices() {
        DMatrixRMaj weight = Matrices.row(1, 2, 3, 4);
        DMatrixRMaj bias = Matrices.row(10);
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, weight, bias);
        Assertions.assertThat(conv.parameters()).as("Conv2d parameters").containsExactly(conv.weight(), conv.bias());
        Assertions.assertThat(conv.weight().value()).as("Conv2d weight().value(), the matrix given").isSameAs(weight);
        Assertions.assertThat(conv.bias().value()).as("Conv2d bias().value(), the matrix given").isSameAs(bias);
    }

    @Test
    void backwardChecksItsInput() {
        Conv2d conv = new Conv2d(1, 2, 2, 1, 0, Matrices.row(1, 2, 3, 4), Matrices.row(10));
        assertThatThrownBy(() -> conv.backward(Matrices.row(1, 1, 1, 1)), "Conv2d.backward before forward throws")
                .isInstanceOf(IllegalStateException.class);
        conv.forward(Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 3);
        assertThatThrownBy(() -> conv.backward(Matrices.row(1, 1, 1)), "Conv2d.backward with dY of the wrong shape throws")
                .hasMessageContaining("gradOutput: expected (N, F*OH*OW) = (1, 4) but was (1, 3)");
    }
}
