package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void stepDecayDropsEveryStepSizeEpochs() {
        // base 1, step 3, gamma 0.5: epochs 0-2 -> 1, 3-5 -> 0.5, 6 -> 0.25.
        assertThat(Schedules.stepDecay(1.0, 3, 0.5, 2)).as("Schedules.stepDecay(1.0, 3, 0.5, 2)").isEqualTo(1.0);
        assertThat(Schedules.stepDecay(1.0, 3, 0.5, 3)).as("Schedules.stepDecay(1.0, 3, 0.5, 3)").isEqualTo(0.5);
        assertThat(Schedules.stepDecay(1.0, 3, 0.5, 6)).as("Schedules.stepDecay(1.0, 3, 0.5, 6)").isEqualTo(0.25);
    }

    @Test
    void exponentialMultipliesEveryEpoch() {
        assertThat(Schedules.exponential(2.0, 0.5, 0)).as("Schedules.exponential(2.0, 0.5, 0)").isEqualTo(2.0);
        assertThat(Schedules.exponential(2.0, 0.5, 3)).as("Schedules.exponential(2.0, 0.5, 3)").isCloseTo(0.25, within(1e-15));
    }

    @Test
    void cosineGoesFromBaseToEtaMinInTMaxEpochs() {
        // Half way, cos(pi / 2) = 0: the mean of base and etaMin.
        assertThat(Schedules.cosine(0.1, 0.02, 10, 0)).as("Schedules.cosine(0.1, 0.02, 10, 0)").isCloseTo(0.1, within(1e-15));
        assertThat(Schedules.cosine(0.1, 0.02, 10, 5)).as("Schedules.cosine(0.1, 0.02, 10, 5)").isCloseTo(0.06, within(1e-15));
        assertThat(Schedules.cosine(0.1, 0.02, 10, 10)).as("Schedules.cosine(0.1, 0.02, 10, 10)").isCloseTo(0.02, within(1e-15));
    }

    @Test
    void warmupGrowsLinearlyThenStays() {
        // start factor 0.25 over 3 epochs: 0.25, 0.5, 0.75, then 1 times base.
        assertThat(Schedules.linearWarmup(0.4, 0.25, 3, 0)).as("Schedules.linearWarmup(0.4, 0.25, 3, 0)").isCloseTo(0.1, within(1e-15));
        assertThat(Schedules.linearWarmup(0.4, 0.25, 3, 1)).as("Schedules.linearWarmup(0.4, 0.25, 3, 1)").isCloseTo(0.2, within(1e-15));
        assertThat(Schedules.linearWarmup(0.4, 0.25, 3, 3)).as("Schedules.linearWarmup(0.4, 0.25, 3, 3)").isCloseTo(0.4, within(1e-15));
        assertThat(Schedules.linearWarmup(0.4, 0.25, 3, 50)).as("Schedules.linearWarmup(0.4, 0.25, 3, 50)").isCloseTo(0.4, within(1e-15));
    }

    @Test
    void inverseTimeHalvesAfterDecayStepsWithRateOne() {
        // base 0.6, rate 1, decaySteps 4: t = 2 gives 0.6 / 1.5 = 0.4 smoothly; t = 4 gives 0.3.
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, false, 0)).as("Schedules.inverseTime(0.6, 1.0, 4, false, 0)").isEqualTo(0.6);
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, false, 2)).as("Schedules.inverseTime(0.6, 1.0, 4, false, 2)").isCloseTo(0.4, within(1e-15));
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, false, 4)).as("Schedules.inverseTime(0.6, 1.0, 4, false, 4)").isCloseTo(0.3, within(1e-15));
    }

    @Test
    void inverseTimeStaircaseDropsOnlyEveryDecaySteps() {
        // The same schedule with staircase: constant until t = 4, then 0.3 until t = 8, then 0.2.
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, true, 3)).as("Schedules.inverseTime(0.6, 1.0, 4, true, 3)").isEqualTo(0.6);
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, true, 4)).as("Schedules.inverseTime(0.6, 1.0, 4, true, 4)").isCloseTo(0.3, within(1e-15));
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, true, 7)).as("Schedules.inverseTime(0.6, 1.0, 4, true, 7)").isCloseTo(0.3, within(1e-15));
        assertThat(Schedules.inverseTime(0.6, 1.0, 4, true, 8)).as("Schedules.inverseTime(0.6, 1.0, 4, true, 8)").isCloseTo(0.2, within(1e-15));
    }

    @Test
    void aScheduleDrivesAnyOptimizer() {
        Parameter w = new Parameter("w", Matrices.row(0.0));
        Optimizer opt = new RMSprop(List.of(w));
        LearningRateSchedule schedule = epoch -> Schedules.exponential(0.1, 0.5, epoch);
        schedule.applyTo(opt, 2);
        assertThat(opt.learningRate()).as("Schedules learning rate").isCloseTo(0.025, within(1e-15));
    }
}
