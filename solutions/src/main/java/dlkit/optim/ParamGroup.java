package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;

/**
 * A group of parameters trained with their own learning rate, as one entry of
 * {@code torch.optim}'s {@code param_groups}; for fine-tuning, the group can also stay frozen
 * for its first epochs.
 *
 * @param name            shown in messages, such as "backbone" or "head"
 * @param params          the group's parameters
 * @param learningRate    the group's learning rate (before any schedule), >= 0
 * @param unfreezeAtEpoch the first epoch (counted from 0) in which the group trains; 0 trains
 *                        from the start
 */
public record ParamGroup(String name, List<Parameter> params, double learningRate, int unfreezeAtEpoch) {

    public ParamGroup {
        params = List.copyOf(params);
        if (!(learningRate >= 0) || unfreezeAtEpoch < 0) {
            throw new IllegalArgumentException("ParamGroup " + name + ": need lr >= 0 and unfreezeAtEpoch >= 0 but got lr = "
                    + learningRate + ", unfreezeAtEpoch = " + unfreezeAtEpoch);
        }
    }

    /** A group that trains from the first epoch. */
    public ParamGroup(String name, List<Parameter> params, double learningRate) {
        this(name, params, learningRate, 0);
    }
}
