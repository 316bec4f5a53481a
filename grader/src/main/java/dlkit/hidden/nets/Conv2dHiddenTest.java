package dlkit.hidden.nets;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.Conv2d;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Conv2d.class)
@ExtendWith(GradingRandom.class)
class Conv2dHiddenTest {

    private static final Known STRIDE_DIVIDES_PLUS_ONE = new Known("Conv2d/stride-divides-plus-one",
            "the stride dividing the +1 too: (H + 2P - K + 1) / S instead of (H + 2P - K) / S + 1");
    private static final Known PADDING_LEFT_OUT = new Known("Conv2d/padding-left-out-of-size",
            "the padding left out of the output size: (H - K) / S + 1");
    private static final Known FLIPPED = new Known("Conv2d/flipped-kernel",
            "a flipped kernel (true convolution); conv2d is cross-correlation, w[u][v] meets x[i*S+u][j*S+v]");
    private static final Known PADDING_NOT_SUBTRACTED = new Known("Conv2d/padding-not-subtracted",
            "the padding not subtracted from the input position: the row is i*S + u - P");
    private static final Known BACKWARD_WITHOUT_STRIDE = new Known("Conv2d/backward-without-stride",
            "the stride left out of the backward pass: output (i, j) met input row i*S + u - P in forward, so its dY goes"
                    + " back there, not to i + u - P");
    private static final Known BACKWARD_PADDING_NOT_SUBTRACTED = new Known("Conv2d/backward-padding-not-subtracted",
            "the padding not subtracted in the backward pass: the input row of output i and weight u is i*S + u - P");
    private static final Known DB_AVERAGED = new Known("Conv2d/db-averaged-over-positions",
            "db averaged over the OH*OW output positions; the bias is added at every position, so db[f] SUMS dY[n][f][i][j]"
                    + " over n, i and j");
    private static final Known GRADS_OVERWRITTEN = new Known("Conv2d/grads-overwritten",
            "dW and db overwritten by each backward call instead of added to (gradients accumulate until zeroGrad)");

    /**
     * Products summed in another order round differently: about (terms) * 1e-16 absolutely, which
     * the relative error's floor of 1e-8 turns into at most about 1e-6 here. Every known mistake
     * is off by far more.
     */
    private static final double SUMS = 1e-6;

    @Test
    @Points(1)
    void outputSizeMatchesReference(RandomGenerator rng) {
        int cases = 30;
        double[] student = new double[cases];
        double[] reference = new double[cases];
        double[] strideOverPlusOne = new double[cases];
        double[] paddingIgnored = new double[cases];
        for (int c = 0; c < cases; c++) {
            int stride = Draw.size(rng, 2, 4);
            int padding = Draw.size(rng, 1, 3);
            int kernel = Draw.size(rng, 1, 5);
            int input = Draw.size(rng, kernel, 24);
            student[c] = Conv2d.outputSize(input, kernel, stride, padding);
            reference[c] = dlkit.reference.nets.Conv2d.outputSize(input, kernel, stride, padding);
            strideOverPlusOne[c] = (input + 2 * padding - kernel + 1) / stride;
            paddingIgnored[c] = (input - kernel) / stride + 1;
        }
        Check.close("Conv2d.outputSize on 30 random (size, kernel, stride >= 2, padding >= 1)",
                Matrices.row(student), Matrices.row(reference), 0.0,
                STRIDE_DIVIDES_PLUS_ONE.wouldGive(Matrices.row(strideOverPlusOne)),
                PADDING_LEFT_OUT.wouldGive(Matrices.row(paddingIgnored)));
    }

    @Test
    @Points(2)
    void forwardWithStrideOneAndNoPaddingMatchesReference(RandomGenerator rng) {
        checkForward(rng, 1, 0, "stride 1, padding 0");
    }

    @Test
    @Points(3)
    void forwardWithStrideAndPaddingMatchesReference(RandomGenerator rng) {
        checkForward(rng, Draw.size(rng, 2, 3), Draw.size(rng, 1, 2), "stride >= 2, padding >= 1");
    }

    @Test
    @Points(1)
    void forwardWithStrideOneAndPaddingMatchesReference(RandomGenerator rng) {
        checkForward(rng, 1, Draw.size(rng, 1, 2), "stride 1, padding >= 1 (windows reach past the bottom and right edges)");
    }

    private static void checkForward(RandomGenerator rng, int stride, int padding, String situation) {
        int n = Draw.size(rng, 1, 3);
        int channels = Draw.size(rng, 1, 3);
        int height = Draw.size(rng, 4, 9);
        int width = Draw.size(rng, 4, 9);
        int filters = Draw.size(rng, 1, 4);
        int kh = Draw.size(rng, 2, 3);
        int kw = Draw.size(rng, 2, 3);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, channels * height * width, 1.0));
        Given<DMatrixRMaj> weight = Given.of("weight", Draw.normal(rng, filters, channels * kh * kw, 1.0));
        Given<DMatrixRMaj> givenBias = Given.of("bias", Draw.normal(rng, 1, filters, 1.0));
        DMatrixRMaj x0 = x.copy();
        DMatrixRMaj weight0 = weight.copy();
        DMatrixRMaj bias = givenBias.copy();

        DMatrixRMaj actual = new Conv2d(channels, kh, kw, stride, padding, weight.student(), givenBias.student())
                .forward(x.student(), height, width);
        Given.unchanged("Conv2d.forward", x, weight, givenBias);
        DMatrixRMaj expected = new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, padding, weight.copy(),
                givenBias.copy()).forward(x.copy(), height, width);

        String what = "Conv2d.forward on " + n + " image(s) of (C, H, W) = (" + channels + ", " + height + ", " + width
                + "), " + filters + " filter(s) of " + kh + "x" + kw + ", " + situation;
        Check.close(what, actual, expected, 1e-9,
                FLIPPED.wouldGive(new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, padding, flipped(weight0, channels, kh, kw),
                                bias).forward(x0, height, width)),
                PADDING_NOT_SUBTRACTED.wouldGive(
                        paddingNotSubtracted(x0, channels, height, width, kh, kw, stride, padding, weight0, bias)));
    }

    /** Each (KH, KW) kernel turned by 180 degrees. */
    private static DMatrixRMaj flipped(DMatrixRMaj weight, int channels, int kh, int kw) {
        DMatrixRMaj out = new DMatrixRMaj(weight.numRows, weight.numCols);
        for (int f = 0; f < weight.numRows; f++) {
            for (int c = 0; c < channels; c++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        out.set(f, (c * kh + u) * kw + v, weight.get(f, (c * kh + kh - 1 - u) * kw + kw - 1 - v));
                    }
                }
            }
        }
        return out;
    }

    /** Positions i*S + u instead of i*S + u - P: as if all 2P zeros were added at the bottom and right. */
    private static DMatrixRMaj paddingNotSubtracted(DMatrixRMaj x, int channels, int height, int width, int kh, int kw,
                                                    int stride, int padding, DMatrixRMaj weight, DMatrixRMaj bias) {
        int h2 = height + 2 * padding;
        int w2 = width + 2 * padding;
        DMatrixRMaj grown = new DMatrixRMaj(x.numRows, channels * h2 * w2);
        copyImages(x, channels, height, width, grown, h2, w2);
        return new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, 0, weight, bias).forward(grown, h2, w2);
    }

    /**
     * Copies the top-left height x width pixels of each channel from one layout to another: from
     * {@code from}'s (fromH, fromW) images to {@code to}'s (toH, toW), whichever is larger.
     */
    private static void copyImages(DMatrixRMaj from, int channels, int fromH, int fromW, DMatrixRMaj to, int toH, int toW) {
        for (int n = 0; n < from.numRows; n++) {
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < Math.min(fromH, toH); r++) {
                    for (int q = 0; q < Math.min(fromW, toW); q++) {
                        to.set(n, (c * toH + r) * toW + q, from.get(n, (c * fromH + r) * fromW + q));
                    }
                }
            }
        }
    }

    @Test
    @Points(2)
    void backwardWithStrideOneAndNoPaddingMatchesReference(RandomGenerator rng) {
        checkBackward(rng, 1, 0, "stride 1, padding 0");
    }

    @Test
    @Points(3)
    void backwardWithStrideAndPaddingMatchesReference(RandomGenerator rng) {
        checkBackward(rng, Draw.size(rng, 2, 3), Draw.size(rng, 1, 2), "stride >= 2, padding >= 1");
    }

    @Test
    @Points(1)
    void backwardWithOverlappingWindowsMatchesReference(RandomGenerator rng) {
        checkBackward(rng, 1, 1, "stride 1, padding 1 (every inner pixel under KH*KW windows)");
    }

    @Test
    @Points(1)
    void parameterGradientsAccumulateOverTwoBackwardCalls(RandomGenerator rng) {
        int channels = Draw.size(rng, 1, 2);
        int filters = Draw.size(rng, 1, 3);
        int k = Draw.size(rng, 2, 3);
        int size = Draw.size(rng, 4, 7);
        int stride = Draw.size(rng, 1, 2);
        int out = Conv2d.outputSize(size, k, stride, 1);
        Given<DMatrixRMaj> weight = Given.of("weight", Draw.normal(rng, filters, channels * k * k, 1.0));
        Given<DMatrixRMaj> bias = Given.of("bias", Draw.normal(rng, 1, filters, 1.0));
        Conv2d student = new Conv2d(channels, k, k, stride, 1, weight.student(), bias.student());
        var reference = new dlkit.reference.nets.Conv2d(channels, k, k, stride, 1, weight.copy(), bias.copy());
        var secondOnly = new dlkit.reference.nets.Conv2d(channels, k, k, stride, 1, weight.copy(), bias.copy());
        for (int call = 0; call < 2; call++) {
            int n = Draw.size(rng, 1, 3);
            Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, channels * size * size, 1.0));
            Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, n, filters * out * out, 1.0));
            student.forward(x.student(), size, size);
            student.backward(dy.student());
            Given.unchanged("Conv2d.forward and backward", x, dy);
            reference.forward(x.copy(), size, size);
            reference.backward(dy.copy());
            if (call == 1) {
                secondOnly.forward(x.copy(), size, size);
                secondOnly.backward(dy.copy());
            }
        }
        Check.close("dW of Conv2d after two forward/backward passes without zeroGrad (gradients must add up)",
                student.weight().grad(), reference.weight().grad(), SUMS,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.weight().grad()));
        Check.close("db of Conv2d after two forward/backward passes without zeroGrad (gradients must add up)",
                student.bias().grad(), reference.bias().grad(), SUMS,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.bias().grad()));
    }

    private static void checkBackward(RandomGenerator rng, int stride, int padding, String situation) {
        int n = Draw.size(rng, 2, 3);
        int channels = Draw.size(rng, 1, 3);
        int height = Draw.size(rng, 4, 9);
        int width = Draw.size(rng, 4, 9);
        int filters = Draw.size(rng, 1, 4);
        int kh = Draw.size(rng, 2, 3);
        int kw = Draw.size(rng, 2, 3);
        int outH = Conv2d.outputSize(height, kh, stride, padding);
        int outW = Conv2d.outputSize(width, kw, stride, padding);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, channels * height * width, 1.0));
        Given<DMatrixRMaj> weight = Given.of("weight", Draw.normal(rng, filters, channels * kh * kw, 1.0));
        Given<DMatrixRMaj> bias = Given.of("bias", Draw.normal(rng, 1, filters, 1.0));
        Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, n, filters * outH * outW, 1.0));

        Conv2d student = new Conv2d(channels, kh, kw, stride, padding, weight.student(), bias.student());
        student.forward(x.student(), height, width);
        DMatrixRMaj dx = student.backward(dy.student());
        Given.unchanged("Conv2d.forward and backward", x, weight, bias, dy);
        var reference = new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, padding, weight.copy(), bias.copy());
        reference.forward(x.copy(), height, width);
        DMatrixRMaj expectedDx = reference.backward(dy.copy());

        var noStride = withoutStride(x.copy(), dy.copy(), weight.copy(), bias.copy(), channels, height, width, kh, kw,
                stride, padding);
        var shifted = paddingNotSubtractedInBackward(x.copy(), dy.copy(), weight.copy(), bias.copy(), channels, height,
                width, kh, kw, stride, padding);
        DMatrixRMaj averagedDb = reference.bias().grad().copy();
        CommonOps_DDRM.scale(1.0 / (outH * outW), averagedDb);

        String what = " of Conv2d.backward on " + n + " images of (C, H, W) = (" + channels + ", " + height + ", " + width
                + "), " + filters + " filter(s) of " + kh + "x" + kw + ", " + situation;
        Check.close("dX" + what, dx, expectedDx, SUMS, BACKWARD_WITHOUT_STRIDE.wouldGive(noStride[0]),
                BACKWARD_PADDING_NOT_SUBTRACTED.wouldGive(shifted[0]));
        Check.close("dW (weight gradient)" + what, student.weight().grad(), reference.weight().grad(), SUMS,
                BACKWARD_WITHOUT_STRIDE.wouldGive(noStride[1]), BACKWARD_PADDING_NOT_SUBTRACTED.wouldGive(shifted[1]));
        Check.close("db (bias gradient)" + what, student.bias().grad(), reference.bias().grad(), SUMS,
                DB_AVERAGED.wouldGive(averagedDb));
    }

    /**
     * {dX, dW} of a backward pass that uses input row i + u - P (no stride): the stride-1 layer's
     * backward with dY placed at its outputs (i, j) for i < OH, j < OW and zero elsewhere.
     */
    private static DMatrixRMaj[] withoutStride(DMatrixRMaj x, DMatrixRMaj dy, DMatrixRMaj weight, DMatrixRMaj bias,
                                               int channels, int height, int width, int kh, int kw, int stride, int padding) {
        int filters = weight.numRows;
        int outH = Conv2d.outputSize(height, kh, stride, padding);
        int outW = Conv2d.outputSize(width, kw, stride, padding);
        int oneH = Conv2d.outputSize(height, kh, 1, padding);
        int oneW = Conv2d.outputSize(width, kw, 1, padding);
        DMatrixRMaj placed = new DMatrixRMaj(x.numRows, filters * oneH * oneW);
        for (int n = 0; n < x.numRows; n++) {
            for (int f = 0; f < filters; f++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        placed.set(n, (f * oneH + i) * oneW + j, dy.get(n, (f * outH + i) * outW + j));
                    }
                }
            }
        }
        var strideOne = new dlkit.reference.nets.Conv2d(channels, kh, kw, 1, padding, weight, bias);
        strideOne.forward(x, height, width);
        DMatrixRMaj dx = strideOne.backward(placed);
        return new DMatrixRMaj[] {dx, strideOne.weight().grad()};
    }

    /**
     * {dX, dW} of a backward pass that uses input row i*S + u (no - P), skipping rows past the
     * image: the layer without padding on the image grown by 2P zero rows and columns at the
     * bottom and right, its dX cut back to H x W.
     */
    private static DMatrixRMaj[] paddingNotSubtractedInBackward(DMatrixRMaj x, DMatrixRMaj dy, DMatrixRMaj weight,
                                                                DMatrixRMaj bias, int channels, int height, int width,
                                                                int kh, int kw, int stride, int padding) {
        int h2 = height + 2 * padding;
        int w2 = width + 2 * padding;
        DMatrixRMaj grown = new DMatrixRMaj(x.numRows, channels * h2 * w2);
        copyImages(x, channels, height, width, grown, h2, w2);
        var unpadded = new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, 0, weight, bias);
        unpadded.forward(grown, h2, w2);
        DMatrixRMaj dx = new DMatrixRMaj(x.numRows, x.numCols);
        copyImages(unpadded.backward(dy), channels, h2, w2, dx, height, width);
        return new DMatrixRMaj[] {dx, unpadded.weight().grad()};
    }
}
