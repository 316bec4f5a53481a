package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * AdamW (Loshchilov and Hutter, 2019): {@link Adam} with decoupled weight decay. The weights
 * shrink towards 0 by their own step, {@code lr * weightDecay * w}, separate from the gradient;
 * then Adam's step follows, on the gradient alone.
 *
 * <p>For each parameter {@code w} with gradient {@code g}, at step {@code t = 1, 2, ...}:
 * <pre>
 *   w    = w - lr * weightDecay * w       decoupled decay, on the weights before the step
 *   m    = beta1 * m + (1 - beta1) * g    g is the gradient as given: no decay term added to it
 *   v    = beta2 * v + (1 - beta2) * g^2
 *   mHat = m / (1 - beta1^t)
 *   vHat = v / (1 - beta2^t)
 *   w    = w - lr * mHat / (sqrt(vHat) + eps)
 * </pre>
 * Why decoupled: Adam with an L2 term adds {@code weightDecay * w} to the gradient, and then
 * divides it by {@code sqrt(vHat)} like the rest, so weights with large gradients are hardly
 * decayed at all. AdamW decays every weight by the same fraction {@code lr * weightDecay} per step.
 *
 * <p>Conventions, as {@code torch.optim.AdamW} (amsgrad off): the decay multiplies the weights
 * by {@code 1 - lr * weightDecay} before the Adam step, with the learning rate of this step;
 * {@code t} counts this parameter's steps and is 1 at the first; {@code eps} is added after the
 * square root; defaults lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 1e-2.
 *
 * <p>The loop over the parameters is done for you by {@link OptimizerBase}: it skips frozen
 * parameters entirely (neither decayed nor stepped; they keep their state), gives each parameter
 * its own state and counts each one's steps ({@link ParameterState#step()}). You write the rule,
 * {@link #update}.
 */
public final class AdamW extends OptimizerBase {

    /** The names of the first moment m and the second moment v in each parameter's {@link ParameterState}. */
    private static final String FIRST_MOMENT = "exp_avg";
    private static final String SECOND_MOMENT = "exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** AdamW with PyTorch's defaults: lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8, weight_decay = 1e-2. */
    public AdamW(List<Parameter> params) {
        this(params, 1e-3, 0.9, 0.999, 1e-8, 1e-2);
    }

    public AdamW(List<Parameter> params, double learningRate, double beta1, double beta2, double eps,
                 double weightDecay) {
        super(params, learningRate);
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW: need lr >= 0, 0 <= beta1, beta2 < 1, eps >= 0 and weightDecay >= 0"
                    + " but got lr = " + learningRate + ", beta1 = " + beta1 + ", beta2 = " + beta2 + ", eps = " + eps
                    + ", weightDecay = " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /**
     * AdamW's rule on one parameter; the loop over the parameters that are not frozen, and the
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
        // TODO: multiply the value by (1 - lr * weightDecay); then Adam's step exactly as in
        //  Adam.java, from the gradient as given, with t = s.step(). Work element by element on
        //  .data; lr is learningRate().
        //  Hint: with weightDecay = 0 this is Adam: check that your numbers agree with Adam's then.
        //  Do NOT add weightDecay * w to the gradient: that is Adam with L2, another optimiser.
        // BEGIN SOLUTION
        double lr = learningRate();
        int t = s.step();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        double[] g = dw.data;
        double[] m = s.buffer(FIRST_MOMENT).data;
        double[] v = s.buffer(SECOND_MOMENT).data;
        for (int i = 0; i < w.getNumElements(); i++) {
            w.data[i] *= 1 - lr * weightDecay;
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
