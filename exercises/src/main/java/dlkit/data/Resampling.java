package dlkit.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Random over-sampling and under-sampling: two ways to balance the classes of an imbalanced
 * training set before training, by choosing which rows to keep (the features are not touched).
 *
 * <ul>
 *   <li>Over-sampling repeats rows of the smaller classes, drawn at random WITH replacement,
 *       until every class has as many rows as the largest one.</li>
 *   <li>Under-sampling keeps a random subset, WITHOUT replacement, of every class, as many rows
 *       as the smallest class has.</li>
 * </ul>
 * Both return row indices; {@link #rows} turns them into a matrix. Labels are whole numbers
 * >= 0; the classes are the labels that occur (a label that never occurs is no class). The order
 * of random draws is prescribed in each method so that the results can be checked exactly.
 */
public final class Resampling {

    private Resampling() {}

    /**
     * Random over-sampling (as imbalanced-learn's RandomOverSampler).
     *
     * <p>The result is every index 0 .. N-1 once, in order, followed by the extra draws: for
     * each class c in increasing label order, {@code max - count(c)} draws, each
     * {@code members[rng.nextInt(count(c))]} where {@code members} are the indices of class c in
     * increasing order and {@code max} is the size of the largest class.
     *
     * @param labels N class labels, each >= 0; not modified
     * @param rng    the source of randomness; only {@code nextInt(bound)} is called
     * @return a new array of K * max indices (K classes), every class appearing max times
     */
    public static int[] overSample(int[] labels, RandomGenerator rng) {
        int[] counts = classCounts(labels);
        // TODO: start from 0 .. N-1, then append, class by class in increasing label order,
        //  (max - count) members of that class drawn uniformly with replacement, in the order above.
        //  Hint: membersOf(labels, c) lists the indices of class c in increasing order.
        throw new UnsupportedOperationException("not implemented yet: Resampling.overSample");
    }

    /**
     * Random under-sampling (as imbalanced-learn's RandomUnderSampler).
     *
     * <p>Let {@code min} be the size of the smallest class. For each class c in increasing label
     * order, with {@code members} its indices in increasing order and {@code m = count(c)}, a
     * partial Fisher-Yates shuffle picks {@code min} of them: for {@code i = 0 .. min-1},
     * {@code j = i + rng.nextInt(m - i)}, swap {@code members[i]} and {@code members[j]}; the
     * first {@code min} members are kept (every class makes its min draws, the smallest too).
     *
     * @param labels N class labels, each >= 0; not modified
     * @param rng    the source of randomness; only {@code nextInt(bound)} is called
     * @return a new array of the K * min kept indices, sorted in increasing order
     */
    public static int[] underSample(int[] labels, RandomGenerator rng) {
        int[] counts = classCounts(labels);
        // TODO: for each class in increasing label order, run the partial shuffle above on its
        //  members and keep the first min; return all kept indices sorted.
        throw new UnsupportedOperationException("not implemented yet: Resampling.underSample");
    }

    /**
     * The number of rows of each label: a new array of length (largest label + 1).
     *
     * @throws IllegalArgumentException if a label is negative
     */
    public static int[] classCounts(int[] labels) {
        int largest = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels: must be >= 0 but labels[" + i + "] = " + labels[i]);
            }
            largest = Math.max(largest, labels[i]);
        }
        int[] counts = new int[largest + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The indices i with {@code labels[i] == c}, in increasing order, as a new array. */
    public static int[] membersOf(int[] labels, int c) {
        int[] members = new int[labels.length];
        int size = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                members[size++] = i;
            }
        }
        return Arrays.copyOf(members, size);
    }

    /**
     * The rows of {@code x} at {@code indices}, in that order (repeats allowed), as a new
     * (indices.length, D) matrix; {@code x} is not modified.
     */
    public static DMatrixRMaj rows(DMatrixRMaj x, int[] indices) {
        DMatrixRMaj out = new DMatrixRMaj(indices.length, x.numCols);
        for (int r = 0; r < indices.length; r++) {
            if (indices[r] < 0 || indices[r] >= x.numRows) {
                throw new IllegalArgumentException("indices[" + r + "] = " + indices[r] + " is not a row of x, which has "
                        + x.numRows + " rows");
            }
            System.arraycopy(x.data, indices[r] * x.numCols, out.data, r * x.numCols, x.numCols);
        }
        return out;
    }

    /** The labels at {@code indices}, in that order, as a new array; {@code labels} is not modified. */
    public static int[] labels(int[] labels, int[] indices) {
        int[] out = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            out[r] = labels[indices[r]];
        }
        return out;
    }
}
