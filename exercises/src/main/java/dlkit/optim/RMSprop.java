package dlkit.optim;

import dlkit.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * Frozen parameters are skipped and keep their state.
 */
public final class RMSprop implements Optimizer {

    private final List<Parameter> params;
    private double learningRate;
    private final double alpha;
    private final double eps;

    /** Per parameter: the running mean of squared gradients v, (shape of the parameter). */
    private final Map<Parameter, DMatrixRMaj> squareAverage = new IdentityHashMap<>();

    /** RMSprop with PyTorch's defaults: lr = 0.01, alpha = 0.99, eps = 1e-8. */
    public RMSprop(List<Parameter> params) {
        this(params, 0.01, 0.99, 1e-8);
    }

    public RMSprop(List<Parameter> params, double learningRate, double alpha, double eps) {
        if (!(learningRate >= 0) || !(alpha >= 0 && alpha < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("RMSprop: need lr >= 0, 0 <= alpha < 1 and eps >= 0 but got lr = "
                    + learningRate + ", alpha = " + alpha + ", eps = " + eps);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.alpha = alpha;
        this.eps = eps;
        for (Parameter p : this.params) {
            squareAverage.put(p, new DMatrixRMaj(p.value().numRows, p.value().numCols));
        }
    }

    /**
     * One step for every parameter that is not frozen. Modifies each parameter's value and its
     * v; gradients are not modified.
     */
    @Override
    public void step() {
        // TODO: for each parameter that is not frozen, update v = alpha * v + (1 - alpha) * g^2
        //  element by element, then move w by lr * g / (sqrt(v) + eps).
        //  Hint: eps goes outside the square root; it only matters where gradients are tiny.
        throw new UnsupportedOperationException("not implemented yet: RMSprop.step");
    }

    @Override
    public void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The running mean of squared gradients v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj squareAverage(Parameter p) {
        return squareAverage.get(p);
    }
}
