package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * RMSprop (Hinton's lecture notes, 2012): gradient descent where each element's step is divided
 * by a running root mean square of its recent gradients, so steep and flat directions move at
 * comparable speeds.
 *
 * <p>For each parameter {@code w} with gradient {@code g}, at every step:
 * <pre>
 *   v = alpha * v + (1 - alpha) * g^2       (v starts at 0)
 *   w = w - lr * g / (sqrt(v) + eps)
 * </pre>
 * Conventions, as {@code torch.optim.RMSprop} (not centred, no momentum): {@code eps} is added
 * after the square root; defaults lr = 0.01, alpha = 0.99, eps = 1e-8. Unlike Adam there is no
 * bias correction, so the first steps are large: at step 1, {@code sqrt(v) = sqrt(1 - alpha) |g|}.
 *
 * <p>The loop over the parameters is done for you by {@link OptimizerBase}: it skips frozen
 * parameters (they keep their state) and gives each parameter its own state. You write the
 * rule, {@link #update}.
 */
public final class RMSprop extends OptimizerBase {

    /** The name of the running mean of squared gradients v in each parameter's {@link ParameterState}. */
    private static final String SQUARE_AVERAGE = "square_avg";

    private final double alpha;
    private final double eps;

    /** RMSprop with PyTorch's defaults: lr = 0.01, alpha = 0.99, eps = 1e-8. */
    public RMSprop(List<Parameter> params) {
        this(params, 0.01, 0.99, 1e-8);
    }

    public RMSprop(List<Parameter> params, double learningRate, double alpha, double eps) {
        super(params, learningRate);
        if (!(learningRate >= 0) || !(alpha >= 0 && alpha < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("RMSprop: need lr >= 0, 0 <= alpha < 1 and eps >= 0 but got lr = "
                    + learningRate + ", alpha = " + alpha + ", eps = " + eps);
        }
        this.alpha = alpha;
        this.eps = eps;
    }

    /**
     * The rule on one parameter; the loop over the parameters that are not frozen is done for
     * you by {@link OptimizerBase#step()}. Modifies {@code w} and v,
     * {@code s.buffer(SQUARE_AVERAGE)}; {@code dw} is not modified.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient g, (the shape of w); not modified
     * @param s  this parameter's state: keep v in {@code s.buffer(SQUARE_AVERAGE)} (zeros at first)
     */
    @Override
    protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {
        // TODO: update v = alpha * v + (1 - alpha) * g^2 element by element, then move w by
        //  lr * g / (sqrt(v) + eps); lr is learningRate().
        //  Hint: eps goes outside the square root; it only matters where gradients are tiny.
        throw new UnsupportedOperationException("not implemented yet: RMSprop.update");
    }

    /** The running mean of squared gradients v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj squareAverage(Parameter p) {
        return state(p).buffer(SQUARE_AVERAGE);
    }
}
