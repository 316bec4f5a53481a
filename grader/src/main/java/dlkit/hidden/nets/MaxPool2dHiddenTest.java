package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.MaxPool2d;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Max pooling against the reference. Maxima and sums of selected dY are exact, so the tolerance
 * is rounding only (1e-12). Ties are made on purpose: inputs of small integers.
 */
@Grades(MaxPool2d.class)
@ExtendWith(GradingRandom.class)
class MaxPool2dHiddenTest {

    private static final double EXACT = 1e-12;

    private static final Known AVERAGED = new Known("MaxPool2d/gradient-averaged",
            "dY spread evenly over the window, dY / K^2 to each input: that is average pooling's backward; max pooling"
                    + " sends the whole dY to the input that was the maximum");
    private static final Known EVERY_TIE = new Known("MaxPool2d/gradient-to-every-tie",
            "dY sent to every input equal to the window's maximum; on a tie only the first maximum in row-major order"
                    + " gets it (PyTorch's rule), so the gradient is not counted twice");
    private static final Known LAST_TIE = new Known("MaxPool2d/gradient-to-last-tie",
            "dY sent to the last maximum of the window on a tie (>= instead of >); PyTorch's rule is the first in"
                    + " row-major order");
    private static final Known OVERWRITTEN = new Known("MaxPool2d/overlapping-gradients-overwritten",
            "dX set instead of added to: an input that is the maximum of two overlapping windows (S < K) gets the sum"
                    + " of both windows' dY");

    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        Case c = Case.draw(rng, Draw.size(rng, 2, 3), 0, false);
        DMatrixRMaj actual = new MaxPool2d(c.kernel, c.stride).forward(c.x.student(), c.channels, c.height, c.width);
        c.x.unchanged("MaxPool2d.forward");
        DMatrixRMaj expected = new dlkit.reference.nets.MaxPool2d(c.kernel, c.stride)
                .forward(c.x.copy(), c.channels, c.height, c.width);
        Check.close("MaxPool2d.forward " + c, actual, expected, EXACT);
    }

    @Test
    @Points(3)
    void backwardWithoutTiesMatchesReference(RandomGenerator rng) {
        checkBackward(Case.draw(rng, Draw.size(rng, 2, 3), 0, false));
    }

    @Test
    @Points(2)
    void backwardWithTiesSendsTheGradientToTheFirstMaximum(RandomGenerator rng) {
        // Pixels 0, 1 or 2: a 2x2 window holds a tie with probability above 1/2.
        checkBackward(Case.draw(rng, 2, 0, true));
    }

    @Test
    @Points(1)
    void overlappingWindowsAddTheirGradients(RandomGenerator rng) {
        checkBackward(Case.draw(rng, 3, 1, false));
    }

    private static void checkBackward(Case c) {
        MaxPool2d student = new MaxPool2d(c.kernel, c.stride);
        student.forward(c.x.student(), c.channels, c.height, c.width);
        DMatrixRMaj dx = student.backward(c.dy.student());
        Given.unchanged("MaxPool2d.forward and backward", c.x, c.dy);
        var reference = new dlkit.reference.nets.MaxPool2d(c.kernel, c.stride);
        reference.forward(c.x.copy(), c.channels, c.height, c.width);
        DMatrixRMaj expected = reference.backward(c.dy.copy());
        Check.close("dX of MaxPool2d.backward " + c, dx, expected, EXACT,
                AVERAGED.wouldGive(c.wrongBackward(Rule.AVERAGE)), EVERY_TIE.wouldGive(c.wrongBackward(Rule.EVERY_TIE)),
                LAST_TIE.wouldGive(c.wrongBackward(Rule.LAST)), OVERWRITTEN.wouldGive(c.wrongBackward(Rule.OVERWRITE)));
    }

    private enum Rule { AVERAGE, EVERY_TIE, LAST, OVERWRITE }

    /** One drawn input: its sizes, x and dY. */
    private record Case(int kernel, int stride, int channels, int height, int width, Given<DMatrixRMaj> x,
                        Given<DMatrixRMaj> dy, boolean ties) {

        /** stride 0 draws one in 1..kernel. */
        static Case draw(RandomGenerator rng, int kernel, int stride, boolean ties) {
            int s = stride > 0 ? stride : Draw.size(rng, 1, kernel);
            int n = Draw.size(rng, 1, 3);
            int channels = Draw.size(rng, 1, 3);
            int height = Draw.size(rng, kernel + 1, 9);
            int width = Draw.size(rng, kernel + 1, 9);
            DMatrixRMaj x = Draw.normal(rng, n, channels * height * width, 1.0);
            if (ties) {
                for (int i = 0; i < x.data.length; i++) {
                    x.data[i] = rng.nextInt(3);
                }
            }
            int outs = channels * ((height - kernel) / s + 1) * ((width - kernel) / s + 1);
            return new Case(kernel, s, channels, height, width, Given.of("x", x), Given.of("dY", Draw.normal(rng, n, outs, 1.0)), ties);
        }

        int outH() {
            return (height - kernel) / stride + 1;
        }

        int outW() {
            return (width - kernel) / stride + 1;
        }

        /** dX by one of the known wrong rules, each written out here on copies. */
        DMatrixRMaj wrongBackward(Rule rule) {
            DMatrixRMaj in = x.copy();
            DMatrixRMaj g = dy.copy();
            DMatrixRMaj dx = new DMatrixRMaj(in.numRows, in.numCols);
            for (int n = 0; n < in.numRows; n++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < outH(); i++) {
                        for (int j = 0; j < outW(); j++) {
                            double grad = g.get(n, (c * outH() + i) * outW() + j);
                            int first = pixel(c, i, j, 0, 0);
                            int last = first;
                            for (int u = 0; u < kernel; u++) {
                                for (int v = 0; v < kernel; v++) {
                                    int p = pixel(c, i, j, u, v);
                                    if (in.get(n, p) > in.get(n, first)) {
                                        first = p;
                                    }
                                    if (in.get(n, p) >= in.get(n, last)) {
                                        last = p;
                                    }
                                }
                            }
                            for (int u = 0; u < kernel; u++) {
                                for (int v = 0; v < kernel; v++) {
                                    int p = pixel(c, i, j, u, v);
                                    if (rule == Rule.AVERAGE) {
                                        dx.add(n, p, grad / (kernel * kernel));
                                    } else if (rule == Rule.EVERY_TIE && in.get(n, p) == in.get(n, first)) {
                                        dx.add(n, p, grad);
                                    }
                                }
                            }
                            if (rule == Rule.LAST) {
                                dx.add(n, last, grad);
                            } else if (rule == Rule.OVERWRITE) {
                                dx.set(n, first, grad);
                            }
                        }
                    }
                }
            }
            return dx;
        }

        private int pixel(int c, int i, int j, int u, int v) {
            return (c * height + i * stride + u) * width + j * stride + v;
        }

        @Override
        public String toString() {
            return "on " + x.copy().numRows + " image(s) of (C, H, W) = (" + channels + ", " + height + ", " + width
                    + "), window " + kernel + "x" + kernel + ", stride " + stride + (ties ? ", pixels 0, 1 or 2 (ties)" : "");
        }
    }
}
