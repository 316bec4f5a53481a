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
        for (int n = 0; n < x.numRows; n++) {
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < height; r++) {
                    for (int q = 0; q < width; q++) {
                        grown.set(n, (c * h2 + r) * w2 + q, x.get(n, (c * height + r) * width + q));
                    }
                }
            }
        }
        return new dlkit.reference.nets.Conv2d(channels, kh, kw, stride, 0, weight, bias).forward(grown, h2, w2);
    }
}
