package dlkit.hidden.train;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.train.LearningRateStability;
import dlkit.train.LearningRateStability.Behaviour;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LearningRateStability.class)
@ExtendWith(GradingRandom.class)
class LearningRateStabilityHiddenTest {

    /** Steps of the runs near the bound; why 500 is enough is said in the test below. */
    private static final int STEPS = 500;

    private static final Known ONE_OVER_LAMBDA = new Known("LearningRateStability/one-over-lambda-max",
            "1 / lambdaMax; the bound is 2 / lambdaMax");
    private static final Known WITHOUT_HALF = new Known("LearningRateStability/loss-without-half",
            "the loss without the ½: f(w) = ½ wᵀ A w");
    private static final Known NAN_NOT_DIVERGING = new Known("LearningRateStability/nan-not-diverging",
            "a NaN loss not called diverging; NaN, like infinity, means the run diverged");
    private static final Known PLATEAU = new Known("LearningRateStability/plateau-counted-as-oscillation",
            "an equal loss counted as a rise; only a loss strictly above the one before is a rise");
    private static final Known WRONG_BEHAVIOUR = new Known("LearningRateStability/wrong-behaviour",
            "the run classified by another rule than the Javadoc's");

    /** A = BᵀB / D + 0.1 I: symmetric positive-definite with eigenvalues >= 0.1. */
    private static DMatrixRMaj spd(RandomGenerator rng, int d) {
        DMatrixRMaj b = Draw.normal(rng, d, d, 1.0);
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(b, b, a);
        CommonOps_DDRM.scale(1.0 / d, a);
        for (int i = 0; i < d; i++) {
            a.add(i, i, 0.1);
        }
        return a;
    }

    @Test
    @Points(2)
    void largestStableStepMatchesReference(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 8);
        Given<DMatrixRMaj> a = Given.of("a", spd(rng, d));
        double expected = dlkit.reference.train.LearningRateStability.largestStableStep(a.copy());
        double actual = LearningRateStability.largestStableStep(a.student());
        a.unchanged("LearningRateStability.largestStableStep");
        Check.close("largestStableStep of a random (" + d + ", " + d + ") SPD matrix", actual, expected, 1e-9,
                ONE_OVER_LAMBDA.wouldGive(expected / 2));
    }

    @Test
    @Points(2)
    void runMatchesReference(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> a = Given.of("a", spd(rng, d));
        Given<DMatrixRMaj> w0 = Given.of("w0", Draw.normal(rng, d, 1, 1.0));
        double lr = rng.nextDouble(0.1, 1.5) * dlkit.reference.train.LearningRateStability.largestStableStep(a.copy());
        double[] expected = dlkit.reference.train.LearningRateStability.run(a.copy(), w0.copy(), lr, 20);
        DMatrixRMaj withoutHalf = Matrices.map(Matrices.row(expected), x -> 2 * x);
        double[] actual = LearningRateStability.run(a.student(), w0.student(), lr, 20);
        Given.unchanged("LearningRateStability.run", a, w0);
        Check.close("losses ½ wᵀ A w from run(A, w0, lr, 20): the start, then after each of 20 steps",
                Matrices.row(actual), Matrices.row(expected), 1e-9, WITHOUT_HALF.wouldGive(withoutHalf));
    }

    /**
     * Just above the bound (1.05 * 2 / λmax) the top eigen-component c1 of w0 is multiplied by
     * |1 - 2.1| = 1.1 per step, so its loss by 1.21: after 500 steps by 1.21^500 > 1e41, while the
     * start loss is at most ½ λmax |w0|^2. The run ends above its start unless c1^2 < |w0|^2 / 1e41;
     * w0 is standard normal in D <= 8 dimensions and independent of A, so c1 ~ N(0, 1) and
     * P(|w0|^2 > 200) < 1e-30; P(|c1| < 5e-20) < 4e-20: false failure below 1e-19.
     * Just below (0.95 * 2 / λmax) every factor |1 - lr λ| is below 1 and at most 1 - 0.19/κ
     * (κ = λmax / λmin): the loss falls at every step by a relative amount far above rounding.
     */
    @Test
    @Points(3)
    void divergesJustAboveTheBoundAndConvergesJustBelow(RandomGenerator rng) {
        int d = Draw.size(rng, 2, 8);
        Given<DMatrixRMaj> a = Given.of("a", spd(rng, d));
        Given<DMatrixRMaj> w0 = Given.of("w0", Draw.normal(rng, d, 1, 1.0));
        double bound = dlkit.reference.train.LearningRateStability.largestStableStep(a.copy());
        Behaviour above = LearningRateStability.classify(LearningRateStability.run(a.student(), w0.student(), 1.05 * bound, STEPS));
        Behaviour below = LearningRateStability.classify(LearningRateStability.run(a.student(), w0.student(), 0.95 * bound, STEPS));
        Given.unchanged("LearningRateStability.run", a, w0);
        assertThat(above).as("classify(run(A, w0, 1.05 * 2 / lambdaMax, " + STEPS + ")) on a (" + d + ", " + d
                + ") SPD matrix").isEqualTo(Behaviour.DIVERGING);
        assertThat(below).as("classify(run(A, w0, 0.95 * 2 / lambdaMax, " + STEPS + ")) on a (" + d + ", " + d
                + ") SPD matrix").isEqualTo(Behaviour.CONVERGING);
    }

    @Test
    @Points(2)
    void classifyMatchesReferenceOnAllKindsOfRuns(RandomGenerator rng) {
        for (int run = 0; run < 30; run++) {
            int n = Draw.size(rng, 2, 12);
            double[] losses = new double[n];
            losses[0] = rng.nextDouble(1, 10);
            int kind = run % 7;
            for (int t = 1; t < n; t++) {
                double factor = switch (kind) {
                    case 0 -> rng.nextDouble(0.5, 1.0);                     // falling
                    case 1 -> t % 2 == 1 ? 1.0 : rng.nextDouble(0.5, 1.0);  // falling with plateaus
                    case 2 -> rng.nextDouble(0.6, 1.3);                     // up and down
                    case 3 -> rng.nextDouble(0.9, 1.5);                     // mostly rising
                    case 6 -> 1.0;                                          // flat: the last equals the first
                    default -> 0.9;
                };
                losses[t] = losses[t - 1] * factor;
            }
            if (kind == 4 || kind == 5) {                                              // falling, one loss not finite
                losses[Draw.size(rng, 1, n - 1)] = kind == 4 ? Double.NaN : Double.POSITIVE_INFINITY;
            }
            Behaviour expected = Behaviour.valueOf(dlkit.reference.train.LearningRateStability.classify(losses).name());
            Given<double[]> given = Given.of("losses", losses);
            Behaviour actual = LearningRateStability.classify(given.student());
            given.unchanged("LearningRateStability.classify");
            Check.holds("classify(" + Arrays.toString(losses) + ") is " + expected + " (it said " + actual + ")",
                    actual == expected, kind == 4 ? NAN_NOT_DIVERGING : kind == 1 ? PLATEAU : WRONG_BEHAVIOUR);
        }
    }
}
