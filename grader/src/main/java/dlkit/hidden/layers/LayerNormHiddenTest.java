package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.LayerNorm;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LayerNorm.class)
@ExtendWith(GradingRandom.class)
class LayerNormHiddenTest {

    private static final double EPS = 1e-5;

    private static final Known OVER_BATCH = new Known("LayerNorm/over-the-batch-axis",
            "statistics taken over the batch axis (per column, as batch norm); layer norm takes them over each row's"
                    + " features");
    private static final Known UNBIASED = new Known("LayerNorm/unbiased-variance",
            "the unbiased variance (divided by D - 1); layer norm divides by D");
    private static final Known STATISTICS_CONSTANT = new Known("LayerNorm/backward-statistics-as-constants",
            "each row's mean and variance treated as constants; they depend on x too");
    private static final Known NO_MEAN_TERM = new Known("LayerNorm/backward-without-mean-term",
            "the row's mean treated as a constant in backward: the - sum_k g_ik term is missing");
    private static final Known GRADS_OVERWRITTEN = new Known("LayerNorm/grads-overwritten",
            "dgamma and dbeta overwritten by each backward call instead of added to (gradients accumulate until zeroGrad)");

    /*
     * Tolerances: a correct solution may sum in another order than the reference, which changes the
     * last bits; outputs are held to 1e-7 and gradients (longer sums) to 1e-6
     * relative error, which leaves room for elements near 0 while every named mistake is off by
     * more than 1e-3.
     */

    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        // N >= 3 and D >= 3, so statistics over the batch axis or with N - 1 give other numbers.
        int n = Draw.size(rng, 3, 10);
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj beta = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj x = rows(rng, n, d);
        LayerNorm student = new LayerNorm(d);
        student.gamma().value().setTo(gamma);
        student.beta().value().setTo(beta);
        var reference = new dlkit.reference.layers.LayerNorm(d);
        reference.gamma().value().setTo(gamma);
        reference.beta().value().setTo(beta);

        DMatrixRMaj xt = CommonOps_DDRM.transpose(x, null);
        DMatrixRMaj overBatch = CommonOps_DDRM.transpose(normaliseRows(xt, xt.numCols), null);
        scaleAndShift(overBatch, gamma, beta);
        DMatrixRMaj unbiased = normaliseRows(x, d - 1);
        scaleAndShift(unbiased, gamma, beta);
        LayerPair.Outputs y = new LayerPair("LayerNorm", student, reference).forward(Given.of("x", x));
        Check.close("LayerNorm.forward on a (" + n + ", " + d + ") batch", y.student(), y.reference(), 1e-7,
                OVER_BATCH.wouldGive(overBatch), UNBIASED.wouldGive(unbiased));
    }

    @Test
    @Points(1)
    void aSingleSampleIsNormalisedOnItsOwn(RandomGenerator rng) {
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj x = rows(rng, 1, d);
        LayerPair.Outputs y = new LayerPair("LayerNorm", new LayerNorm(d), new dlkit.reference.layers.LayerNorm(d))
                .forward(Given.of("x", x));
        Check.close("LayerNorm.forward on one sample (1, " + d + ")", y.student(), y.reference(), 1e-7);
    }

    @Test
    @Points(2)
    void backwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj x = rows(rng, n, d);
        DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
        LayerNorm student = new LayerNorm(d);
        student.gamma().value().setTo(gamma);
        var reference = new dlkit.reference.layers.LayerNorm(d);
        reference.gamma().value().setTo(gamma);
        LayerPair layers = new LayerPair("LayerNorm", student, reference);
        layers.forward(Given.of("x", x));

        DMatrixRMaj asConstants = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            double invStd = 1 / Math.sqrt(rowSquares(x, i) / d + EPS);
            for (int j = 0; j < d; j++) {
                asConstants.set(i, j, up.get(i, j) * gamma.data[j] * invStd);
            }
        }
        DMatrixRMaj withoutMeanTerm = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            double mu = rowMean(x, i);
            double invStd = 1 / Math.sqrt(rowSquares(x, i) / d + EPS);
            double sumGXhat = 0;
            for (int j = 0; j < d; j++) {
                sumGXhat += up.get(i, j) * gamma.data[j] * (x.get(i, j) - mu) * invStd;
            }
            for (int j = 0; j < d; j++) {
                double g = up.get(i, j) * gamma.data[j];
                withoutMeanTerm.set(i, j, invStd / d * (d * g - (x.get(i, j) - mu) * invStd * sumGXhat));
            }
        }
        String where = " of LayerNorm.backward on a (" + n + ", " + d + ") batch";
        LayerPair.Outputs dx = layers.backward(Given.of("dY", up));
        Check.close("dx" + where, dx.student(), dx.reference(), 1e-6, STATISTICS_CONSTANT.wouldGive(asConstants),
                NO_MEAN_TERM.wouldGive(withoutMeanTerm));
        Check.close("dgamma" + where, student.gamma().grad(), reference.gamma().grad(), 1e-6);
        Check.close("dbeta" + where, student.beta().grad(), reference.beta().grad(), 1e-6);
    }

    /**
     * The Layer contract: backward ADDS into the parameters' gradients, so two passes without
     * zeroGrad leave the sum of both (what a batch split in two, or a shared layer, relies on).
     * A single pass cannot tell adding from overwriting, since gradients start at 0; the layer's
     * other tests all make one pass. The overwritten answer is a fresh reference given only the
     * second pass.
     */
    @Test
    @Points(1)
    void parameterGradientsAccumulateOverTwoBackwardCalls(RandomGenerator rng) {
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        LayerNorm student = new LayerNorm(d);
        student.gamma().value().setTo(gamma);
        var reference = new dlkit.reference.layers.LayerNorm(d);
        reference.gamma().value().setTo(gamma);
        var secondOnly = new dlkit.reference.layers.LayerNorm(d);
        secondOnly.gamma().value().setTo(gamma);
        LayerPair layers = new LayerPair("LayerNorm", student, reference);

        for (int call = 0; call < 2; call++) {
            int n = Draw.size(rng, 1, 6);
            DMatrixRMaj x = rows(rng, n, d);
            DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
            layers.forward(Given.of("x", x));
            layers.backward(Given.of("dY", up));
            if (call == 1) {
                secondOnly.forward(x.copy());
                secondOnly.backward(up.copy());
            }
        }

        String where = " after two forward/backward passes without zeroGrad (gradients must add up)";
        Check.close("dgamma of LayerNorm" + where, student.gamma().grad(), reference.gamma().grad(), 1e-6,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.gamma().grad()));
        Check.close("dbeta of LayerNorm" + where, student.beta().grad(), reference.beta().grad(), 1e-6,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.beta().grad()));
    }

    /** Rows with their own offsets and scales. */
    private static DMatrixRMaj rows(RandomGenerator rng, int n, int d) {
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        for (int i = 0; i < n; i++) {
            double scale = rng.nextDouble(0.5, 3);
            double shift = rng.nextDouble(-2, 2);
            for (int j = 0; j < d; j++) {
                x.set(i, j, scale * x.get(i, j) + shift);
            }
        }
        return x;
    }

    private static double rowMean(DMatrixRMaj x, int i) {
        double s = 0;
        for (int j = 0; j < x.numCols; j++) {
            s += x.get(i, j);
        }
        return s / x.numCols;
    }

    /** The sum of squared deviations of row i from its mean. */
    private static double rowSquares(DMatrixRMaj x, int i) {
        double mu = rowMean(x, i);
        double squares = 0;
        for (int j = 0; j < x.numCols; j++) {
            squares += Math.pow(x.get(i, j) - mu, 2);
        }
        return squares;
    }

    /** Each row minus its mean, divided by sqrt(sum of squared deviations / divisor + eps). */
    private static DMatrixRMaj normaliseRows(DMatrixRMaj x, int divisor) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            double mu = rowMean(x, i);
            double invStd = 1 / Math.sqrt(rowSquares(x, i) / divisor + EPS);
            for (int j = 0; j < x.numCols; j++) {
                y.set(i, j, (x.get(i, j) - mu) * invStd);
            }
        }
        return y;
    }

    private static void scaleAndShift(DMatrixRMaj y, DMatrixRMaj gamma, DMatrixRMaj beta) {
        for (int i = 0; i < y.numRows; i++) {
            for (int j = 0; j < y.numCols; j++) {
                y.set(i, j, gamma.data[j] * y.get(i, j) + beta.data[j]);
            }
        }
    }
}
