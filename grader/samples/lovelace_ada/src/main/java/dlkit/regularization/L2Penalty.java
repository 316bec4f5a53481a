package dlkit.regularization;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2 regularisation ("ridge", "weight decay"): adds {@code lambda * sum w^2} to the loss, which
 * pulls every weight towards 0 in proportion to its size; weights shrink but rarely become
 * exactly 0.
 * <pre>
 *   penalty(w)  = lambda * sum_ij w_ij^2
 *   gradient(w) = 2 * lambda * w
 * </pre>
 * Convention: no 1/2 in front. Many texts write {@code (lambda/2) * sum w^2} so that the
 * gradient is {@code lambda * w}, and some divide by the batch size too; this kit does neither.
 *
 * <p>As weight decay: {@code torch.optim.SGD(weight_decay=wd)} steps
 * {@code w <- w - lr * (g + wd * w)}, see {@link #sgdStepWithWeightDecay}. With plain SGD this is
 * exactly a gradient step on loss + penalty when {@code wd = 2 * lambda} (wd = lambda under the
 * 1/2 convention). With Adam the two differ, which is why AdamW exists.
 *
 * <p>Biases are usually not penalised: the caller passes only the weights (for a Dense layer,
 * W and not b) to {@link #addGradients}.
 */
public final class L2Penalty {

    private final double lambda;

    /** @param lambda the strength, {@code >= 0} */
    public L2Penalty(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("L2Penalty: lambda must be >= 0 but was " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    /** The PyTorch {@code weight_decay} whose SGD step equals a gradient step on this penalty: 2 * lambda. */
    public double equivalentWeightDecay() {
        return 2 * lambda;
    }

    /**
     * {@code lambda * sum w^2}. Does not modify {@code w}.
     *
     * @param w a weight matrix, (any shape)
     */
    public double penalty(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "any, any", Matrices.ANY, Matrices.ANY);
        // TODO: lambda times the sum of the squares of all elements.
        double squares = 0;
        for (int k = 0; k < w.getNumElements(); k++) squares += w.data[k] * w.data[k];
        return lambda * squares;
    }

    /**
     * The gradient of {@link #penalty}: {@code 2 * lambda * w}. Does not modify {@code w}.
     *
     * @param w a weight matrix, (any shape)
     * @return a new matrix, the shape of {@code w}
     */
    public DMatrixRMaj gradient(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "any, any", Matrices.ANY, Matrices.ANY);
        // TODO: the derivative of lambda * w^2 element by element. A numeric gradient check of
        //  penalty gives a relative error around 1e-10 (the penalty is quadratic).
        DMatrixRMaj g = w.copy();
        CommonOps_DDRM.scale(2 * lambda, g);   // d/dw of lambda*w^2 is 2*lambda*w
        return g;
    }

    /**
     * One SGD step with PyTorch's weight decay, as {@code torch.optim.SGD(lr, weight_decay)}
     * without momentum: {@code w <- w - lr * (g + weightDecay * w)}, with g = {@code w.grad()}.
     * Modifies {@code w.value()} only (its gradient is not modified); a frozen parameter is left
     * unchanged.
     *
     * @param w           the parameter; its gradient holds dLoss/dw WITHOUT any penalty term
     * @param lr          the learning rate
     * @param weightDecay PyTorch's weight_decay, {@code 2 * lambda} for this class's penalty
     */
    public static void sgdStepWithWeightDecay(Parameter w, double lr, double weightDecay) {
        if (w.isFrozen()) {
            return;
        }
        // TODO: update every element of w.value() with its gradient and its own value; both
        //  terms are multiplied by lr. Hint: read the old value before you overwrite it.
        for (int k = 0; k < w.value().getNumElements(); k++) {
            double old = w.value().data[k];
            w.value().data[k] = old - lr * w.grad().data[k] - lr * weightDecay * old;
        }
    }

    /**
     * For each parameter given, adds the penalty's gradient into its {@code grad()}, and returns
     * the total penalty to add to the loss. Pass the weights only, not the biases. Modifies the
     * gradients; not the values.
     */
    public double addGradients(List<Parameter> weights) {
        double total = 0;
        for (Parameter w : weights) {
            total += penalty(w.value());
            DMatrixRMaj g = gradient(w.value());
            for (int i = 0; i < g.getNumElements(); i++) {
                w.grad().data[i] += g.data[i];
            }
        }
        return total;
    }
}
