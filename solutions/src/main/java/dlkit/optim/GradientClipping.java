package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;

/**
 * Gradient clipping, against exploding gradients: call it between the backward pass and the
 * optimiser's step.
 *
 * <ul>
 * <li>By value: every gradient element is clamped to [-clip, clip]. Simple, but it changes the
 *     gradient's direction.</li>
 * <li>By global norm: the norm of ALL gradients together, {@code total = sqrt(sum over every
 *     tensor and element of g^2)}, is measured; if {@code total > maxNorm}, every gradient is
 *     multiplied by the same {@code maxNorm / (total + 1e-6)}. The direction is kept.</li>
 * </ul>
 * Conventions, as {@code torch.nn.utils.clip_grad_value_} and {@code clip_grad_norm_} (L2 norm):
 * the scale is {@code maxNorm / (total + 1e-6)} and is applied only when it is below 1; the
 * norm returned is the one measured before clipping. Every parameter given is clipped, frozen or not.
 */
public final class GradientClipping {

    /** Added to the total norm, as PyTorch does, so a zero norm never divides. */
    public static final double EPS = 1e-6;

    private GradientClipping() {}

    /**
     * Clamps every element of every gradient to [-clip, clip]. Modifies the gradients only.
     *
     * @param params the parameters whose {@code grad()} is clipped
     * @param clip   the largest absolute value allowed, >= 0
     */
    public static void clipByValue(List<Parameter> params, double clip) {
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clipByValue: need clip >= 0 but got " + clip);
        }
        // TODO: replace each gradient element g by min(clip, max(-clip, g)).
        // BEGIN SOLUTION
        for (Parameter p : params) {
            double[] g = p.grad().data;
            for (int i = 0; i < p.grad().getNumElements(); i++) {
                g[i] = Math.min(clip, Math.max(-clip, g[i]));
            }
        }
        // END SOLUTION
    }

    /**
     * The L2 norm of all gradients together, {@code sqrt(sum of g^2 over every tensor)}. Nothing
     * is modified.
     */
    public static double globalNorm(List<Parameter> params) {
        // TODO: add up the squares of every gradient element of every parameter, then take the root.
        // BEGIN SOLUTION
        double sum = 0;
        for (Parameter p : params) {
            double[] g = p.grad().data;
            for (int i = 0; i < p.grad().getNumElements(); i++) {
                sum += g[i] * g[i];
            }
        }
        return Math.sqrt(sum);
        // END SOLUTION
    }

    /**
     * Rescales all gradients together so that their global norm is at most about
     * {@code maxNorm}. Modifies the gradients only.
     *
     * @param params  the parameters whose {@code grad()} is clipped
     * @param maxNorm the largest global norm allowed, >= 0
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(List<Parameter> params, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipByGlobalNorm: need maxNorm >= 0 but got " + maxNorm);
        }
        // TODO: measure the global norm of all gradients (one number for all tensors), compute
        //  scale = maxNorm / (total + EPS) and, only if scale < 1, multiply every gradient element
        //  of every parameter by it. Return the norm measured before clipping.
        // BEGIN SOLUTION
        double total = globalNorm(params);
        double scale = maxNorm / (total + EPS);
        if (scale < 1) {
            for (Parameter p : params) {
                double[] g = p.grad().data;
                for (int i = 0; i < p.grad().getNumElements(); i++) {
                    g[i] *= scale;
                }
            }
        }
        return total;
        // END SOLUTION
    }
}
