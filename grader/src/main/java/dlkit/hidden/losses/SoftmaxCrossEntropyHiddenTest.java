package dlkit.hidden.losses;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.LossAndGradient;
import dlkit.losses.SoftmaxCrossEntropy;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(SoftmaxCrossEntropy.class)
@ExtendWith(GradingRandom.class)
class SoftmaxCrossEntropyHiddenTest {

    private static final Known SUMMED = new Known("SoftmaxCrossEntropy/summed-not-averaged",
            "the loss summed over the batch; PyTorch's default is the mean (divide by N)");
    private static final Known GRADIENT_NO_ONE_OVER_N = new Known("SoftmaxCrossEntropy/gradient-missing-one-over-n",
            "the gradient is missing the 1/N of the mean over the batch");
    private static final Known WRONG_SIGN = new Known("SoftmaxCrossEntropy/gradient-wrong-sign",
            "the gradient has the wrong sign: it is softmax - onehot");
    private static final Known NO_MAX_SHIFT = new Known("SoftmaxCrossEntropy/no-max-shift",
            "softmax without the max shift: exp(1000) overflows; subtract each row's max first");
    private static final Known ONE_MAX = new Known("SoftmaxCrossEntropy/one-max-for-the-batch",
            "the scores shifted by the largest score of the whole batch, not of each row: in a row far below it"
                    + " every exp underflows to 0 and log(0) is -infinity; subtract each row's own max");

    private static int[] labels(RandomGenerator rng, int n, int c) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(c);
        }
        return labels;
    }

    private static DMatrixRMaj times(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }

    /** The mean loss with every row shifted by the largest score of the whole batch (the mistake). */
    private static double shiftedByTheBatchMax(DMatrixRMaj logits, int[] labels) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits.data) {
            max = Math.max(max, z);
        }
        double loss = 0;
        for (int i = 0; i < logits.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < logits.numCols; j++) {
                sum += Math.exp(logits.get(i, j) - max);
            }
            loss += max + Math.log(sum) - logits.get(i, labels[i]);
        }
        return loss / logits.numRows;
    }

    @Test
    @Points(2)
    void lossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 12);
        int c = Draw.size(rng, 2, 8);
        Given<DMatrixRMaj> logits = Given.of("logits", Draw.normal(rng, n, c, 3.0));
        Given<int[]> labels = Given.of("labels", labels(rng, n, c));

        double student = SoftmaxCrossEntropy.compute(logits.student(), labels.student()).loss();
        Given.unchanged("SoftmaxCrossEntropy.compute", logits, labels);
        double reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits.copy(), labels.copy()).loss();

        Check.close("loss of SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits", student, reference, 1e-9,
                SUMMED.wouldGive(reference * n));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 12);
        int c = Draw.size(rng, 2, 8);
        Given<DMatrixRMaj> logits = Given.of("logits", Draw.normal(rng, n, c, 3.0));
        Given<int[]> labels = Given.of("labels", labels(rng, n, c));

        DMatrixRMaj student = SoftmaxCrossEntropy.compute(logits.student(), labels.student()).gradient();
        Given.unchanged("SoftmaxCrossEntropy.compute", logits, labels);
        DMatrixRMaj reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits.copy(), labels.copy())
                .gradient();

        Check.close("gradient of SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits", student, reference, 1e-9,
                GRADIENT_NO_ONE_OVER_N.wouldGive(times(reference, n)), WRONG_SIGN.wouldGive(times(reference, -1)));
    }

    /**
     * Rows whose scores are +-1000 (exp(1000) overflows without a shift) next to rows of ordinary
     * scores (a shift by the batch's largest score, about 1000, makes all their exps underflow).
     */
    @Test
    @Points(2)
    void finiteAndRightAtLogitsOfPlusMinusOneThousand(RandomGenerator rng) {
        int n = Draw.size(rng, 3, 8);
        int c = Draw.size(rng, 2, 6);
        DMatrixRMaj z = new DMatrixRMaj(n, c);
        int ordinaryRow = Draw.size(rng, 1, n - 1); // row 0 is always a +-1000 row
        for (int i = 0; i < n; i++) {
            boolean ordinary = i == ordinaryRow || (i > 0 && rng.nextInt(3) == 0);
            for (int j = 0; j < c; j++) {
                boolean high = j == 0 || rng.nextBoolean();
                z.set(i, j, ordinary ? 3 * rng.nextGaussian()
                        : high ? 1000 - rng.nextDouble(0, 3) : -1000 + rng.nextDouble(0, 3));
            }
        }
        Given<DMatrixRMaj> logits = Given.of("logits", z);
        Given<int[]> labels = Given.of("labels", labels(rng, n, c));

        LossAndGradient student = SoftmaxCrossEntropy.compute(logits.student(), labels.student());
        Given.unchanged("SoftmaxCrossEntropy.compute", logits, labels);
        var reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits.copy(), labels.copy());

        String what = "SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits, rows near +-1000 and rows of"
                + " ordinary scores";
        double loss = student.loss();
        Known overflow = Double.compare(loss, shiftedByTheBatchMax(logits.copy(), labels.copy())) == 0
                ? ONE_MAX : NO_MAX_SHIFT;
        Check.holds("loss of " + what + " must be finite (was " + loss + ")", Double.isFinite(loss), overflow);
        Check.close("loss of " + what, loss, reference.loss(), 1e-9);
        Check.close("gradient of " + what, student.gradient(), reference.gradient(), 1e-9);
    }

    @Test
    @Points(1)
    void singleSampleAndDoesNotModifyItsInput(RandomGenerator rng) {
        int c = Draw.size(rng, 2, 10);
        Given<DMatrixRMaj> logits = Given.of("logits", Draw.normal(rng, 1, c, 5.0));
        Given<int[]> labels = Given.of("labels", new int[] {rng.nextInt(c)});

        LossAndGradient student = SoftmaxCrossEntropy.compute(logits.student(), labels.student());
        Given.unchanged("SoftmaxCrossEntropy.compute", logits, labels);
        var reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits.copy(), labels.copy());

        Check.close("loss of SoftmaxCrossEntropy.compute on one sample of " + c + " classes", student.loss(),
                reference.loss(), 1e-9);
        Check.close("gradient of SoftmaxCrossEntropy.compute on one sample", student.gradient(), reference.gradient(),
                1e-9);
    }
}
