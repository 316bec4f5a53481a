package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma and Ba, 2015): gradient descent with a per-element step size, from running
 * averages of the gradient (first moment) and of its square (second moment).
 *
 * <p>For each parameter {@code w} with gradient {@code g}, at step {@code t = 1, 2, ...}:
 * <pre>
 *   m    = beta1 * m + (1 - beta1) * g
 *   v    = beta2 * v + (1 - beta2) * g^2
 *   mHat = m / (1 - beta1^t)              bias correction: m and v start at 0
 *   vHat = v / (1 - beta2^t)
 *   w    = w - lr * mHat / (sqrt(vHat) + eps)
 * </pre>
 * Conventions, as {@code torch.optim.Adam}: {@code t} counts this parameter's steps and is 1 at
 * the first step; {@code eps} is added after the square root; defaults lr = 1e-3,
 * beta1 = 0.9, beta2 = 0.999, eps = 1e-8.
 *
 * <p>The loop over the parameters is done for you by {@link OptimizerBase}: it skips frozen
 * parameters (they keep their state), gives each parameter its own state and counts each one's
 * steps ({@link ParameterState#step()}). You write the rule, {@link #update}.
 */
public final class Adam extends OptimizerBase {

    /** The names of the first moment m and the second moment v in each parameter's {@link ParameterState}. */
    private static final String FIRST_MOMENT = "exp_avg";
    private static final String SECOND_MOMENT = "exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double eps;

    /** Adam with PyTorch's defaults: lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8. */
    public Adam(List<Parameter> params) {
        this(params, 1e-3, 0.9, 0.999, 1e-8);
    }

    public Adam(List<Parameter> params, double learningRate, double beta1, double beta2, double eps) {
        super(params, learningRate);
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("Adam: need lr >= 0, 0 <= beta1, beta2 < 1 and eps >= 0 but got lr = "
                    + learningRate + ", beta1 = " + beta1 + ", beta2 = " + beta2 + ", eps = " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * Adam's rule on one parameter; the loop over the parameters that are not frozen, and the
     * count of each one's steps, are done for you by {@link OptimizerBase#step()}. Modifies
     * {@code w}, m ({@code s.buffer(FIRST_MOMENT)}) and v ({@code s.buffer(SECOND_MOMENT)});
     * {@code dw} is not modified.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient g, (the shape of w); not modified
     * @param s  this parameter's state: t is {@code s.step()} (1 at its first step); m and v
     *           are its buffers FIRST_MOMENT and SECOND_MOMENT (zeros at first)
     */
    @Override
    protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {
        // TODO: update m and v from the gradient, bias-correct them with t = s.step() and move
        //  the value. Work element by element on .data; lr is learningRate().
        //  Hint: the bias correction matters most in the first steps: at t = 1, mHat = g exactly.
        // BEGIN SOLUTION
        double lr = learningRate();
        int t = s.step();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        double[] g = dw.data;
        double[] m = s.buffer(FIRST_MOMENT).data;
        double[] v = s.buffer(SECOND_MOMENT).data;
        for (int i = 0; i < w.getNumElements(); i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            w.data[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
        // END SOLUTION
    }

    /** The first moment m of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj firstMoment(Parameter p) {
        return state(p).buffer(FIRST_MOMENT);
    }

    /** The second moment v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj secondMoment(Parameter p) {
        return state(p).buffer(SECOND_MOMENT);
    }
}
