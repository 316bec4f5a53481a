package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax cross-entropy for classification into C classes, computed from the raw scores
 * (logits) in one stable step. For a batch of N samples with logits {@code z} and labels
 * {@code y}:
 * <pre>
 *   L     = (1/N) * sum_i [ logsumexp(z_i) - z_i,y_i ]         mean over the batch
 *   logsumexp(z_i) = max_i + log sum_j exp(z_ij - max_i)      max_i = max_j z_ij (the "max shift")
 *   dL/dz = (softmax(z) - onehot(y)) / N                       softmax(z_i)_j = exp(z_ij - logsumexp(z_i))
 * </pre>
 * Convention, as {@code torch.nn.CrossEntropyLoss} with its defaults: inputs are logits (not
 * probabilities), labels are class indices, and the loss is the MEAN over the batch, so the
 * gradient carries the 1/N. Without the max shift, {@code exp(1000)} overflows to infinity and
 * the loss becomes infinite or NaN; with it the loss is finite for any finite logits.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /**
     * The mean softmax cross-entropy of a batch and its gradient. No argument is modified.
     *
     * @param logits the scores, (N, C), N >= 1, C >= 1
     * @param labels the class of each sample, length N, each in [0, C)
     * @return the loss and dL/dlogits, a new (N, C) matrix
     */
    public static LossAndGradient compute(DMatrixRMaj logits, int[] labels) {
        Matrices.requireShape("logits", logits, "N, C", Matrices.ANY, Matrices.ANY);
        if (labels == null || labels.length != logits.numRows || logits.numRows == 0) {
            throw new IllegalArgumentException("labels: expected one label per row of logits (N = "
                    + logits.numRows + ", N >= 1) but got " + (labels == null ? "null" : labels.length + " labels"));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= logits.numCols) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is not a class index in [0, " + logits.numCols + ")");
            }
        }
        // TODO: for each row i, compute logsumexp of the row with the max shift, add
        //  logsumexp - z[i][labels[i]] to the loss, and set the gradient row to
        //  softmax - onehot. Divide the loss and the gradient by N.
        //  Hint: a numeric gradient check of this gradient gives a relative error around 1e-9.
        int n = logits.numRows;
        DMatrixRMaj grad = new DMatrixRMaj(n, logits.numCols);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            // mistake: exp of the raw logits, no max shift (overflows for large logits)
            double sum = 0;
            for (int j = 0; j < logits.numCols; j++) sum += Math.exp(logits.get(i, j));
            loss += -Math.log(Math.exp(logits.get(i, labels[i])) / sum);
            for (int j = 0; j < logits.numCols; j++) {
                grad.set(i, j, (Math.exp(logits.get(i, j)) / sum - (j == labels[i] ? 1 : 0)) / n);
            }
        }
        return new LossAndGradient(loss / n, grad);
    }
}
