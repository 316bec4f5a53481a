package dlkit.optim;

import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Parameter groups with their own learning rates, and freezing for fine-tuning: a pretrained
 * backbone with a small learning rate that stays frozen for its first epochs, a new head with a
 * larger one that trains from the start.
 *
 * <p>Each group gets its own optimiser, made by a factory from the group's parameters and
 * learning rate (for example {@code (params, lr) -> new Momentum(params, lr, 0.9, false)}).
 * As with {@code torch.optim} param_groups: a schedule that sets the learning rate to
 * {@code lr} sets every group's to {@code lr * groupLr / firstGroupLr}, so the groups keep their
 * ratios; {@link #learningRate()} is the first group's current learning rate. A frozen parameter
 * is left unchanged bit for bit by every optimiser of the kit.
 */
public final class ParameterGroups implements Optimizer {

    private final List<ParamGroup> groups;
    private final List<Optimizer> optimizers = new ArrayList<>();

    /**
     * @param groups  at least one group; the first must have a learning rate above 0
     * @param factory makes a group's optimiser from its parameters and learning rate
     */
    public ParameterGroups(List<ParamGroup> groups, BiFunction<List<Parameter>, Double, Optimizer> factory) {
        if (groups.isEmpty() || !(groups.get(0).learningRate() > 0)) {
            throw new IllegalArgumentException("ParameterGroups: need at least one group, the first with lr > 0");
        }
        this.groups = List.copyOf(groups);
        for (ParamGroup group : this.groups) {
            optimizers.add(factory.apply(group.params(), group.learningRate()));
        }
    }

    /**
     * Call at the start of each epoch (0, 1, 2, ...): freezes every parameter of a group whose
     * {@code unfreezeAtEpoch} is after {@code epoch} and unfreezes the others. Modifies the
     * parameters' frozen flags only.
     */
    public void startEpoch(int epoch) {
        // TODO: set each parameter's frozen flag from its group: frozen while epoch < unfreezeAtEpoch.
        throw new UnsupportedOperationException("not implemented yet: ParameterGroups.startEpoch");
    }

    /** One step of every group's optimiser. Modifies the parameters that are not frozen. */
    @Override
    public void step() {
        optimizers.forEach(Optimizer::step);
    }

    @Override
    public void zeroGrad() {
        optimizers.forEach(Optimizer::zeroGrad);
    }

    /** The first group's current learning rate. */
    @Override
    public double learningRate() {
        return optimizers.get(0).learningRate();
    }

    /**
     * Sets the first group's learning rate to {@code learningRate} and every other group's in the
     * same proportion to its own learning rate: {@code learningRate * groupLr / firstGroupLr}.
     * Modifies the groups' optimisers only.
     */
    @Override
    public void setLearningRate(double learningRate) {
        // TODO: scale each group's starting learning rate (group.learningRate()) by the same
        //  factor learningRate / (the first group's starting learning rate), and set it on that
        //  group's optimiser.
        throw new UnsupportedOperationException("not implemented yet: ParameterGroups.setLearningRate");
    }

    /** The optimiser of group {@code i}, in the order the groups were given. */
    public Optimizer optimizer(int i) {
        return optimizers.get(i);
    }
}
