package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax cross-entropy with a weight per class, the usual answer to class imbalance: mistakes on
 * a rare class cost more. With p = softmax(s) row by row and w_c the weight of class c:
 * <pre>
 *   L = sum_i w_{y_i} (-log p_{i, y_i}) / sum_i w_{y_i}
 *   dL/ds_ij = w_{y_i} (p_ij - [j == y_i]) / sum_k w_{y_k}
 * </pre>
 * Conventions, as {@code torch.nn.CrossEntropyLoss(weight=w)} with reduction "mean": the sum is
 * divided by the SUM OF THE WEIGHTS OF THE TARGETS, not by N, so the loss is a weighted average
 * (with all weights equal to 1 it is the plain mean cross-entropy). A batch whose target weights
 * sum to 0 has no average: {@link #compute} refuses it (PyTorch would return NaN).
 *
 * <p>Stable at any scale: log p_ij = s_ij - m_i - log sum_k exp(s_ik - m_i), with m_i the row's
 * maximum, never overflows (scores of ±1000 are fine).
 */
public final class WeightedCrossEntropy {

    private final double[] weights;

    /**
     * @param weights one weight per class, each >= 0 and finite (copied); see {@link ClassWeights}
     */
    public WeightedCrossEntropy(double[] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("WeightedCrossEntropy: need one weight per class but got none");
        }
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0) || Double.isInfinite(weights[c])) {
                throw new IllegalArgumentException("WeightedCrossEntropy: weights[" + c + "] = " + weights[c]
                        + " must be finite and >= 0");
            }
        }
        this.weights = weights.clone();
    }

    /** The class weights, (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The loss and its gradient with respect to the scores. No argument is modified.
     *
     * @param scores s, (N, C) raw scores (logits), C = the number of weights
     * @param labels y, N class indices in [0, C)
     * @return the weighted mean cross-entropy and dL/ds, a new (N, C) matrix
     * @throws IllegalArgumentException if the weights of the N targets sum to 0
     */
    public LossAndGradient compute(DMatrixRMaj scores, int[] labels) {
        Matrices.requireShape("scores", scores, "N, C", Matrices.ANY, weights.length);
        Labels.check(labels, scores.numRows, weights.length);
        // TODO: for each row compute log-softmax stably (subtract the row's maximum before exp),
        //  add w_y * (-log p_y) to the loss and w_y * (p - onehot(y)) to the row's gradient; then
        //  divide both by the sum of w_y over the batch (refuse a sum of 0). A numeric gradient
        //  check should agree to about 1e-9 relative error.
        throw new UnsupportedOperationException("not implemented yet: WeightedCrossEntropy.compute");
    }
}
