package dlkit.hidden.losses;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.BinaryCrossEntropy;
import dlkit.losses.LossAndGradient;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(BinaryCrossEntropy.class)
@ExtendWith(GradingRandom.class)
class BinaryCrossEntropyHiddenTest {

    private static final Known SUMMED = new Known("BinaryCrossEntropy/summed-not-averaged",
            "the loss summed; BCEWithLogitsLoss's default is the mean");
    private static final Known GRADIENT_SUMMED = new Known("BinaryCrossEntropy/gradient-summed",
            "the gradient is missing the 1/count of the mean");
    private static final Known ROWS_ONLY = new Known("BinaryCrossEntropy/mean-over-rows-only",
            "the loss divided by N rows only; the mean is over all N * K elements");
    private static final Known GRADIENT_ROWS_ONLY = new Known("BinaryCrossEntropy/gradient-mean-over-rows-only",
            "the gradient divided by N rows only; the mean is over all N * K elements");
    private static final Known NAIVE = new Known("BinaryCrossEntropy/naive-log-sigmoid",
            "log(sigmoid(z)) computed as it stands: it underflows to log(0); use max(z, 0) - z t + log(1 + exp(-|z|))");

    /** Targets 0 or 1, or soft targets in [0, 1]. */
    private static DMatrixRMaj targets(RandomGenerator rng, int n, int k, boolean soft) {
        DMatrixRMaj t = new DMatrixRMaj(n, k);
        for (int i = 0; i < t.getNumElements(); i++) {
            t.data[i] = soft ? rng.nextDouble() : rng.nextInt(2);
        }
        return t;
    }

    private static DMatrixRMaj times(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }

    /** The student's and the reference's results on their own copies of z and t, the inputs checked unchanged. */
    private record Both(LossAndGradient student, dlkit.reference.losses.LossAndGradient reference) {
        static Both compute(DMatrixRMaj logits, DMatrixRMaj targets) {
            Given<DMatrixRMaj> z = Given.of("z", logits);
            Given<DMatrixRMaj> t = Given.of("t", targets);
            LossAndGradient student = BinaryCrossEntropy.compute(z.student(), t.student());
            Given.unchanged("BinaryCrossEntropy.compute", z, t);
            return new Both(student, dlkit.reference.losses.BinaryCrossEntropy.compute(z.copy(), t.copy()));
        }
    }

    @Test
    @Points(2)
    void columnOfLogitsMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 15);
        Both both = Both.compute(Draw.normal(rng, n, 1, 3.0), targets(rng, n, 1, false));
        var reference = both.reference();

        Check.close("loss of BinaryCrossEntropy.compute on (" + n + ", 1) logits", both.student().loss(),
                reference.loss(), 1e-9, SUMMED.wouldGive(reference.loss() * n));
        Check.close("gradient of BinaryCrossEntropy.compute on (" + n + ", 1) logits", both.student().gradient(),
                reference.gradient(), 1e-9, GRADIENT_SUMMED.wouldGive(times(reference.gradient(), n)));
    }

    @Test
    @Points(2)
    void multiLabelSoftTargetsMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int k = Draw.size(rng, 2, 6);
        Both both = Both.compute(Draw.normal(rng, n, k, 3.0), targets(rng, n, k, true));
        var reference = both.reference();

        String shape = "(" + n + ", " + k + ")";
        Check.close("loss of BinaryCrossEntropy.compute on " + shape + " logits with soft targets", both.student().loss(),
                reference.loss(), 1e-9, ROWS_ONLY.wouldGive(reference.loss() * k),
                SUMMED.wouldGive(reference.loss() * n * k));
        Check.close("gradient of BinaryCrossEntropy.compute on " + shape + " logits", both.student().gradient(),
                reference.gradient(), 1e-9, GRADIENT_ROWS_ONLY.wouldGive(times(reference.gradient(), k)),
                GRADIENT_SUMMED.wouldGive(times(reference.gradient(), n * k)));
    }

    @Test
    @Points(2)
    void finiteAndRightAtLogitsOfPlusMinusOneThousand(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int k = Draw.size(rng, 1, 4);
        DMatrixRMaj z = new DMatrixRMaj(n, k);
        for (int i = 0; i < z.getNumElements(); i++) {
            z.data[i] = rng.nextBoolean() ? 1000 - rng.nextDouble(0, 3) : -1000 + rng.nextDouble(0, 3);
        }
        DMatrixRMaj t = targets(rng, n, k, false);
        t.data[0] = z.data[0] > 0 ? 0 : 1; // at least one confidently wrong prediction: log(0) in the naive form
        Both both = Both.compute(z, t);
        LossAndGradient student = both.student();

        String what = "BinaryCrossEntropy.compute on (" + n + ", " + k + ") logits near +-1000";
        Check.holds("loss of " + what + " must be finite (was " + student.loss() + ")", Double.isFinite(student.loss()),
                NAIVE);
        Check.close("loss of " + what, student.loss(), both.reference().loss(), 1e-9);
        Check.close("gradient of " + what, student.gradient(), both.reference().gradient(), 1e-9);
    }

    @Test
    @Points(1)
    void logitsOfModerateSizeNearZeroAndTheInputsStayUnchanged(RandomGenerator rng) {
        // Small logits: log(1 + exp(-|z|)) near log 2; a forgotten max(z, 0) or sign shows here.
        int n = Draw.size(rng, 1, 6);
        int k = Draw.size(rng, 1, 6);
        Both both = Both.compute(Draw.normal(rng, n, k, 0.3), targets(rng, n, k, true));

        Check.close("loss of BinaryCrossEntropy.compute on small logits", both.student().loss(),
                both.reference().loss(), 1e-9);
        Check.close("gradient of BinaryCrossEntropy.compute on small logits", both.student().gradient(),
                both.reference().gradient(), 1e-9);
    }
}
