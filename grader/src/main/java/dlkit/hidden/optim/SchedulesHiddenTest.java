package dlkit.hidden.optim;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.optim.LearningRateSchedule;
import dlkit.optim.Schedules;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each schedule at every epoch 0..EPOCHS-1, student against reference, as one row. */
@Grades(Schedules.class)
@ExtendWith(GradingRandom.class)
class SchedulesHiddenTest {

    private static final int EPOCHS = 60;

    private static final Known STEP_EARLY = new Known("Schedules/step-decay-one-epoch-early",
            "the decay comes one epoch early; StepLR multiplies by gamma at t = stepSize, 2 stepSize, ...");
    private static final Known EXPONENTIAL_EARLY = new Known("Schedules/exponential-one-epoch-early",
            "gamma^(t + 1); at t = 0 the rate is the base rate");
    private static final Known COSINE_TMAX_PLUS_ONE = new Known("Schedules/cosine-tmax-off-by-one",
            "T_max off by one (T_max + 1): the rate must reach etaMin exactly at t = T_max");
    private static final Known COSINE_TMAX_MINUS_ONE = new Known("Schedules/cosine-tmax-minus-one",
            "T_max off by one (T_max - 1): the rate must reach etaMin exactly at t = T_max");
    private static final Known WARMUP_FROM_ZERO = new Known("Schedules/warmup-from-zero",
            "the warm-up starts from 0 instead of startFactor * baseLr");
    private static final Known INVERSE_TIME_NO_STAIRCASE = new Known("Schedules/inverse-time-staircase-ignored",
            "staircase ignored: with staircase, t / decaySteps is rounded down, so the rate drops only at t = decaySteps,"
                    + " 2 decaySteps, ...");
    private static final Known INVERSE_TIME_ALWAYS_STAIRCASE = new Known("Schedules/inverse-time-always-staircase",
            "t / decaySteps rounded down without staircase: only the staircase schedule rounds it (use a double division)");
    private static final Known INVERSE_TIME_STEPS_IGNORED = new Known("Schedules/inverse-time-decay-steps-ignored",
            "decaySteps ignored: baseLr / (1 + decayRate * t); the rate is baseLr / (1 + decayRate * t / decaySteps)");

    private static DMatrixRMaj curve(LearningRateSchedule schedule) {
        DMatrixRMaj lrs = new DMatrixRMaj(1, EPOCHS);
        for (int t = 0; t < EPOCHS; t++) {
            lrs.data[t] = schedule.at(t);
        }
        return lrs;
    }

    @Test
    @Points(1)
    void stepDecay(RandomGenerator rng) {
        double base = rng.nextDouble(0.01, 1);
        int stepSize = Draw.size(rng, 2, 12);
        double gamma = rng.nextDouble(0.1, 0.9);
        Check.close("Schedules.stepDecay(" + base + ", " + stepSize + ", " + gamma + ", t) for t = 0.." + (EPOCHS - 1),
                curve(t -> Schedules.stepDecay(base, stepSize, gamma, t)),
                curve(t -> dlkit.reference.optim.Schedules.stepDecay(base, stepSize, gamma, t)), 1e-12,
                STEP_EARLY.wouldGive(curve(t -> base * Math.pow(gamma, (t + 1) / stepSize))));
    }

    @Test
    @Points(1)
    void exponential(RandomGenerator rng) {
        double base = rng.nextDouble(0.01, 1);
        double gamma = rng.nextDouble(0.8, 0.99);
        Check.close("Schedules.exponential(" + base + ", " + gamma + ", t) for t = 0.." + (EPOCHS - 1),
                curve(t -> Schedules.exponential(base, gamma, t)),
                curve(t -> dlkit.reference.optim.Schedules.exponential(base, gamma, t)), 1e-12,
                EXPONENTIAL_EARLY.wouldGive(curve(t -> base * Math.pow(gamma, t + 1))));
    }

    @Test
    @Points(2)
    void cosine(RandomGenerator rng) {
        double base = rng.nextDouble(0.01, 1);
        double etaMin = base * rng.nextDouble(0, 0.2);
        int tMax = Draw.size(rng, 5, 40);
        Check.close("Schedules.cosine(" + base + ", " + etaMin + ", " + tMax + ", t) for t = 0.." + (EPOCHS - 1),
                curve(t -> Schedules.cosine(base, etaMin, tMax, t)),
                curve(t -> dlkit.reference.optim.Schedules.cosine(base, etaMin, tMax, t)), 1e-12,
                COSINE_TMAX_PLUS_ONE.wouldGive(curve(t -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / (tMax + 1))) / 2)),
                COSINE_TMAX_MINUS_ONE.wouldGive(curve(t -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / (tMax - 1))) / 2)));
    }

    @Test
    @Points(2)
    void linearWarmup(RandomGenerator rng) {
        double base = rng.nextDouble(0.01, 1);
        double start = rng.nextDouble(0.05, 0.5);
        int warmup = Draw.size(rng, 2, 20);
        Check.close("Schedules.linearWarmup(" + base + ", " + start + ", " + warmup + ", t) for t = 0.." + (EPOCHS - 1),
                curve(t -> Schedules.linearWarmup(base, start, warmup, t)),
                curve(t -> dlkit.reference.optim.Schedules.linearWarmup(base, start, warmup, t)), 1e-12,
                WARMUP_FROM_ZERO.wouldGive(curve(t -> base * Math.min(t, warmup) / warmup)));
    }

    @Test
    @Points(1)
    void inverseTime(RandomGenerator rng) {
        checkInverseTime(rng, false);
    }

    @Test
    @Points(1)
    void inverseTimeStaircase(RandomGenerator rng) {
        checkInverseTime(rng, true);
    }

    /** Inverse-time decay with or without staircase, each with the mistakes that show there. */
    private static void checkInverseTime(RandomGenerator rng, boolean staircase) {
        double base = rng.nextDouble(0.01, 1);
        double rate = rng.nextDouble(0.1, 2);
        int decaySteps = Draw.size(rng, 2, 12);
        Check.Mistake rounding = staircase
                ? INVERSE_TIME_NO_STAIRCASE.wouldGive(curve(t -> base / (1 + rate * t / (double) decaySteps)))
                : INVERSE_TIME_ALWAYS_STAIRCASE.wouldGive(curve(t -> base / (1 + rate * (t / decaySteps))));
        Check.close("Schedules.inverseTime(" + base + ", " + rate + ", " + decaySteps + ", " + staircase + ", t) for t = 0.."
                        + (EPOCHS - 1), curve(t -> Schedules.inverseTime(base, rate, decaySteps, staircase, t)),
                curve(t -> dlkit.reference.optim.Schedules.inverseTime(base, rate, decaySteps, staircase, t)), 1e-12,
                rounding, INVERSE_TIME_STEPS_IGNORED.wouldGive(curve(t -> base / (1 + rate * t))));
    }
}
