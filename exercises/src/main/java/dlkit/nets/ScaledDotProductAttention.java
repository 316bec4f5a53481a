package dlkit.nets;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Scaled dot-product attention (Vaswani et al., 2017), forward only: every query takes a
 * weighted average of the values, weighted by how well it matches each key.
 * <pre>
 *   A   = softmax(Q K^T / sqrt(d_k) + M)     softmax along each row: over the keys
 *   out = A V
 * </pre>
 * Shapes: Q is (n, d_k), one query per row; K is (m, d_k) and V is (m, d_v), one key and its
 * value per row; A is (n, m); out is (n, d_v). A batch or several heads are a loop over this.
 *
 * <p>The mask is a boolean (n, m) array: {@code mask[i][j] == true} means query i MAY attend to
 * key j (as the boolean {@code attn_mask} of PyTorch 2's {@code scaled_dot_product_attention});
 * false adds M = -infinity to that score, so its weight is exactly 0. A null mask allows all.
 * A query whose row is entirely false has nothing to attend to: PyTorch returns NaN there; this
 * class returns a row of zeros in A (and so in the output), which keeps padded queries harmless.
 *
 * <p>The softmax is computed stably: subtract each row's largest allowed score before exp.
 */
public final class ScaledDotProductAttention {

    private ScaledDotProductAttention() {}

    /**
     * The attention weights A.
     *
     * @param q    (n, d_k) queries; not modified
     * @param k    (m, d_k) keys; not modified
     * @param mask (n, m), true = may attend, or null for no mask; not modified
     * @return a new (n, m) matrix whose rows sum to 1 (or are all 0 for a fully masked row)
     */
    public static DMatrixRMaj weights(DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        Matrices.requireShape("q", q, "n, d_k", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("k", k, "m, d_k", Matrices.ANY, q.numCols);
        requireMask(mask, q.numRows, k.numRows);
        // TODO: scores s[i][j] = (q_i . k_j) / sqrt(d_k) for the allowed (i, j); then, row by row,
        //  subtract the largest allowed score, exponentiate the allowed ones (masked ones get 0),
        //  and divide by their sum. A row with no allowed key stays all zeros.
        //  Hint: CommonOps_DDRM.multTransB(q, k, s) gives Q K^T.
        throw new UnsupportedOperationException("not implemented yet: ScaledDotProductAttention.weights");
    }

    /**
     * The attention output {@code A V}, A from {@link #weights}.
     *
     * @param q    (n, d_k) queries; not modified
     * @param k    (m, d_k) keys; not modified
     * @param v    (m, d_v) values; not modified
     * @param mask (n, m), true = may attend, or null; not modified
     * @return a new (n, d_v) matrix
     */
    public static DMatrixRMaj forward(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] mask) {
        Matrices.requireShape("v", v, "m, d_v", k == null ? Matrices.ANY : k.numRows, Matrices.ANY);
        // TODO: multiply the weights by the values.
        throw new UnsupportedOperationException("not implemented yet: ScaledDotProductAttention.forward");
    }

    private static void requireMask(boolean[][] mask, int n, int m) {
        if (mask == null) {
            return;
        }
        if (mask.length != n) {
            throw new IllegalArgumentException("mask: expected (n, m) = (" + n + ", " + m + ") but had " + mask.length + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (mask[i] == null || mask[i].length != m) {
                throw new IllegalArgumentException("mask: expected (n, m) = (" + n + ", " + m + ") but row " + i
                        + " has " + (mask[i] == null ? "no" : Integer.toString(mask[i].length)) + " columns");
            }
        }
    }
}
