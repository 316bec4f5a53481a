package dlkit.capstone;

import dlkit.core.Matrices;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Samples and their classes: {@code x} is (N, D), one sample per row, and {@code labels[i]} is
 * the class of row i. Neither is copied; nothing in the kit modifies them.
 *
 * @param x      the inputs, (N, D)
 * @param labels the classes, length N
 */
public record Dataset(DMatrixRMaj x, int[] labels) {

    public Dataset {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        if (labels == null || labels.length != x.numRows) {
            throw new IllegalArgumentException("labels: expected one label per row of x (N = " + x.numRows
                    + ") but got " + (labels == null ? "null" : labels.length + " labels"));
        }
    }

    /** The number of samples, N. */
    public int size() {
        return x.numRows;
    }

    /**
     * The samples {@code rows[0], rows[1], ...} in that order (a mini-batch, say), copied.
     *
     * @return a new data set of rows.length samples
     */
    public Dataset rows(int[] rows) {
        int d = x.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, d);
        int[] outLabels = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(x.data, rows[k] * d, out.data, k * d, d);
            outLabels[k] = labels[rows[k]];
        }
        return new Dataset(out, outLabels);
    }

    /**
     * The samples whose class is in {@code from..to} (both included), in their order, with the
     * classes renumbered from 0: class {@code from} becomes 0. For transfer learning: digits
     * 5..9 become a five-class problem with labels 0..4.
     *
     * @return a new data set
     */
    public Dataset onlyClasses(int from, int to) {
        int[] kept = java.util.stream.IntStream.range(0, size())
                .filter(i -> labels[i] >= from && labels[i] <= to).toArray();
        Dataset subset = rows(kept);
        return new Dataset(subset.x, Arrays.stream(subset.labels).map(c -> c - from).toArray());
    }
}
