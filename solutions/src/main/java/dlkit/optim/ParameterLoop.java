package dlkit.optim;

import dlkit.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plumbing every optimiser shares, which you write once here: the loop over the
 * parameters, skipping the frozen ones, and a state of its own for each parameter, kept from
 * one step to the next. An {@link UpdateRule} (CS231n's {@code update(w, dw, config)}) says how
 * one parameter moves; this class calls it on each parameter, as CS231n's {@code Solver._step}
 * and {@code torch.optim.Optimizer.step} do.
 *
 * <p>At each {@link #step}, for each parameter p in the order given:
 * <pre>
 *   if p is frozen: skip it (its value and state stay as they are)
 *   s = state(p)                  p's own state: made the first time, then the same object
 *   s.countStep()                 so s.step() is 1 at p's first step, 2 at its second, ...
 *   rule.update(p.value(), p.grad(), s)
 * </pre>
 * Each parameter counts its own steps: one frozen for the first 3 steps sees {@code s.step() == 1}
 * at the 4th step, as {@code torch.optim.Adam} keeps {@code state["step"]} per parameter.
 * The optimisers of the kit (Adam and the others) run this same loop, given to them in
 * {@link OptimizerBase}; a mistake here costs this exercise only.
 */
public final class ParameterLoop {

    private final List<Parameter> params;
    /** Each parameter's state, by identity; a parameter is in it once it has been asked for. */
    private final Map<Parameter, ParameterState> states = new IdentityHashMap<>();

    /** @param params the parameters to step; the list is copied, the parameters are not */
    public ParameterLoop(List<Parameter> params) {
        this.params = List.copyOf(params);
    }

    /** The parameters, in the order given; an unmodifiable list. */
    public List<Parameter> parameters() {
        return params;
    }

    /**
     * One step: for each parameter, in order, that is not frozen, count a step on its own state
     * and call {@code rule.update(p.value(), p.grad(), state(p))}. Modifies what the rule
     * modifies (values and state buffers) and the step counts of the parameters stepped; a
     * frozen parameter is not passed to the rule and its state does not change.
     *
     * @param rule how one parameter moves
     */
    public void step(UpdateRule rule) {
        // TODO: loop over the parameters in order; skip a frozen one (p.isFrozen()); for the
        //  others take state(p), call countStep() on it BEFORE the rule (so the rule's
        //  s.step() is 1 at the first step), then rule.update(p.value(), p.grad(), s).
        // BEGIN SOLUTION
        for (Parameter p : params) {
            if (p.isFrozen()) {
                continue;
            }
            ParameterState s = state(p);
            s.countStep();
            rule.update(p.value(), p.grad(), s);
        }
        // END SOLUTION
    }

    /**
     * The state of {@code p}: a {@code new ParameterState(p)} the first time it is asked for (by
     * a step or by a call of this method), then that same object every time. Modifies this
     * loop's map of states only.
     *
     * @throws IllegalArgumentException if {@code p} is not one of this loop's parameters
     */
    public ParameterState state(Parameter p) {
        if (params.stream().noneMatch(q -> q == p)) {
            throw new IllegalArgumentException("ParameterLoop: " + p + " is not one of its parameters");
        }
        // TODO: return p's state from the map states, putting a new ParameterState(p) in first
        //  if p has none yet (Map.computeIfAbsent does both). One state per parameter, kept.
        // BEGIN SOLUTION
        return states.computeIfAbsent(p, ParameterState::new);
        // END SOLUTION
    }
}
