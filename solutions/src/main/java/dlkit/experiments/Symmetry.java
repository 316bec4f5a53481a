package dlkit.experiments;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * The symmetry problem of weight initialisation, computed. In a network
 * {@code Dense(D -&gt; H), Tanh, Dense(H -&gt; O)} hidden unit j is column j of the first weight
 * matrix W1 (D, H) (its incoming weights) with bias b1_j, and row j of W2 (H, O) (its outgoing
 * weights). If every weight starts at the same constant, all hidden units compute the same
 * output, receive the same gradient, and take the same step: after any number of gradient-descent
 * steps the columns of W1 are still all equal, so the H units behave as one. Random initial
 * weights break the tie: the units differ from the start and learn different features.
 */
public final class Symmetry {

    private Symmetry() {}

    /**
     * Full-batch gradient descent on the mean squared error, {@code steps} times:
     * <pre>
     *   L  = mean over all N * O entries of (net(x) - y)^2
     *   dL/d(output) = 2 (net(x) - y) / (N * O)
     *   every parameter:  w = w - lr * dL/dw          (gradients set to zero before each backward)
     * </pre>
     * Modifies the parameters of {@code net}; not x or y.
     *
     * @param net   the network, (N, D) to (N, O)
     * @param x     the inputs, (N, D)
     * @param y     the targets, (N, O)
     * @param lr    the learning rate
     * @param steps the number of steps
     * @return the loss before each step: {@code steps} values
     * @throws IllegalArgumentException if {@code y}'s shape is not that of {@code net(x)}
     */
    public static double[] train(Sequential net, DMatrixRMaj x, DMatrixRMaj y, double lr, int steps) {
        // TODO: each step: zero every gradient of net.parameters(); out = net.forward(x); record the
        //  MSE; net.backward(2 (out - y) / (N * O)); then w -= lr * grad on every parameter
        //  (element by element on .data). Write the update here rather than using an optimiser class.
        // BEGIN SOLUTION
        double[] losses = new double[steps];
        int count = y.getNumElements();
        for (int step = 0; step < steps; step++) {
            net.parameters().forEach(Parameter::zeroGrad);
            DMatrixRMaj out = net.forward(x);
            Matrices.requireSameShape("y", y, "net(x)", out);
            DMatrixRMaj grad = new DMatrixRMaj(out.numRows, out.numCols);
            double loss = 0;
            for (int i = 0; i < count; i++) {
                double r = out.data[i] - y.data[i];
                loss += r * r / count;
                grad.data[i] = 2 * r / count;
            }
            losses[step] = loss;
            net.backward(grad);
            for (Parameter p : net.parameters()) {
                for (int i = 0; i < p.value().getNumElements(); i++) {
                    p.value().data[i] -= lr * p.grad().data[i];
                }
            }
        }
        return losses;
        // END SOLUTION
    }

    /**
     * How far apart the columns of {@code w} are: {@code max over i, j of |w_ij - w_i0|}, the
     * largest difference between an entry and the entry of column 0 in the same row. Zero exactly
     * when all columns are equal.
     *
     * @param w (R, C); not modified
     */
    public static double columnSpread(DMatrixRMaj w) {
        Matrices.requireShape("w", w, "R, C", Matrices.ANY, Matrices.ANY);
        // TODO: compare each entry with the one in column 0 of ITS ROW; keep the largest |difference|.
        // BEGIN SOLUTION
        double spread = 0;
        for (int i = 0; i < w.numRows; i++) {
            for (int j = 0; j < w.numCols; j++) {
                spread = Math.max(spread, Math.abs(w.get(i, j) - w.get(i, 0)));
            }
        }
        return spread;
        // END SOLUTION
    }

    /**
     * Whether the hidden units fed by {@code hidden} are identical: every column of its weight
     * (D, H) and every entry of its bias (1, H) agree to within {@code tolerance}, as measured by
     * {@link #columnSpread}. Nothing is modified.
     */
    public static boolean hiddenUnitsIdentical(Dense hidden, double tolerance) {
        // TODO: the column spread of the weight AND of the bias must both be <= tolerance.
        // BEGIN SOLUTION
        return columnSpread(hidden.weight().value()) <= tolerance && columnSpread(hidden.bias().value()) <= tolerance;
        // END SOLUTION
    }
}
