package dlkit.hidden.losses;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.Huber;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Huber.class)
@ExtendWith(GradingRandom.class)
class HuberHiddenTest {

    private static final Known QUADRATIC_NO_HALF = new Known("Huber/quadratic-without-half",
            "the quadratic piece without its ½: it is ½ r^2 for |r| <= delta");
    private static final Known LINEAR_NO_SHIFT = new Known("Huber/linear-without-shift",
            "the linear piece without its - ½ delta: it is delta (|r| - ½ delta)");
    private static final Known NOT_CLIPPED = new Known("Huber/gradient-not-clipped",
            "the residual not clipped to [-delta, delta] in the gradient");
    private static final Known NOT_AVERAGED = new Known("Huber/gradient-not-averaged",
            "the gradient not divided by the N * D elements");

    // Every batch has residuals on both pieces (even elements inside delta, odd ones outside, away
    // from the kink), so a mistake in either piece always shows. Loss and gradient are held to 1e-7
    // relative error (room for another summation order).

    @Test
    @Points(2)
    void defaultDeltaMatchesReference(RandomGenerator rng) {
        check(rng, true);
    }

    @Test
    @Points(2)
    void aGivenDeltaMatchesReference(RandomGenerator rng) {
        check(rng, false);
    }

    private static void check(RandomGenerator rng, boolean defaultDelta) {
        double delta = defaultDelta ? 1.0 : rng.nextDouble(0.1, 3);
        int n = Draw.size(rng, 3, 10);
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj t = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj p = t.copy();
        for (int i = 0; i < p.getNumElements(); i++) {
            double size = i % 2 == 0 ? rng.nextDouble(0.05, 0.95) : rng.nextDouble(1.05, 4);
            p.data[i] += (rng.nextBoolean() ? 1 : -1) * size * delta;
        }
        Huber student = defaultDelta ? new Huber() : new Huber(delta);
        var reference = defaultDelta ? new dlkit.reference.losses.Huber() : new dlkit.reference.losses.Huber(delta);
        Given<DMatrixRMaj> predictions = Given.of("predictions", p);
        Given<DMatrixRMaj> targets = Given.of("targets", t);
        var s = student.compute(predictions.student(), targets.student());
        Given.unchanged("Huber.compute", predictions, targets);
        var r = reference.compute(predictions.copy(), targets.copy());

        double count = n * d;
        double noHalf = 0;
        double noShift = 0;
        DMatrixRMaj unclipped = new DMatrixRMaj(n, d);
        for (int i = 0; i < p.getNumElements(); i++) {
            double res = p.data[i] - t.data[i];
            boolean small = Math.abs(res) <= delta;
            noHalf += (small ? res * res : delta * (Math.abs(res) - 0.5 * delta)) / count;
            noShift += (small ? 0.5 * res * res : delta * Math.abs(res)) / count;
            unclipped.data[i] = res / count;
        }
        String where = "Huber.compute with delta " + delta + " on (" + n + ", " + d + ") predictions";
        Check.close("loss of " + where, s.loss(), r.loss(), 1e-7,
                QUADRATIC_NO_HALF.wouldGive(noHalf), LINEAR_NO_SHIFT.wouldGive(noShift));
        Check.close("gradient of " + where, s.gradient(), r.gradient(), 1e-7,
                NOT_CLIPPED.wouldGive(unclipped), NOT_AVERAGED.wouldGive(Matrices.map(r.gradient(), g -> g * count)));
    }
}
