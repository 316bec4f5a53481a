package dlkit.optim;

import dlkit.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * What every optimiser of the kit shares, written once (given code: read it, you do not write
 * it): the parameters, the learning rate, and the loop of {@link #step()}. For each parameter
 * in the order given that is not frozen, the loop takes that parameter's own
 * {@link ParameterState} (made the first time, then kept), counts one step on it and calls
 * {@link #update}. A frozen parameter is never passed to {@code update}: its value and its state
 * stay as they are, and its step count does not move.
 *
 * <p>Each optimiser of the kit writes only its rule, {@link #update}, as CS231n's
 * {@code update(w, dw, config)} does. (The kit has you write this loop yourself in an exercise
 * of its own, the parameter loop; the optimisers stand on this given copy, never on yours.)
 */
public abstract class OptimizerBase implements Optimizer {

    private final List<Parameter> params;
    private final Map<Parameter, ParameterState> states = new IdentityHashMap<>();
    private double learningRate;

    /**
     * @param params       the parameters to train; the list is copied, the parameters are not
     * @param learningRate the first learning rate (each optimiser checks its own range)
     */
    protected OptimizerBase(List<Parameter> params, double learningRate) {
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
    }

    /**
     * One step of the rule on one parameter that is not frozen: the optimiser's own maths.
     * Modifies {@code w} and the buffers of {@code s}; {@code dw} is not modified.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient, (the shape of w); not modified
     * @param s  this parameter's own state; {@code s.step()} already counts this step (1 at the first)
     */
    protected abstract void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s);

    /**
     * Calls {@link #update} on every parameter that is not frozen, in order, each with its own
     * state, after counting the step on that state. Modifies what {@code update} modifies.
     */
    @Override
    public final void step() {
        for (Parameter p : params) {
            if (p.isFrozen()) {
                continue;
            }
            ParameterState s = states.computeIfAbsent(p, ParameterState::new);
            s.countStep();
            update(p.value(), p.grad(), s);
        }
    }

    @Override
    public final void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * The state of {@code p}: made (no steps, no buffers) the first time it is asked for, by a
     * step or by this method, then the same object. It is the optimiser's own state, not a copy.
     *
     * @throws IllegalArgumentException if {@code p} is not one of this optimiser's parameters
     */
    public final ParameterState state(Parameter p) {
        if (params.stream().noneMatch(q -> q == p)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + p + " is not one of its parameters");
        }
        return states.computeIfAbsent(p, ParameterState::new);
    }
}
