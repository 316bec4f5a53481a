package dlkit.layers;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Layer normalisation (Ba, Kiros and Hinton, 2016): each SAMPLE (row) is normalised with the mean
 * and variance of its own D features, then scaled and shifted by learned {@code gamma} and
 * {@code beta}, one per feature. Unlike batch norm it does not mix samples, so training and
 * inference compute the same thing and a batch of one sample is fine.
 *
 * <p>For an input x of shape (N, D), per row i:
 * <pre>
 *   mu_i    = (1/D) sum_j x_ij
 *   var_i   = (1/D) sum_j (x_ij - mu_i)^2          biased variance
 *   xhat_ij = (x_ij - mu_i) / sqrt(var_i + eps)
 *   y_ij    = gamma_j * xhat_ij + beta_j
 * </pre>
 * Conventions, as {@code torch.nn.LayerNorm(D)}: eps = 1e-5, gamma starts at 1, beta at 0.
 */
public final class LayerNorm implements Layer {

    private final int features;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;

    /** Remembered by forward for backward: xhat (N, D) and 1/sqrt(var_i + eps) per row (N, 1). */
    private DMatrixRMaj xhat;
    private DMatrixRMaj invStd;

    /** Layer norm over {@code features} columns with PyTorch's eps = 1e-5. */
    public LayerNorm(int features) {
        this(features, 1e-5);
    }

    public LayerNorm(int features, double eps) {
        if (features < 1 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need features >= 1 and eps > 0 but got features = "
                    + features + ", eps = " + eps);
        }
        this.features = features;
        this.eps = eps;
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1.0);
        this.gamma = new Parameter("gamma", ones);
        this.beta = new Parameter("beta", new DMatrixRMaj(1, features));
    }

    /**
     * Each row normalised, then scaled and shifted. Does not modify {@code x}; remembers xhat and
     * invStd for {@link #backward}.
     *
     * @param x the input, (N, D)
     * @return y, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, features);
        // TODO: for each ROW compute its mean and biased variance over the D features, then
        //  xhat = (x - mean) / sqrt(var + eps) and y = gamma * xhat + beta (gamma, beta per column).
        //  Store xhat (N, D) and invStd (N, 1) for backward.
        throw new UnsupportedOperationException("not implemented yet: LayerNorm.forward");
    }

    /**
     * The backward pass of the last {@link #forward}. Does not modify {@code gradOutput}; ADDS
     * dL/dgamma_j = sum_i dy_ij xhat_ij and dL/dbeta_j = sum_i dy_ij into the parameters' gradients.
     * With g = dy * gamma (element-wise), per row i:
     * {@code dx_ij = invStd_i / D * (D g_ij - sum_k g_ik - xhat_ij sum_k g_ik xhat_ik)}.
     *
     * @param gradOutput dL/dy, (N, D)
     * @return dL/dx, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (xhat == null) {
            throw new IllegalStateException("LayerNorm.backward called before forward");
        }
        Matrices.requireShape("gradOutput", gradOutput, "N, D", xhat.numRows, features);
        // TODO: accumulate dgamma and dbeta (sums over rows), then dx row by row with the formula
        //  above: it is batch norm's, with the sums taken along the row. A numeric gradient check
        //  should agree to about 1e-8 relative error.
        throw new UnsupportedOperationException("not implemented yet: LayerNorm.backward");
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** The scale, (1, D). */
    public Parameter gamma() {
        return gamma;
    }

    /** The shift, (1, D). */
    public Parameter beta() {
        return beta;
    }
}
