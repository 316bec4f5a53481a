package dlkit.experiments;

import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * XOR, the function a single linear layer cannot compute and a network with one hidden layer can.
 * <pre>
 *   x1 x2 | XOR        hidden:  h = relu(x W1 + b1)    W1 = [[1, 1], [1, 1]]   b1 = [0, -1]
 *    0  0 |  0         output:  y = h W2 + b2          W2 = [[1], [-2]]        b2 = [0]
 *    0  1 |  1
 *    1  0 |  1         h(0,0) = (0, 0), h(0,1) = h(1,0) = (1, 0), h(1,1) = (2, 1),
 *    1  1 |  0         so y = 0, 1, 1, 0: exactly XOR (Goodfellow, Bengio and Courville, 6.1).
 * </pre>
 * <b>Why no linear layer can.</b> For ANY affine score {@code f(x) = w1 x1 + w2 x2 + b},
 * {@code f(0,0) + f(1,1) = 2b + w1 + w2 = f(0,1) + f(1,0)}. A classifier "1 when f(x) &gt; t"
 * that got XOR right would need f(0,1), f(1,0) &gt; t and f(0,0), f(1,1) &lt;= t, so the right
 * side would exceed 2t and the left side would not: impossible. So every affine classifier
 * misclassifies at least one of the four points. The least-squares affine fit
 * ({@link #bestAffineFit}) shows it in numbers: on the four XOR points it is w = 0, b = 1/2, the
 * same prediction 1/2 everywhere. The ReLU bends the input space so that the two 1s land on the
 * same hidden point, (1, 0), which a line then separates from (0, 0) and (2, 1).
 */
public final class Xor {

    private Xor() {}

    /** The four inputs (0,0), (0,1), (1,0), (1,1) as rows, (4, 2); a new matrix. */
    public static DMatrixRMaj inputs() {
        return Matrices.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    }

    /** Their XOR, (4, 1): 0, 1, 1, 0; a new matrix. */
    public static DMatrixRMaj targets() {
        return Matrices.of(new double[][] {{0}, {1}, {1}, {0}});
    }

    /**
     * The network of the class comment, built from the kit's layers:
     * {@code Sequential(Dense(W1, b1), ReLU, Dense(W2, b2))} with W1 (2, 2), b1 (1, 2), W2 (2, 1),
     * b2 (1, 1) as given there.
     *
     * @return a new network mapping (N, 2) inputs to (N, 1) outputs
     */
    public static Sequential network() {
        // TODO: write W1, b1, W2, b2 of the class comment as matrices (Matrices.of, Matrices.row)
        //  and return new Sequential(new Dense(W1, b1), new ReLU(), new Dense(W2, b2)).
        //  W is (inputs, outputs): row i of W1 holds the weights FROM input i.
        throw new UnsupportedOperationException("not implemented yet: Xor.network");
    }

    /**
     * Class labels from scores: 1 where the score is above {@code threshold}, 0 elsewhere.
     *
     * @param scores    (N, 1); not modified
     * @param threshold t
     * @return a new (N, 1) matrix of 0s and 1s
     */
    public static DMatrixRMaj classify(DMatrixRMaj scores, double threshold) {
        Matrices.requireShape("scores", scores, "N, 1", Matrices.ANY, 1);
        // TODO: 1 where score > threshold (strictly), else 0.
        throw new UnsupportedOperationException("not implemented yet: Xor.classify");
    }

    /**
     * The least-squares affine fit {@code y ~ x w + b}: the w and b minimising
     * {@code sum_i (x_i w + b - y_i)^2}, from the normal equations of the augmented inputs
     * {@code A = [x, 1]}: {@code (A^T A) theta = A^T y}.
     *
     * @param x (N, D) with A^T A invertible (N &gt;= D + 1 points in general position); not modified
     * @param y (N, 1); not modified
     * @return theta = [w; b], a new (D + 1, 1) matrix: the D weights, then the bias
     */
    public static DMatrixRMaj bestAffineFit(DMatrixRMaj x, DMatrixRMaj y) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("y", y, "N, 1", x.numRows, 1);
        // TODO: build A = [x, 1], (N, D + 1), with a last column of ones; form A^T A and A^T y
        //  (CommonOps_DDRM.multTransA) and solve (A^T A) theta = A^T y (CommonOps_DDRM.solve).
        throw new UnsupportedOperationException("not implemented yet: Xor.bestAffineFit");
    }
}
