package dlkit.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * How one optimiser moves one parameter, as CS231n's {@code update(w, dw, config)}: the rule
 * alone, without the loop over parameters that calls it (which {@link OptimizerBase} runs).
 */
@FunctionalInterface
public interface UpdateRule {

    /**
     * One step on one parameter that is not frozen. Modifies {@code w} and the buffers of
     * {@code s}; {@code dw} is not modified.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient, (the shape of w); not modified
     * @param s  this parameter's own state; {@code s.step()} already counts this step (1 at the first)
     */
    void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s);
}
