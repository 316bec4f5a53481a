package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean squared error, the usual regression loss:
 * {@code L = (1 / (N D)) sum_ij (p_ij - t_ij)^2}, the mean over ALL elements, and
 * {@code dL/dp_ij = 2 (p_ij - t_ij) / (N D)}.
 *
 * <p>Conventions, as {@code torch.nn.MSELoss()} (reduction "mean"): divided by the number of
 * elements N D, not by N alone, and without the factor ½ some courses put in front.
 */
public final class MeanSquaredError {

    private MeanSquaredError() {}

    /**
     * The loss and its gradient with respect to the predictions. No argument is modified.
     *
     * @param predictions p, (N, D)
     * @param targets     t, (N, D)
     * @return the mean squared error and dL/dp, a new (N, D) matrix
     */
    public static LossAndGradient compute(DMatrixRMaj predictions, DMatrixRMaj targets) {
        Matrices.requireShape("predictions", predictions, "N, D", Matrices.ANY, Matrices.ANY);
        Matrices.requireSameShape("predictions", predictions, "targets", targets);
        if (predictions.getNumElements() == 0) {
            throw new IllegalArgumentException("predictions: expected at least one element but the shape was ("
                    + predictions.numRows + ", " + predictions.numCols + ")");
        }
        // TODO: the mean of the squared differences over all N * D elements, and its gradient.
        //  A numeric gradient check should agree to about 1e-9 relative error.
        // BEGIN SOLUTION
        int count = predictions.getNumElements();
        DMatrixRMaj grad = new DMatrixRMaj(predictions.numRows, predictions.numCols);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double r = predictions.data[i] - targets.data[i];
            sum += r * r;
            grad.data[i] = 2 * r / count;
        }
        return new LossAndGradient(sum / count, grad);
        // END SOLUTION
    }
}
