package dlkit.optim;

/**
 * A learning rate for each epoch (0, 1, 2, ...), as a {@code torch.optim.lr_scheduler} gives
 * after {@code epoch} calls of {@code scheduler.step()}. It works with any {@link Optimizer}:
 * <pre>
 *   LearningRateSchedule schedule = epoch -> Schedules.cosine(0.1, 0.001, 50, epoch);
 *   for (int epoch = 0; epoch < 50; epoch++) {
 *       schedule.applyTo(optimizer, epoch);
 *       ... one epoch of training ...
 *   }
 * </pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of {@code epoch}, counted from 0. */
    double at(int epoch);

    /** Sets {@code optimizer}'s learning rate to this schedule's at {@code epoch}; modifies the optimiser. */
    default void applyTo(Optimizer optimizer, int epoch) {
        optimizer.setLearningRate(at(epoch));
    }
}
