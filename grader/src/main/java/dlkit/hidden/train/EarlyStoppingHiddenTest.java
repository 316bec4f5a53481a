package dlkit.hidden.train;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.train.EarlyStopping;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(EarlyStopping.class)
@ExtendWith(GradingRandom.class)
class EarlyStoppingHiddenTest {

    private static final int EPOCHS = 40;

    private static final Known AT_EXACTLY_MIN_DELTA = new Known("EarlyStopping/improvement-at-exactly-min-delta",
            "a change of exactly minDelta counted as an improvement; it must be MORE than minDelta");
    private static final Known ONE_EPOCH_LATE = new Known("EarlyStopping/patience-off-by-one",
            "stopping one epoch late: stop when the epochs without improvement REACH patience");
    private static final Known NOT_COPIED = new Known("EarlyStopping/best-weights-not-copied",
            "the weights of the last epoch; keep COPIES of the values at the best epoch");

    /**
     * A validation curve on a grid of 1/8 (exact in binary, so ties and changes of exactly
     * minDelta happen and are compared exactly): a noisy descent (MIN) or ascent (MAX).
     */
    private static double[] curve(RandomGenerator rng, boolean max) {
        double[] c = new double[EPOCHS];
        int level = 80;
        for (int t = 0; t < EPOCHS; t++) {
            level += Draw.size(rng, -4, 2);
            c[t] = (max ? -level : level) / 8.0;
        }
        return c;
    }

    /** The epoch update first returns true at (or EPOCHS), the best epoch, for a rule: strict (right) or not. */
    private static DMatrixRMaj simulate(double[] c, boolean max, int patience, double minDelta, boolean strict) {
        double best = Double.NaN;
        int bestEpoch = -1;
        int wait = 0;
        for (int t = 0; t < c.length; t++) {
            double gain = max ? c[t] - best : best - c[t];
            boolean improved = bestEpoch < 0 || (strict ? gain > minDelta : gain >= minDelta);
            if (improved) {
                best = c[t];
                bestEpoch = t;
                wait = 0;
            } else if (++wait >= patience) {
                return Matrices.row(t, bestEpoch);
            }
        }
        return Matrices.row(c.length, bestEpoch);
    }

    @Test
    @Points(3)
    void stopsAtTheRightEpochOnRandomCurves(RandomGenerator rng) {
        for (int run = 0; run < 20; run++) {
            boolean max = rng.nextBoolean();
            double[] c = curve(rng, max);
            int patience = Draw.size(rng, 1, 6);
            double minDelta = Draw.size(rng, 0, 2) / 8.0;
            EarlyStopping.Mode mode = max ? EarlyStopping.Mode.MAX : EarlyStopping.Mode.MIN;
            EarlyStopping student = new EarlyStopping(mode, patience, minDelta, List.of());
            var reference = new dlkit.reference.train.EarlyStopping(
                    dlkit.reference.train.EarlyStopping.Mode.valueOf(mode.name()), patience, minDelta, List.of());
            DMatrixRMaj actual = Matrices.row(EPOCHS, -1);
            DMatrixRMaj expected = Matrices.row(EPOCHS, -1);
            boolean studentStopped = false;
            boolean referenceStopped = false;
            for (int t = 0; t < EPOCHS; t++) {
                if (!studentStopped && student.update(c[t])) {
                    studentStopped = true;
                    actual.set(0, 0, t);
                    actual.set(0, 1, student.bestEpoch());
                }
                if (!referenceStopped && reference.update(c[t])) {
                    referenceStopped = true;
                    expected.set(0, 0, t);
                    expected.set(0, 1, reference.bestEpoch());
                }
            }
            if (!studentStopped) {
                actual.set(0, 1, student.bestEpoch());
            }
            if (!referenceStopped) {
                expected.set(0, 1, reference.bestEpoch());
            }
            Check.close("(stop epoch, best epoch) of EarlyStopping(" + mode + ", patience " + patience + ", minDelta "
                    + minDelta + ") on the curve " + java.util.Arrays.toString(c) + " (" + EPOCHS + " = never stopped)",
                    actual, expected, 0.0,
                    AT_EXACTLY_MIN_DELTA.wouldGive(simulate(c, max, patience, minDelta, false)),
                    ONE_EPOCH_LATE.wouldGive(simulate(c, max, patience + 1, minDelta, true)));
        }
    }

    @Test
    @Points(2)
    void restoresTheBestWeights(RandomGenerator rng) {
        boolean max = rng.nextBoolean();
        double[] c = curve(rng, max);
        EarlyStopping.Mode mode = max ? EarlyStopping.Mode.MAX : EarlyStopping.Mode.MIN;
        int patience = Draw.size(rng, 2, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 3, 2, 1.0)), new Parameter("b", Draw.normal(rng, 1, 2, 1.0))));
        List<Parameter> studentParams = params.student();
        var referenceParams = ToReference.parameters(params.copy());
        Parameter a = studentParams.get(0);
        Parameter b = studentParams.get(1);
        var ra = referenceParams.get(0);
        var rb = referenceParams.get(1);
        EarlyStopping student = new EarlyStopping(mode, patience, 0.0, studentParams);
        var reference = new dlkit.reference.train.EarlyStopping(
                dlkit.reference.train.EarlyStopping.Mode.valueOf(mode.name()), patience, 0.0, referenceParams);
        // After the curve, a worse metric every epoch, so training always stops after its best epoch.
        for (int t = 0; t < EPOCHS + patience; t++) {
            double metric = t < EPOCHS ? c[t] : (max ? -1e9 : 1e9);
            // "training" moves the weights in place each epoch
            DMatrixRMaj da = Draw.normal(rng, 3, 2, 0.1);
            DMatrixRMaj db = Draw.normal(rng, 1, 2, 0.1);
            org.ejml.dense.row.CommonOps_DDRM.addEquals(a.value(), da);
            org.ejml.dense.row.CommonOps_DDRM.addEquals(b.value(), db);
            org.ejml.dense.row.CommonOps_DDRM.addEquals(ra.value(), da);
            org.ejml.dense.row.CommonOps_DDRM.addEquals(rb.value(), db);
            boolean s = student.update(metric);
            boolean r = reference.update(metric);
            if (s || r) {
                break;
            }
        }
        DMatrixRMaj lastA = a.value().copy();
        student.restoreBestWeights();
        reference.restoreBestWeights();
        Check.close("parameter a after restoreBestWeights (best epoch " + reference.bestEpoch() + ")", a.value(), ra.value(), 0.0,
                NOT_COPIED.wouldGive(lastA));
        Check.close("parameter b after restoreBestWeights", b.value(), rb.value(), 0.0);
    }
}
