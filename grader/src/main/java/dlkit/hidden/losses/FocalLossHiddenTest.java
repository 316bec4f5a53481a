package dlkit.hidden.losses;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.FocalLoss;
import dlkit.losses.LossAndGradient;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(FocalLoss.class)
@ExtendWith(GradingRandom.class)
class FocalLossHiddenTest {

    private static final Known NO_FACTOR = new Known("FocalLoss/without-focusing-factor",
            "the (1 - p_t)^gamma factor missing: that is plain cross-entropy");
    private static final Known FACTOR_CONSTANT = new Known("FocalLoss/factor-held-constant",
            "(1 - p_t)^gamma treated as a constant; it depends on the scores too, which adds "
                    + "- gamma p_t (1 - p_t)^(gamma - 1) log p_t to the factor");
    private static final Known ALPHA_IGNORED = new Known("FocalLoss/alpha-ignored",
            "alpha ignored: each sample's term is weighted by alpha of its true class");

    /** The student's result on its own copies of the scores and labels, which must stay unchanged. */
    private static LossAndGradient student(FocalLoss loss, Given<DMatrixRMaj> scores, Given<int[]> labels) {
        LossAndGradient result = loss.compute(scores.student(), labels.student());
        Given.unchanged("FocalLoss.compute", scores, labels);
        return result;
    }

    // Loss and gradient are held to 1e-7 relative error (room for another order of summation and
    // for pow against repeated products); each named mistake changes them by far more.

    @Test
    @Points(2)
    void defaultGammaTwoMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 2, 6);
        DMatrixRMaj s = Draw.normal(rng, n, c, 2.0);
        int[] y = labels(rng, n, c);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        LossAndGradient student = student(new FocalLoss(), scores, labels);
        var reference = new dlkit.reference.losses.FocalLoss().compute(scores.copy(), labels.copy());

        String where = "FocalLoss().compute (gamma 2, no alpha) on (" + n + ", " + c + ") scores";
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7,
                NO_FACTOR.wouldGive(crossEntropy(s, y)));
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7,
                FACTOR_CONSTANT.wouldGive(factorAsConstant(s, y, 2.0)));
    }

    @Test
    @Points(2)
    void aGivenGammaAndAlphaMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 2, 6);
        double gamma = rng.nextDouble(0.5, 4);
        double[] alpha = new double[c];
        for (int k = 0; k < c; k++) {
            alpha[k] = rng.nextDouble(0.1, 2);
        }
        DMatrixRMaj s = Draw.normal(rng, n, c, 2.0);
        int[] y = labels(rng, n, c);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        Given<double[]> weights = Given.of("alpha", alpha);
        LossAndGradient student = student(new FocalLoss(gamma, weights.student()), scores, labels);
        weights.unchanged("FocalLoss's constructor and compute");
        var reference = new dlkit.reference.losses.FocalLoss(gamma, weights.copy()).compute(scores.copy(), labels.copy());
        double unweighted = new dlkit.reference.losses.FocalLoss(gamma, null).compute(s, y).loss();

        String where = "FocalLoss(" + gamma + ", " + java.util.Arrays.toString(alpha) + ").compute on (" + n + ", " + c + ") scores";
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7,
                ALPHA_IGNORED.wouldGive(unweighted));
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7);
    }

    @Test
    @Points(1)
    void largeScoresStayFinite(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int c = Draw.size(rng, 2, 6);
        DMatrixRMaj s = Draw.normal(rng, n, c, 1000.0);
        s.set(0, rng.nextInt(c), rng.nextDouble(1000, 2000)); // exp of it overflows for certain
        int[] y = labels(rng, n, c);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        LossAndGradient student = student(new FocalLoss(), scores, labels);
        var reference = new dlkit.reference.losses.FocalLoss().compute(scores.copy(), labels.copy());
        String where = "FocalLoss().compute on scores of size about 1000 (exp overflows unless log-softmax "
                + "subtracts the row's maximum first)";
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7);
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7);
    }

    @Test
    @Points(1)
    void aSampleClassifiedWithCertaintyAddsNothingForGammaBelowOne(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 6);
        int c = Draw.size(rng, 2, 5);
        double gamma = rng.nextDouble(0.25, 0.9);
        DMatrixRMaj s = Draw.normal(rng, n, c, 1.0);
        int[] y = labels(rng, n, c);
        s.set(0, y[0], 1000); // p_t is exactly 1: (1 - p_t)^(gamma - 1) is infinite, the factor's limit is 0
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        LossAndGradient student = student(new FocalLoss(gamma, null), scores, labels);
        var reference = new dlkit.reference.losses.FocalLoss(gamma, null).compute(scores.copy(), labels.copy());
        String where = "FocalLoss(" + gamma + ", null).compute with sample 0 certain (p_t = 1)";
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7);
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7);
    }

    private static int[] labels(RandomGenerator rng, int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(c);
        }
        return y;
    }

    /** Row-wise stable log-softmax. */
    private static DMatrixRMaj logSoftmax(DMatrixRMaj s) {
        DMatrixRMaj out = new DMatrixRMaj(s.numRows, s.numCols);
        for (int i = 0; i < s.numRows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s.numCols; j++) {
                max = Math.max(max, s.get(i, j));
            }
            double sum = 0;
            for (int j = 0; j < s.numCols; j++) {
                sum += Math.exp(s.get(i, j) - max);
            }
            for (int j = 0; j < s.numCols; j++) {
                out.set(i, j, s.get(i, j) - max - Math.log(sum));
            }
        }
        return out;
    }

    private static double crossEntropy(DMatrixRMaj s, int[] y) {
        DMatrixRMaj logp = logSoftmax(s);
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            loss -= logp.get(i, y[i]) / y.length;
        }
        return loss;
    }

    /** (p - onehot(y)) (1 - p_t)^gamma / N: the gradient with the focusing factor held constant. */
    private static DMatrixRMaj factorAsConstant(DMatrixRMaj s, int[] y, double gamma) {
        DMatrixRMaj logp = logSoftmax(s);
        DMatrixRMaj g = new DMatrixRMaj(s.numRows, s.numCols);
        for (int i = 0; i < s.numRows; i++) {
            double factor = Math.pow(-Math.expm1(logp.get(i, y[i])), gamma);
            for (int j = 0; j < s.numCols; j++) {
                g.set(i, j, (Math.exp(logp.get(i, j)) - (j == y[i] ? 1 : 0)) * factor / s.numRows);
            }
        }
        return g;
    }
}
