package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax over each row: turns a row of scores (logits) into probabilities that are positive
 * and sum to 1.
 * <pre>
 *   forward:   y_ij = exp(z_ij - m_i) / sum_k exp(z_ik - m_i)      m_i = max_k z_ik
 *   backward:  dz_ij = y_ij * (dy_ij - sum_k dy_ik y_ik)
 * </pre>
 * Subtracting the row's maximum changes nothing mathematically (it cancels between numerator
 * and denominator) but keeps every exp in [0, 1], so logits of 1000 or -1000 give finite
 * probabilities instead of inf/inf = NaN. The backward pass is the vector-Jacobian product with
 * the Jacobian {@code dy_ij/dz_il = y_ij (delta_jl - y_il)}, without forming it.
 *
 * <p>{@link #apply(DMatrixRMaj)} is the same function as a static method; it belongs to this
 * exercise, so code that calls it (a loss, say) works only once the exercise is done. With
 * cross-entropy, prefer the combined loss: its gradient, y - onehot, is simpler and more exact.
 */
public final class Softmax implements Layer {

    /** The output of the last forward pass, (N, C); backward is written with it. */
    private DMatrixRMaj output;

    /**
     * Row-wise softmax with the maximum shift, as described in the class comment.
     *
     * @param z the scores, (N, C) with C &gt;= 1; not modified
     * @return a new (N, C) matrix whose rows are positive and sum to 1
     */
    public static DMatrixRMaj apply(DMatrixRMaj z) {
        Matrices.requireShape("z", z, "N, C", Matrices.ANY, Matrices.ANY);
        // TODO: for each row: find its maximum m, compute exp(z - m) for each entry and their sum,
        //  then divide each by the sum. Write into a new matrix.
        throw new UnsupportedOperationException("not implemented yet: Softmax.apply");
    }

    /**
     * {@link #apply(DMatrixRMaj)}, remembering the output for backward.
     *
     * @param x the scores, (N, C); not modified
     * @return a new (N, C) matrix of probabilities
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        output = apply(x);
        return output.copy();
    }

    /**
     * @param gradOutput dy, (N, C) like the last output; not modified
     * @return dz, a new (N, C) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (output == null) {
            throw new IllegalStateException("Softmax.backward called before forward");
        }
        Matrices.requireSameShape("output", output, "gradOutput", gradOutput);
        // TODO: for each row i: dot = sum_k dy_ik y_ik; then dz_ij = y_ij * (dy_ij - dot).
        //  Each output depends on EVERY input of its row, so dz_ij is not just y_ij (1 - y_ij) dy_ij.
        //  A gradient check gives around 1e-10.
        throw new UnsupportedOperationException("not implemented yet: Softmax.backward");
    }
}
