package dlkit.optim;

import dlkit.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * Frozen parameters are skipped entirely (neither decayed nor stepped) and keep their state.
 */
public final class AdamW implements Optimizer {

    private final List<Parameter> params;
    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** Per parameter: first moment m, second moment v, both (shape of the parameter), and t. */
    private final Map<Parameter, DMatrixRMaj> m = new IdentityHashMap<>();
    private final Map<Parameter, DMatrixRMaj> v = new IdentityHashMap<>();
    private final Map<Parameter, Integer> steps = new IdentityHashMap<>();

    /** AdamW with PyTorch's defaults: lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8, weight_decay = 1e-2. */
    public AdamW(List<Parameter> params) {
        this(params, 1e-3, 0.9, 0.999, 1e-8, 1e-2);
    }

    public AdamW(List<Parameter> params, double learningRate, double beta1, double beta2, double eps,
                 double weightDecay) {
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW: need lr >= 0, 0 <= beta1, beta2 < 1, eps >= 0 and weightDecay >= 0"
                    + " but got lr = " + learningRate + ", beta1 = " + beta1 + ", beta2 = " + beta2 + ", eps = " + eps
                    + ", weightDecay = " + weightDecay);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Parameter p : this.params) {
            m.put(p, new DMatrixRMaj(p.value().numRows, p.value().numCols));
            v.put(p, new DMatrixRMaj(p.value().numRows, p.value().numCols));
            steps.put(p, 0);
        }
    }

    /**
     * One AdamW step for every parameter that is not frozen. Modifies each parameter's value and
     * its m, v and t; gradients are not modified.
     */
    @Override
    public void step() {
        // TODO: for each parameter that is not frozen: increase its t; multiply its value by
        //  (1 - lr * weightDecay); then Adam's step exactly as in Adam.java, from the gradient as
        //  given. Work element by element on .data.
        //  Hint: with weightDecay = 0 this is Adam: check that your numbers agree with Adam's then.
        //  Do NOT add weightDecay * w to the gradient: that is Adam with L2, another optimiser.
        // BEGIN SOLUTION
        for (Parameter p : params) {
            if (p.isFrozen()) {
                continue;
            }
            int t = steps.merge(p, 1, Integer::sum);
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = 1 - Math.pow(beta2, t);
            double[] w = p.value().data;
            double[] g = p.grad().data;
            double[] mp = m.get(p).data;
            double[] vp = v.get(p).data;
            for (int i = 0; i < p.value().getNumElements(); i++) {
                w[i] *= 1 - learningRate * weightDecay;
                mp[i] = beta1 * mp[i] + (1 - beta1) * g[i];
                vp[i] = beta2 * vp[i] + (1 - beta2) * g[i] * g[i];
                double mHat = mp[i] / correction1;
                double vHat = vp[i] / correction2;
                w[i] -= learningRate * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        // END SOLUTION
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

    /** The first moment m of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj firstMoment(Parameter p) {
        return m.get(p);
    }

    /** The second moment v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj secondMoment(Parameter p) {
        return v.get(p);
    }
}
