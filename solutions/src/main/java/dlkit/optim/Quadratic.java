package dlkit.optim;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The quadratic {@code f(w) = 1/2 w^T A w - b^T w} with {@code A} symmetric positive definite:
 * the simplest function to watch gradient descent on. Its gradient is {@code A w - b} and its
 * only minimum is at {@code w* = A^-1 b}.
 *
 * <p>Shapes: {@code A} (D, D), {@code b} (D, 1), {@code w} (D, 1). Both are copied on
 * construction; no method modifies its arguments.
 */
public final class Quadratic implements DifferentiableFunction {

    private final DMatrixRMaj a;
    private final DMatrixRMaj b;

    /**
     * @param a (D, D), symmetric (checked) and positive definite (not checked; gradient descent
     *          diverges or stalls otherwise)
     * @param b (D, 1)
     */
    public Quadratic(DMatrixRMaj a, DMatrixRMaj b) {
        Matrices.requireShape("A", a, "D, D", Matrices.ANY, a == null ? 0 : a.numRows);
        Matrices.requireShape("b", b, "D, 1", a.numRows, 1);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < i; j++) {
                if (Matrices.relativeError(a.get(i, j), a.get(j, i)) > 1e-12) {
                    throw new IllegalArgumentException("A: expected a symmetric matrix but A(" + i + ", " + j
                            + ") = " + a.get(i, j) + " and A(" + j + ", " + i + ") = " + a.get(j, i));
                }
            }
        }
        this.a = a.copy();
        this.b = b.copy();
    }

    /** The number of weights D. */
    public int dimension() {
        return b.numRows;
    }

    @Override
    public double value(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "D, 1", dimension(), 1);
        DMatrixRMaj aw = new DMatrixRMaj(dimension(), 1);
        CommonOps_DDRM.mult(a, w, aw);
        return 0.5 * CommonOps_DDRM.dot(w, aw) - CommonOps_DDRM.dot(b, w);
    }

    @Override
    public DMatrixRMaj gradient(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "D, 1", dimension(), 1);
        DMatrixRMaj g = new DMatrixRMaj(dimension(), 1);
        CommonOps_DDRM.mult(a, w, g);
        CommonOps_DDRM.subtractEquals(g, b);
        return g;
    }

    /** The minimiser {@code A^-1 b}, (D, 1), by solving {@code A w = b} (EJML's LU solve). */
    public DMatrixRMaj minimizer() {
        DMatrixRMaj w = new DMatrixRMaj(dimension(), 1);
        if (!CommonOps_DDRM.solve(a, b, w)) {
            throw new IllegalStateException("A is singular: the quadratic has no unique minimum");
        }
        return w;
    }
}
