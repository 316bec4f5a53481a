package dlkit.optim;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Least-squares linear regression as a function of its weights, the mean squared error:
 * <pre>
 *   f(w)     = 1/N * sum_i (x_i w - y_i)^2  = mean((X w - y)^2)
 *   df/dw    = 2/N * X^T (X w - y)
 * </pre>
 * with the data fixed: {@code X} (N, D), one sample per row, and targets {@code y} (N, 1);
 * the weights {@code w} are (D, 1). The mean, not the sum, as {@code torch.nn.MSELoss}'s default
 * reduction, so the step size does not depend on N. (Add a column of ones to X for a bias.)
 *
 * <p>X and y are copied on construction; no method modifies its arguments.
 */
public final class LinearRegression implements DifferentiableFunction {

    private final DMatrixRMaj x;
    private final DMatrixRMaj y;

    /**
     * @param x the inputs, (N, D), N >= 1
     * @param y the targets, (N, 1)
     */
    public LinearRegression(DMatrixRMaj x, DMatrixRMaj y) {
        Matrices.requireShape("X", x, "N, D", Matrices.ANY, Matrices.ANY);
        if (x.numRows == 0) {
            throw new IllegalArgumentException("X: expected at least one sample but N = 0");
        }
        Matrices.requireShape("y", y, "N, 1", x.numRows, 1);
        this.x = x.copy();
        this.y = y.copy();
    }

    /** The inputs X, (N, D); a copy. */
    public DMatrixRMaj inputs() {
        return x.copy();
    }

    /** The targets y, (N, 1); a copy. */
    public DMatrixRMaj targets() {
        return y.copy();
    }

    /**
     * The mean squared error {@code mean((X w - y)^2)}.
     *
     * @param w the weights, (D, 1); not modified
     */
    @Override
    public double value(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "D, 1", x.numCols, 1);
        // TODO: compute the residuals r = X w - y, (N, 1), then the mean of their squares.
        //  Hint: CommonOps_DDRM.mult(x, w, r) writes X w into r.
        throw new UnsupportedOperationException("not implemented yet: LinearRegression.value");
    }

    /**
     * The gradient {@code 2/N X^T (X w - y)}.
     *
     * @param w the weights, (D, 1); not modified
     * @return a new (D, 1) matrix
     */
    @Override
    public DMatrixRMaj gradient(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "D, 1", x.numCols, 1);
        // TODO: compute r = X w - y, (N, 1), then 2/N X^T r, (D, 1).
        //  Hint: CommonOps_DDRM.multTransA(x, r, g) writes X^T r into g without forming X^T.
        //  Check it with dlkit.core.GradientCheck in a test of your own (src/test): expect a relative error
        //  around 1e-9. A handed-in file that calls GradientCheck is graded as its stub.
        throw new UnsupportedOperationException("not implemented yet: LinearRegression.gradient");
    }
}
