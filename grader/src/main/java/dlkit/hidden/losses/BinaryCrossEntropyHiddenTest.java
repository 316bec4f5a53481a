package dlkit.hidden.losses;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    @Test
    @Points(2)
    void columnOfLogitsMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 15);
        DMatrixRMaj z = Draw.normal(rng, n, 1, 3.0);
        DMatrixRMaj t = targets(rng, n, 1, false);

        LossAndGradient student = BinaryCrossEntropy.compute(z, t);
        var reference = dlkit.reference.losses.BinaryCrossEntropy.compute(z, t);

        Check.close("loss of BinaryCrossEntropy.compute on (" + n + ", 1) logits", student.loss(), reference.loss(), 1e-9,
                Mistake.of("the loss summed; BCEWithLogitsLoss's default is the mean", reference.loss() * n));
        Check.close("gradient of BinaryCrossEntropy.compute on (" + n + ", 1) logits", student.gradient(),
                reference.gradient(), 1e-9,
                new Mistake("the gradient is missing the 1/count of the mean", times(reference.gradient(), n)));
    }

    @Test
    @Points(2)
    void multiLabelSoftTargetsMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int k = Draw.size(rng, 2, 6);
        DMatrixRMaj z = Draw.normal(rng, n, k, 3.0);
        DMatrixRMaj t = targets(rng, n, k, true);

        LossAndGradient student = BinaryCrossEntropy.compute(z, t);
        var reference = dlkit.reference.losses.BinaryCrossEntropy.compute(z, t);

        String shape = "(" + n + ", " + k + ")";
        Check.close("loss of BinaryCrossEntropy.compute on " + shape + " logits with soft targets", student.loss(),
                reference.loss(), 1e-9,
                Mistake.of("the loss divided by N rows only; the mean is over all N * K elements", reference.loss() * k),
                Mistake.of("the loss summed; BCEWithLogitsLoss's default is the mean", reference.loss() * n * k));
        Check.close("gradient of BinaryCrossEntropy.compute on " + shape + " logits", student.gradient(),
                reference.gradient(), 1e-9,
                new Mistake("the gradient divided by N rows only; the mean is over all N * K elements",
                        times(reference.gradient(), k)),
                new Mistake("the gradient is missing the 1/count of the mean", times(reference.gradient(), n * k)));
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

        LossAndGradient student = BinaryCrossEntropy.compute(z, t);
        var reference = dlkit.reference.losses.BinaryCrossEntropy.compute(z, t);

        String what = "BinaryCrossEntropy.compute on (" + n + ", " + k + ") logits near +-1000";
        String hint = Double.isFinite(student.loss()) ? ""
                : " (looks like log(sigmoid(z)) computed as it stands: it underflows to log(0); use max(z, 0) - z t + log(1 + exp(-|z|)))";
        assertThat(student.loss()).as("loss of " + what + hint).isFinite();
        assertThat(student.gradient()).as("gradient of " + what).isFinite();
        Check.close("loss of " + what, student.loss(), reference.loss(), 1e-9);
        Check.close("gradient of " + what, student.gradient(), reference.gradient(), 1e-9);
    }

    @Test
    @Points(1)
    void logitsOfModerateSizeNearZeroAndTheInputsStayUnchanged(RandomGenerator rng) {
        // Small logits: log(1 + exp(-|z|)) near log 2; a forgotten max(z, 0) or sign shows here.
        int n = Draw.size(rng, 1, 6);
        int k = Draw.size(rng, 1, 6);
        DMatrixRMaj z = Draw.normal(rng, n, k, 0.3);
        DMatrixRMaj t = targets(rng, n, k, true);
        DMatrixRMaj zCopy = z.copy();
        DMatrixRMaj tCopy = t.copy();

        LossAndGradient student = BinaryCrossEntropy.compute(z, t);
        var reference = dlkit.reference.losses.BinaryCrossEntropy.compute(zCopy, tCopy);

        Check.close("loss of BinaryCrossEntropy.compute on small logits", student.loss(), reference.loss(), 1e-9);
        Check.close("gradient of BinaryCrossEntropy.compute on small logits", student.gradient(), reference.gradient(), 1e-9);
        Check.close("the logits after BinaryCrossEntropy.compute (they must not be modified)", z, zCopy, 0.0);
        Check.close("the targets after BinaryCrossEntropy.compute (they must not be modified)", t, tCopy, 0.0);
    }
}
