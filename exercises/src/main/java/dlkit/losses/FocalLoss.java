package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Focal loss (Lin et al., 2017), multiclass, from softmax probabilities: cross-entropy scaled
 * down on samples the model already gets right, so training concentrates on the hard ones.
 * With p = softmax(s) row by row, p_t = p_{i, y_i} and alpha_c an optional weight per class:
 * <pre>
 *   L_i = -alpha_{y_i} (1 - p_t)^gamma log p_t
 *   L   = (1/N) sum_i L_i                    the mean over samples (divided by N, not by the alphas)
 * </pre>
 * gamma = 0 and no alpha give plain cross-entropy. Gradient (derive it: d log p_t / ds_j =
 * [j == y] - p_j and d p_t / ds_j = p_t ([j == y] - p_j)):
 * <pre>
 *   dL/ds_ij = alpha_{y_i} (p_ij - [j == y_i]) F_i / N,
 *   F_i = (1 - p_t)^gamma - gamma p_t (1 - p_t)^(gamma - 1) log p_t
 * </pre>
 * Stable: log p_t comes from a log-sum-exp with the row's maximum subtracted, and
 * {@code 1 - p_t = -expm1(log p_t)} keeps its precision when p_t is close to 1. Where 1 - p_t is
 * exactly 0 the factor F_i is taken as its limit, 0.
 */
public final class FocalLoss {

    private final double gamma;
    private final double[] alpha;

    /** Focal loss with the paper's gamma = 2 and no class weights. */
    public FocalLoss() {
        this(2.0, null);
    }

    /**
     * @param gamma the focusing parameter, >= 0 (0 gives cross-entropy)
     * @param alpha one weight per class (copied), or null for all 1
     */
    public FocalLoss(double gamma, double[] alpha) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("FocalLoss: gamma must be finite and >= 0 but was " + gamma);
        }
        this.gamma = gamma;
        this.alpha = alpha == null ? null : alpha.clone();
    }

    /**
     * The loss and its gradient with respect to the scores. No argument is modified.
     *
     * @param scores s, (N, C) raw scores (logits); C = alpha's length when alpha is given
     * @param labels y, N class indices in [0, C)
     * @return the mean focal loss and dL/ds, a new (N, C) matrix
     */
    public LossAndGradient compute(DMatrixRMaj scores, int[] labels) {
        Matrices.requireShape("scores", scores, "N, C", Matrices.ANY, alpha == null ? Matrices.ANY : alpha.length);
        Labels.check(labels, scores.numRows, scores.numCols);
        // TODO: per row: a stable log-softmax, log p_t, q = 1 - p_t = -Math.expm1(log p_t); the loss
        //  term -alpha_y q^gamma log p_t; the gradient alpha_y (p - onehot(y)) F / N with F from the
        //  class comment (F = 0 where q == 0). A numeric gradient check should agree to about 1e-8.
        throw new UnsupportedOperationException("not implemented yet: FocalLoss.compute");
    }
}
