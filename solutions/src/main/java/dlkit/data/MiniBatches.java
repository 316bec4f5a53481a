package dlkit.data;

import dlkit.core.Matrices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Mini-batches: each epoch visits the N samples once, in a fresh random order, cut into batches
 * of {@code batchSize} rows; the parameters move once per batch (one iteration).
 * <ul>
 * <li>full-batch gradient descent: {@code batchSize = N}, one exact-gradient step per epoch;</li>
 * <li>mini-batch: {@code 1 < batchSize < N}, the usual choice (32, 64, ...);</li>
 * <li>single-sample ("stochastic") gradient descent: {@code batchSize = 1}, N noisy steps per epoch.</li>
 * </ul>
 * When N is not a multiple of the batch size the last batch is smaller; it is kept, or dropped
 * on request, as PyTorch's {@code DataLoader(drop_last=...)} does.
 *
 * <p>The order of random draws is prescribed, so runs can be checked exactly: the shuffle is
 * Fisher-Yates from the last index down, {@code for i = N-1 down to 1: j = rng.nextInt(i + 1);
 * swap(order[i], order[j])}, starting from {@code 0, 1, ..., N-1} ({@code Collections.shuffle}
 * does the same).
 */
public final class MiniBatches {

    private MiniBatches() {}

    /**
     * A random order of {@code 0, ..., n-1} by the Fisher-Yates shuffle above.
     *
     * @param n   the number of samples, >= 1
     * @param rng draws exactly n - 1 numbers, {@code rng.nextInt(i + 1)} for i = n-1 down to 1
     * @return a new array holding each index once
     */
    public static int[] shuffledIndices(int n, RandomGenerator rng) {
        requireSamples(n);
        // TODO: start from the identity order, then for i from n - 1 down to 1 swap order[i]
        //  with order[rng.nextInt(i + 1)]. The draws must come in exactly this order.
        // BEGIN SOLUTION
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = rng.nextInt(i + 1);
            int kept = order[i];
            order[i] = order[j];
            order[j] = kept;
        }
        return order;
        // END SOLUTION
    }

    /**
     * Cuts {@code order} into consecutive batches of {@code batchSize} indices; the last one may
     * be smaller, and is left out when {@code dropLast} is true. Nothing is modified.
     *
     * @return new arrays; batch k holds order[k * batchSize], ... in that order
     */
    public static List<int[]> split(int[] order, int batchSize, boolean dropLast) {
        requireBatchSize(batchSize);
        // TODO: copy consecutive slices (Arrays.copyOfRange); a last slice shorter than batchSize
        //  is kept unless dropLast.
        // BEGIN SOLUTION
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(start + batchSize, order.length);
            if (end - start < batchSize && dropLast) {
                break;
            }
            batches.add(Arrays.copyOfRange(order, start, end));
        }
        return batches;
        // END SOLUTION
    }

    /**
     * Iterations (parameter updates) in one epoch: {@code ceil(n / batchSize)} when the last
     * batch is kept, {@code floor(n / batchSize)} when it is dropped; so a batch larger than the
     * data gives 1 iteration, or 0 with dropLast (as PyTorch's DataLoader).
     *
     * @param n         the number of samples, >= 1 (0 is rejected: there is nothing to train on)
     * @param batchSize >= 1
     */
    public static int iterationsPerEpoch(int n, int batchSize, boolean dropLast) {
        requireSamples(n);
        requireBatchSize(batchSize);
        // TODO: integer arithmetic only; ceil(n / b) is (n + b - 1) / b for positive numbers.
        // BEGIN SOLUTION
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        // END SOLUTION
    }

    /** Iterations in {@code epochs} epochs (>= 0), as a long: large runs exceed an int. */
    public static long totalIterations(int n, int batchSize, boolean dropLast, int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("totalIterations: need epochs >= 0 but got " + epochs);
        }
        // TODO: the same number of iterations every epoch.
        // BEGIN SOLUTION
        return (long) epochs * iterationsPerEpoch(n, batchSize, dropLast);
        // END SOLUTION
    }

    /**
     * One epoch of mini-batch gradient descent on linear regression (see {@link #gradient}):
     * shuffle with {@link #shuffledIndices}, cut with {@link #split}, then for each batch in order
     * {@code w = w - lr * gradient(x, y, w, batch)}.
     *
     * @param x  (N, D) inputs; not modified
     * @param y  (N, 1) targets; not modified
     * @param w  (D, 1) weights; MODIFIED in place
     * @param rng used only by the shuffle
     * @return the number of iterations done
     */
    public static int trainEpoch(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, double lr, int batchSize,
                                 boolean dropLast, RandomGenerator rng) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("y", y, "N, 1", x.numRows, 1);
        Matrices.requireShape("w", w, "D, 1", x.numCols, 1);
        // TODO: shuffle, split, and take one gradient step per batch, in the batches' order.
        // BEGIN SOLUTION
        List<int[]> batches = split(shuffledIndices(x.numRows, rng), batchSize, dropLast);
        for (int[] batch : batches) {
            CommonOps_DDRM.addEquals(w, -lr, gradient(x, y, w, batch));
        }
        return batches.size();
        // END SOLUTION
    }

    /**
     * Given: the gradient of the mean squared error of linear regression on the rows {@code rows}
     * of the data, {@code L(w) = 1/(2B) * sum over those rows of (x_i w - y_i)^2}, which is
     * {@code (1/B) X_Bᵀ (X_B w - y_B)} with B = rows.length. The full-batch gradient is the mean of
     * the N single-sample gradients. Nothing is modified.
     *
     * @return a new (D, 1) matrix
     */
    public static DMatrixRMaj gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int[] rows) {
        DMatrixRMaj g = new DMatrixRMaj(x.numCols, 1);
        for (int i : rows) {
            double residual = -y.get(i, 0);
            for (int d = 0; d < x.numCols; d++) {
                residual += x.get(i, d) * w.get(d, 0);
            }
            for (int d = 0; d < x.numCols; d++) {
                g.data[d] += residual * x.get(i, d) / rows.length;
            }
        }
        return g;
    }

    private static void requireSamples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("mini-batches: need at least one sample but got n = " + n);
        }
    }

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("mini-batches: need batchSize >= 1 but got " + batchSize);
        }
    }
}
