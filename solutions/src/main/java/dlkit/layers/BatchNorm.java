package dlkit.layers;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015): each feature (column) is normalised with the
 * mean and variance of the batch, then scaled and shifted by learned {@code gamma} and {@code beta}.
 *
 * <p>Training mode, for an input x of shape (N, D), per column j:
 * <pre>
 *   mu_j    = (1/N) sum_i x_ij
 *   var_j   = (1/N) sum_i (x_ij - mu_j)^2          BIASED variance: this one normalises
 *   xhat_ij = (x_ij - mu_j) / sqrt(var_j + eps)
 *   y_ij    = gamma_j * xhat_ij + beta_j
 *   runningMean_j = (1 - momentum) * runningMean_j + momentum * mu_j
 *   runningVar_j  = (1 - momentum) * runningVar_j  + momentum * var_j * N / (N - 1)
 *                                                   UNBIASED variance: this one is remembered
 * </pre>
 * Inference mode ({@code setTraining(false)}) normalises with runningMean and runningVar instead
 * of the batch's statistics and updates nothing, so a sample's output does not depend on the
 * other samples of its batch.
 *
 * <p>Conventions, as {@code torch.nn.BatchNorm1d}: momentum = 0.1 is the weight of the NEW batch
 * statistic; eps = 1e-5; gamma starts at 1, beta at 0, runningMean at 0, runningVar at 1.
 * Training needs N >= 2 (one sample has no variance).
 */
public final class BatchNorm implements Layer {

    private final int features;
    private final double momentum;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final DMatrixRMaj runningMean;
    private final DMatrixRMaj runningVar;
    private boolean training = true;

    /** Remembered by forward for backward: xhat (N, D), 1/sqrt(var + eps) (1, D) of the statistics used. */
    private DMatrixRMaj xhat;
    private DMatrixRMaj invStd;
    /** Whether the remembered forward pass used the batch's statistics (training) or the running ones. */
    private boolean usedBatchStatistics;

    /** Batch norm over {@code features} columns with PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public BatchNorm(int features) {
        this(features, 0.1, 1e-5);
    }

    public BatchNorm(int features, double momentum, double eps) {
        if (features < 1 || !(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm: need features >= 1, 0 <= momentum <= 1 and eps > 0 but got features = "
                    + features + ", momentum = " + momentum + ", eps = " + eps);
        }
        this.features = features;
        this.momentum = momentum;
        this.eps = eps;
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1.0);
        this.gamma = new Parameter("gamma", ones);
        this.beta = new Parameter("beta", new DMatrixRMaj(1, features));
        this.runningMean = new DMatrixRMaj(1, features);
        this.runningVar = new DMatrixRMaj(1, features);
        this.runningVar.fill(1.0);
    }

    /**
     * The normalised, scaled and shifted batch. Does not modify {@code x}. In training mode it
     * modifies runningMean and runningVar (see the class comment); in inference mode it modifies
     * nothing but what it remembers for {@link #backward}.
     *
     * @param x the input, (N, D); N >= 2 in training mode
     * @return y, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, features);
        if (training && x.numRows < 2) {
            throw new IllegalArgumentException("x: batch norm in training mode needs N >= 2 samples but got N = " + x.numRows);
        }
        // TODO: in training mode compute each column's mean and BIASED variance, update the running
        //  statistics (unbiased variance, momentum on the new value); in inference mode take the
        //  running statistics. Then xhat = (x - mean) / sqrt(var + eps) and y = gamma * xhat + beta.
        //  Store xhat, invStd = 1 / sqrt(var + eps) and usedBatchStatistics for backward.
        // BEGIN SOLUTION
        int n = x.numRows;
        DMatrixRMaj mean = new DMatrixRMaj(1, features);
        DMatrixRMaj var = new DMatrixRMaj(1, features);
        if (training) {
            for (int j = 0; j < features; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x.get(i, j);
                }
                double mu = sum / n;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = x.get(i, j) - mu;
                    squares += d * d;
                }
                mean.data[j] = mu;
                var.data[j] = squares / n;
                runningMean.data[j] = (1 - momentum) * runningMean.data[j] + momentum * mu;
                runningVar.data[j] = (1 - momentum) * runningVar.data[j] + momentum * squares / (n - 1);
            }
        } else {
            mean.setTo(runningMean);
            var.setTo(runningVar);
        }
        usedBatchStatistics = training;
        invStd = new DMatrixRMaj(1, features);
        xhat = new DMatrixRMaj(n, features);
        DMatrixRMaj y = new DMatrixRMaj(n, features);
        for (int j = 0; j < features; j++) {
            invStd.data[j] = 1 / Math.sqrt(var.data[j] + eps);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                double h = (x.get(i, j) - mean.data[j]) * invStd.data[j];
                xhat.set(i, j, h);
                y.set(i, j, gamma.value().data[j] * h + beta.value().data[j]);
            }
        }
        return y;
        // END SOLUTION
    }

    /**
     * The backward pass of the last {@link #forward}. Does not modify {@code gradOutput}; ADDS
     * dL/dgamma = sum_i dy_ij xhat_ij and dL/dbeta = sum_i dy_ij into the parameters' gradients.
     *
     * <p>After a training-mode forward the batch's mean and variance depend on every sample, so
     * with g = dy * gamma (element-wise):
     * {@code dx_ij = invStd_j / N * (N g_ij - sum_k g_kj - xhat_ij sum_k g_kj xhat_kj)}.
     * After an inference-mode forward the statistics are constants: {@code dx = g * invStd}.
     *
     * @param gradOutput dL/dy, (N, D)
     * @return dL/dx, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (xhat == null) {
            throw new IllegalStateException("BatchNorm.backward called before forward");
        }
        Matrices.requireShape("gradOutput", gradOutput, "N, D", xhat.numRows, features);
        // TODO: accumulate dgamma and dbeta (column sums), then compute dx with the formula above
        //  (training) or dx = dy * gamma * invStd (inference). A numeric gradient check of dx,
        //  dgamma and dbeta should agree to about 1e-8 relative error.
        // BEGIN SOLUTION
        int n = xhat.numRows;
        DMatrixRMaj dx = new DMatrixRMaj(n, features);
        for (int j = 0; j < features; j++) {
            double sumG = 0;
            double sumGXhat = 0;
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                double dy = gradOutput.get(i, j);
                double g = dy * gamma.value().data[j];
                sumDy += dy;
                sumDyXhat += dy * xhat.get(i, j);
                sumG += g;
                sumGXhat += g * xhat.get(i, j);
            }
            gamma.grad().data[j] += sumDyXhat;
            beta.grad().data[j] += sumDy;
            for (int i = 0; i < n; i++) {
                double g = gradOutput.get(i, j) * gamma.value().data[j];
                double d = usedBatchStatistics
                        ? invStd.data[j] / n * (n * g - sumG - xhat.get(i, j) * sumGXhat)
                        : g * invStd.data[j];
                dx.set(i, j, d);
            }
        }
        return dx;
        // END SOLUTION
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** The scale, (1, D). */
    public Parameter gamma() {
        return gamma;
    }

    /** The shift, (1, D). */
    public Parameter beta() {
        return beta;
    }

    /** The running mean, (1, D); the layer's own state, not a copy. */
    public DMatrixRMaj runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, (1, D); the layer's own state, not a copy. */
    public DMatrixRMaj runningVar() {
        return runningVar;
    }
}
