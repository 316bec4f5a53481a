package dlkit.capstone;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Standardisation: each feature (column) shifted and scaled to mean 0 and standard deviation 1,
 * with statistics fitted on the TRAINING part only and then applied unchanged to every part.
 * <pre>
 *   mean_j = (1/N) sum_i x_ij                        over the N training rows
 *   std_j  = sqrt( (1/N) sum_i (x_ij - mean_j)^2 )    the biased (population) standard deviation
 *   z_ij   = (x_ij - mean_j) / std_j                  and z_ij = 0 where std_j = 0
 * </pre>
 * Convention, as scikit-learn's {@code StandardScaler}: the biased standard deviation (divide
 * by N, not N - 1), and a feature whose deviation is 0 in the training part (a constant one,
 * such as a corner pixel that is always blank) is not scaled: it becomes 0 for every sample, in every
 * part, instead of a division by zero.
 *
 * <p>Why the training part only: the validation and test parts stand for data not seen yet. A
 * mean or a deviation computed with them lets information about the test part into the model
 * ("leakage"), and the test accuracy stops being an honest estimate.
 */
public final class Standardizer {

    private final DMatrixRMaj mean;
    private final DMatrixRMaj std;

    /**
     * @param mean the mean of each feature, (1, D); kept, not copied
     * @param std  the standard deviation of each feature, (1, D), >= 0; kept, not copied
     */
    public Standardizer(DMatrixRMaj mean, DMatrixRMaj std) {
        Matrices.requireShape("mean", mean, "1, D", 1, Matrices.ANY);
        Matrices.requireShape("std", std, "1, D", 1, mean.numCols);
        this.mean = mean;
        this.std = std;
    }

    /** The mean of each feature, (1, D). */
    public DMatrixRMaj mean() {
        return mean;
    }

    /** The (biased) standard deviation of each feature, (1, D). */
    public DMatrixRMaj std() {
        return std;
    }

    /**
     * The statistics of {@code train}'s columns, as the class comment defines them.
     *
     * @param train the training inputs, (N, D) with N >= 1; not modified
     * @return a new standardizer holding mean and std, both (1, D)
     */
    public static Standardizer fit(DMatrixRMaj train) {
        Matrices.requireShape("train", train, "N, D", Matrices.ANY, Matrices.ANY);
        if (train.numRows == 0) {
            throw new IllegalArgumentException("Standardizer.fit: need at least one training row");
        }
        // TODO: the mean of each column, then the mean of the squared deviations from it, then
        //  its square root. Divide by N (not N - 1). Two passes over the rows are simplest: sum,
        //  then divide once (a column of zeros then gets a deviation of exactly 0).
        // BEGIN SOLUTION
        int n = train.numRows;
        int d = train.numCols;
        DMatrixRMaj mean = new DMatrixRMaj(1, d);
        DMatrixRMaj std = new DMatrixRMaj(1, d);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < d; j++) {
                mean.data[j] += train.get(row, j);
            }
        }
        CommonOps_DDRM.divide(mean, n);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < d; j++) {
                double deviation = train.get(row, j) - mean.data[j];
                std.data[j] += deviation * deviation;
            }
        }
        for (int j = 0; j < d; j++) {
            std.data[j] = Math.sqrt(std.data[j] / n);
        }
        return new Standardizer(mean, std);
        // END SOLUTION
    }

    /**
     * {@code (x - mean) / std} column by column, and 0 in every column whose std is 0.
     *
     * @param x any part of the data, (M, D); not modified
     * @return a new (M, D) matrix
     */
    public DMatrixRMaj transform(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "M, D", Matrices.ANY, mean.numCols);
        // TODO: element (i, j) becomes (x_ij - mean_j) / std_j, or 0 when std_j is 0.
        // BEGIN SOLUTION
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                double s = std.data[j];
                z.set(i, j, s == 0 ? 0 : (x.get(i, j) - mean.data[j]) / s);
            }
        }
        return z;
        // END SOLUTION
    }

    /**
     * The three parts standardised with statistics fitted on {@code raw.train()} ONLY; labels
     * are kept as they are.
     *
     * @param raw the split with raw inputs; not modified
     * @return a new split of the same sizes, its inputs standardised
     */
    public static Split standardize(Split raw) {
        // TODO: fit on the training inputs, then transform the inputs of all three parts with
        //  that one standardizer. The validation and test parts must not change the statistics.
        // BEGIN SOLUTION
        Standardizer s = fit(raw.train().x());
        return new Split(new Dataset(s.transform(raw.train().x()), raw.train().labels()),
                new Dataset(s.transform(raw.validation().x()), raw.validation().labels()),
                new Dataset(s.transform(raw.test().x()), raw.test().labels()));
        // END SOLUTION
    }
}
