package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Huber loss: squared error for small residuals, absolute error for large ones, so outliers pull
 * less than with MSE. For each residual {@code r = p - t}:
 * <pre>
 *   l(r) = ½ r^2                      if |r| <= delta
 *        = delta (|r| - ½ delta)      otherwise        (the two pieces meet smoothly at |r| = delta)
 *   l'(r) = r clipped to [-delta, delta]
 *   L = (1 / (N D)) sum_ij l(r_ij)    the mean over all elements
 * </pre>
 * Conventions, as {@code torch.nn.HuberLoss()}: delta = 1.0 by default, reduction "mean".
 */
public final class Huber {

    private final double delta;

    /** Huber loss with PyTorch's default delta = 1.0. */
    public Huber() {
        this(1.0);
    }

    public Huber(double delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Huber: delta must be > 0 but was " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    /**
     * The loss and its gradient with respect to the predictions. No argument is modified.
     *
     * @param predictions p, (N, D)
     * @param targets     t, (N, D)
     * @return the mean Huber loss and dL/dp, a new (N, D) matrix
     */
    public LossAndGradient compute(DMatrixRMaj predictions, DMatrixRMaj targets) {
        Matrices.requireShape("predictions", predictions, "N, D", Matrices.ANY, Matrices.ANY);
        Matrices.requireSameShape("predictions", predictions, "targets", targets);
        if (predictions.getNumElements() == 0) {
            throw new IllegalArgumentException("predictions: expected at least one element but the shape was ("
                    + predictions.numRows + ", " + predictions.numCols + ")");
        }
        // TODO: for each element pick the quadratic or the linear piece, average over all N * D
        //  elements, and the gradient: the residual clipped to [-delta, delta], divided by N * D.
        //  A numeric gradient check away from |r| = delta should agree to about 1e-9.
        // BEGIN SOLUTION
        int count = predictions.getNumElements();
        DMatrixRMaj grad = new DMatrixRMaj(predictions.numRows, predictions.numCols);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double r = predictions.data[i] - targets.data[i];
            if (Math.abs(r) <= delta) {
                sum += 0.5 * r * r;
                grad.data[i] = r / count;
            } else {
                sum += delta * (Math.abs(r) - 0.5 * delta);
                grad.data[i] = Math.signum(r) * delta / count;
            }
        }
        return new LossAndGradient(sum / count, grad);
        // END SOLUTION
    }
}
