package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Why a network needs non-linear activations: two linear layers with nothing between them are
 * ONE linear layer. With the kit's convention {@code y = xW + b} (rows are samples):
 * <pre>
 *   h = x W1 + b1                 W1 (D, H), b1 (1, H)
 *   y = h W2 + b2                 W2 (H, M), b2 (1, M)
 *     = x (W1 W2) + (b1 W2 + b2)  so W = W1 W2 (D, M) and b = b1 W2 + b2 (1, M)
 * </pre>
 * However many linear layers are stacked, the network can only represent a linear map; an
 * activation between them (ReLU, tanh, ...) is what breaks the collapse.
 */
public final class LinearCollapse {

    private LinearCollapse() {}

    /** A linear (affine) layer's weights: {@code y = x w + b}, w (D, M), b (1, M). */
    public record Affine(DMatrixRMaj w, DMatrixRMaj b) {}

    /**
     * The single linear layer equal to {@code x -> (x w1 + b1) w2 + b2}. No argument is modified.
     *
     * @param w1 the first layer's weights, (D, H)
     * @param b1 the first layer's bias, (1, H)
     * @param w2 the second layer's weights, (H, M)
     * @param b2 the second layer's bias, (1, M)
     * @return new matrices w (D, M) and b (1, M)
     */
    public static Affine collapse(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        Matrices.requireShape("w1", w1, "D, H", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("b1", b1, "1, H", 1, w1.numCols);
        Matrices.requireShape("w2", w2, "H, M", w1.numCols, Matrices.ANY);
        Matrices.requireShape("b2", b2, "1, M", 1, w2.numCols);
        // TODO: return W = W1 W2 and b = b1 W2 + b2. Hint: CommonOps_DDRM.mult(a, b, out)
        //  multiplies two matrices; check the order against the shapes (D, H) x (H, M).
        throw new UnsupportedOperationException("not implemented yet: LinearCollapse.collapse");
    }
}
