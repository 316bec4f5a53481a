package dlkit.train;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * How large a learning rate can be: gradient descent on the quadratic
 * {@code f(w) = ½ wᵀ A w} (A symmetric positive-definite, its own Hessian) moves
 * {@code w <- w - lr * A w = (I - lr A) w}. Along the eigenvector of eigenvalue {@code λ} the
 * component is multiplied by {@code 1 - lr λ} at every step, so the run converges exactly when
 * {@code |1 - lr λ| < 1} for every eigenvalue: {@code lr < 2 / λmax}. Just below that bound the
 * steepest component flips sign at each step while shrinking; just above, it flips and grows.
 */
public final class LearningRateStability {

    /** What a run's sequence of losses shows. */
    public enum Behaviour { CONVERGING, OSCILLATING, DIVERGING }

    private LearningRateStability() {}

    /**
     * The largest stable learning rate {@code 2 / λmax} for gradient descent on {@code ½ wᵀ A w}.
     *
     * @param a (D, D) symmetric positive-definite; not modified
     */
    public static double largestStableStep(DMatrixRMaj a) {
        requireSquare(a);
        // TODO: find the largest eigenvalue of a with EJML:
        //  DecompositionFactory_DDRM.eig(D, false, true) (no vectors, symmetric), decompose a COPY
        //  (decompositions may modify their input), read getEigenvalue(i).real for each i.
        // BEGIN SOLUTION
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalArgumentException("largestStableStep: the eigenvalue decomposition failed");
        }
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            largest = Math.max(largest, eig.getEigenvalue(i).real);
        }
        return 2 / largest;
        // END SOLUTION
    }

    /**
     * Runs {@code steps} steps of gradient descent {@code w <- w - lr * A w} on {@code ½ wᵀ A w}.
     *
     * @param a  (D, D) symmetric; not modified
     * @param w0 (D, 1) the start; not modified
     * @return steps + 1 losses: {@code ½ wᵀ A w} at the start and after each step
     */
    public static double[] run(DMatrixRMaj a, DMatrixRMaj w0, double lr, int steps) {
        requireSquare(a);
        int d = a.numRows;
        Matrices.requireShape("w0", w0, "D, 1", d, 1);
        // TODO: keep w (a copy of w0); record the loss, then repeat: gradient A w
        //  (CommonOps_DDRM.mult), w = w - lr * gradient, record the loss.
        // BEGIN SOLUTION
        DMatrixRMaj w = w0.copy();
        DMatrixRMaj gradient = new DMatrixRMaj(d, 1);
        double[] losses = new double[steps + 1];
        CommonOps_DDRM.mult(a, w, gradient);
        losses[0] = 0.5 * CommonOps_DDRM.dot(w, gradient);
        for (int t = 1; t <= steps; t++) {
            CommonOps_DDRM.addEquals(w, -lr, gradient);
            CommonOps_DDRM.mult(a, w, gradient);
            losses[t] = 0.5 * CommonOps_DDRM.dot(w, gradient);
        }
        return losses;
        // END SOLUTION
    }

    /**
     * Classifies a run from its losses (at least two):
     * <ul>
     * <li>DIVERGING if any loss is not finite or the last loss is above the first;</li>
     * <li>otherwise CONVERGING if no loss is above the one before it;</li>
     * <li>otherwise OSCILLATING (lower at the end, but going up on the way).</li>
     * </ul>
     *
     * @param losses not modified
     */
    public static Behaviour classify(double[] losses) {
        if (losses.length < 2) {
            throw new IllegalArgumentException("classify: need at least two losses but got " + losses.length);
        }
        // TODO: apply the three rules above, in that order.
        // BEGIN SOLUTION
        for (double loss : losses) {
            if (!Double.isFinite(loss)) {
                return Behaviour.DIVERGING;
            }
        }
        if (losses[losses.length - 1] > losses[0]) {
            return Behaviour.DIVERGING;
        }
        for (int t = 1; t < losses.length; t++) {
            if (losses[t] > losses[t - 1]) {
                return Behaviour.OSCILLATING;
            }
        }
        return Behaviour.CONVERGING;
        // END SOLUTION
    }

    private static void requireSquare(DMatrixRMaj a) {
        Matrices.requireShape("a", a, "D, D", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("a", a, "D, D", a.numRows, a.numRows);
    }
}
