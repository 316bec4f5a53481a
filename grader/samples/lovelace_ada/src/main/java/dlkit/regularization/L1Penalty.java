package dlkit.regularization;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L1 regularisation ("lasso"): adds {@code lambda * sum |w|} to the loss. Its pull towards 0 has
 * the same size for every weight however small, so it drives weights to EXACTLY 0 (sparsity),
 * provided the step is taken the right way: with the proximal step, not the subgradient.
 * <pre>
 *   penalty(w)     = lambda * sum_ij |w_ij|
 *   subgradient(w) = lambda * sign(w),  with 0 where w = 0      (|w| has no derivative at 0)
 *   softThreshold(u, t) = sign(u) * max(|u| - t, 0)              (the proximal map of t * |u|)
 *   proximal step: w <- softThreshold(w - lr * g, lr * lambda)    (g: gradient of the loss only)
 * </pre>
 * A plain subgradient step {@code w - lr * (g + lambda * sign(w))} makes small weights jump
 * back and forth across 0 and almost never land on it; the proximal step (ISTA) sets every weight
 * whose step would cross 0 to exactly 0.
 *
 * <p>Convention: no 1/2 and no division by the batch size. Biases are usually not penalised: the
 * caller passes only the weights (for a Dense layer, W and not b).
 */
public final class L1Penalty {

    private final double lambda;

    /** @param lambda the strength, {@code >= 0} */
    public L1Penalty(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("L1Penalty: lambda must be >= 0 but was " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    /**
     * {@code lambda * sum |w|}. Does not modify {@code w}.
     *
     * @param w a weight matrix, (any shape)
     */
    public double penalty(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "any, any", Matrices.ANY, Matrices.ANY);
        // TODO: lambda times the sum of the absolute values of all elements.
        double s = 0;
        for (double value : w.data) {
            s += Math.abs(value);
        }
        return lambda * s;
    }

    /**
     * The subgradient {@code lambda * sign(w)}, taking 0 where w is exactly 0 (as
     * {@code torch.sign} and autograd of {@code abs} do). Does not modify {@code w}.
     *
     * @param w a weight matrix, (any shape)
     * @return a new matrix, the shape of {@code w}
     */
    public DMatrixRMaj subgradient(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "any, any", Matrices.ANY, Matrices.ANY);
        // TODO: lambda * sign of each element; Math.signum(0.0) is 0.0.
        DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
        for (int k = 0; k < g.getNumElements(); k++) {
            g.data[k] = lambda * Math.signum(w.data[k]);
        }
        return g;
    }

    /**
     * Soft-thresholding, element by element: {@code sign(u) * max(|u| - threshold, 0)}. Elements
     * within {@code threshold} of 0 become exactly 0, the others move {@code threshold} towards 0.
     * Does not modify {@code u}.
     *
     * @param u         the values, (any shape)
     * @param threshold how far to move towards 0, {@code >= 0}
     * @return a new matrix, the shape of {@code u}
     */
    public static DMatrixRMaj softThreshold(DMatrixRMaj u, double threshold) {
        Matrices.requireShape("u", u, "any, any", Matrices.ANY, Matrices.ANY);
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("softThreshold: threshold must be >= 0 but was " + threshold);
        }
        // TODO: shrink each element towards 0 by threshold, stopping at 0 (never crossing it).
        DMatrixRMaj shrunk = new DMatrixRMaj(u.numRows, u.numCols);
        for (int k = 0; k < u.getNumElements(); k++) {
            double a = u.data[k];
            if (a > threshold) shrunk.data[k] = a - threshold;
            else if (a < -threshold) shrunk.data[k] = a + threshold;
            else shrunk.data[k] = 0;
        }
        return shrunk;
    }

    /**
     * One proximal gradient step (ISTA): {@code w <- softThreshold(w - lr * g, lr * lambda)} with
     * g = {@code w.grad()}, the gradient of the loss WITHOUT the penalty. Modifies
     * {@code w.value()} only; a frozen parameter is left unchanged.
     *
     * @param w  the parameter (a weight, not a bias)
     * @param lr the learning rate
     */
    public void proximalStep(Parameter w, double lr) {
        if (w.isFrozen()) {
            return;
        }
        // TODO: a plain gradient step on the loss, then soft-threshold the result by lr * lambda,
        //  and write it back into w.value().
        DMatrixRMaj u = w.value().copy();
        CommonOps_DDRM.addEquals(u, -lr, w.grad());
        DMatrixRMaj next = softThreshold(u, lr * lambda);
        w.value().setTo(next);
    }

    /**
     * For each parameter given, adds the subgradient into its {@code grad()} and returns the
     * total penalty to add to the loss. Pass the weights only, not the biases. Modifies the
     * gradients; not the values.
     */
    public double addSubgradients(List<Parameter> weights) {
        double total = 0;
        for (Parameter w : weights) {
            total += penalty(w.value());
            DMatrixRMaj g = subgradient(w.value());
            for (int i = 0; i < g.getNumElements(); i++) {
                w.grad().data[i] += g.data[i];
            }
        }
        return total;
    }
}
