package dlkit.optim;

/**
 * Learning-rate schedules: the learning rate at epoch {@code t = 0, 1, 2, ...} in closed form,
 * as {@code torch.optim.lr_scheduler} gives after {@code t} calls of {@code scheduler.step()}
 * (at {@code t = 0} every schedule gives {@code baseLr}, except warm-up). Use them with any
 * optimiser through {@link LearningRateSchedule}, for example
 * {@code epoch -> Schedules.stepDecay(0.1, 30, 0.1, epoch)}.
 */
public final class Schedules {

    private Schedules() {}

    /**
     * Step decay, as {@code StepLR(step_size, gamma)}: the rate is multiplied by {@code gamma}
     * every {@code stepSize} epochs, {@code baseLr * gamma^floor(t / stepSize)}.
     */
    public static double stepDecay(double baseLr, int stepSize, double gamma, int epoch) {
        requireEpoch(epoch);
        if (stepSize < 1) {
            throw new IllegalArgumentException("stepDecay: need stepSize >= 1 but got " + stepSize);
        }
        // TODO: count the whole periods of stepSize epochs already done (integer division).
        // BEGIN SOLUTION
        return baseLr * Math.pow(gamma, epoch / stepSize);
        // END SOLUTION
    }

    /** Exponential decay, as {@code ExponentialLR(gamma)}: {@code baseLr * gamma^t}. */
    public static double exponential(double baseLr, double gamma, int epoch) {
        requireEpoch(epoch);
        // TODO: one multiplication by gamma per epoch done.
        // BEGIN SOLUTION
        return baseLr * Math.pow(gamma, epoch);
        // END SOLUTION
    }

    /**
     * Cosine annealing, as {@code CosineAnnealingLR(T_max, eta_min)} in its closed form: from
     * {@code baseLr} at t = 0 down to {@code etaMin} at t = T_max along half a cosine,
     * {@code etaMin + (baseLr - etaMin) * (1 + cos(pi * t / tMax)) / 2}. After T_max the same
     * formula goes back up (PyTorch does the same; restarts are another scheduler).
     */
    public static double cosine(double baseLr, double etaMin, int tMax, int epoch) {
        requireEpoch(epoch);
        if (tMax < 1) {
            throw new IllegalArgumentException("cosine: need tMax >= 1 but got " + tMax);
        }
        // TODO: the formula above; check by hand that t = 0 gives baseLr and t = tMax gives etaMin.
        // BEGIN SOLUTION
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
        // END SOLUTION
    }

    /**
     * Linear warm-up, as {@code LinearLR(start_factor, end_factor=1, total_iters=warmupEpochs)}:
     * the rate grows linearly from {@code startFactor * baseLr} at t = 0 to {@code baseLr} at
     * t = warmupEpochs and stays there: {@code baseLr * (s + (1 - s) * min(t, W) / W)}.
     */
    public static double linearWarmup(double baseLr, double startFactor, int warmupEpochs, int epoch) {
        requireEpoch(epoch);
        if (warmupEpochs < 1 || !(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("linearWarmup: need warmupEpochs >= 1 and 0 <= startFactor <= 1 but got "
                    + warmupEpochs + " and " + startFactor);
        }
        // TODO: the factor goes from startFactor to 1 in warmupEpochs equal steps, then stays at 1.
        // BEGIN SOLUTION
        double progress = Math.min(epoch, warmupEpochs) / (double) warmupEpochs;
        return baseLr * (startFactor + (1 - startFactor) * progress);
        // END SOLUTION
    }

    /**
     * Inverse-time decay, as Keras' {@code InverseTimeDecay(initial_learning_rate, decay_steps,
     * decay_rate, staircase)}: the rate falls like 1/t, {@code baseLr / (1 + decayRate * t / decaySteps)},
     * so after {@code decaySteps} epochs it is {@code baseLr / (1 + decayRate)}. With
     * {@code staircase} the quotient {@code t / decaySteps} is rounded down (integer division), so
     * the rate stays constant for {@code decaySteps} epochs at a time and drops at t = decaySteps,
     * 2 decaySteps, ...; without it the rate falls a little every epoch.
     *
     * <p>Convention: {@code t} counts the calls of the schedule as for the other schedules here,
     * 0 at the start. Keras steps it once per optimiser step (per batch); to do the same, call it
     * with the step count instead of the epoch. PyTorch has no such scheduler; {@code LambdaLR}
     * with {@code lambda t: 1 / (1 + decay_rate * t / decay_steps)} is the same curve.
     */
    public static double inverseTime(double baseLr, double decayRate, int decaySteps, boolean staircase, int epoch) {
        requireEpoch(epoch);
        if (decaySteps < 1 || !(decayRate >= 0)) {
            throw new IllegalArgumentException("inverseTime: need decaySteps >= 1 and decayRate >= 0 but got "
                    + decaySteps + " and " + decayRate);
        }
        // TODO: the fraction t / decaySteps, rounded down (integer division) only with staircase;
        //  then the formula above. Check by hand: t = decaySteps gives baseLr / (1 + decayRate).
        // BEGIN SOLUTION
        double progress = staircase ? epoch / decaySteps : epoch / (double) decaySteps;
        return baseLr / (1 + decayRate * progress);
        // END SOLUTION
    }

    private static void requireEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("schedule: epochs count from 0 but got " + epoch);
        }
    }
}
