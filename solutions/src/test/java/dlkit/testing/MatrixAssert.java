package dlkit.testing;

import dlkit.core.Matrices;
import org.assertj.core.api.AbstractAssert;
import org.ejml.data.DMatrixRMaj;

/**
 * Assertions on EJML matrices. Closeness is the kit's relative error,
 * {@code |a - b| / max(1e-8, |a| + |b|)}, element by element; a failure names the first element
 * over the tolerance with both values, its error and the tolerance, and shows both matrices so an
 * IDE can diff them.
 */
public class MatrixAssert extends AbstractAssert<MatrixAssert, DMatrixRMaj> {

    public MatrixAssert(DMatrixRMaj actual) {
        super(actual, MatrixAssert.class);
    }

    /** Same shape as {@code expected}, and every element within {@code tolerance} relative error. */
    public MatrixAssert isCloseTo(DMatrixRMaj expected, double tolerance) {
        hasShape(expected.numRows, expected.numCols);
        for (int i = 0; i < actual.numRows; i++) {
            for (int j = 0; j < actual.numCols; j++) {
                double a = actual.get(i, j);
                double e = expected.get(i, j);
                double error = Matrices.relativeError(a, e);
                if (!(error <= tolerance)) {
                    throw failureWithActualExpected(show(actual), show(expected),
                            "at (%d, %d): expected %s but was %s (relative error %.3g, tolerance %.1g)",
                            i, j, e, a, error, tolerance);
                }
            }
        }
        return this;
    }

    /** The matrix has {@code rows} rows and {@code cols} columns. */
    public MatrixAssert hasShape(int rows, int cols) {
        isNotNull();
        if (actual.numRows != rows || actual.numCols != cols) {
            throw failureWithActualExpected("(" + actual.numRows + ", " + actual.numCols + ")",
                    "(" + rows + ", " + cols + ")", "expected shape (%d, %d) but was (%d, %d)",
                    rows, cols, actual.numRows, actual.numCols);
        }
        return this;
    }

    /** Every element is finite: no NaN, no infinity. */
    public MatrixAssert isFinite() {
        isNotNull();
        for (int i = 0; i < actual.numRows; i++) {
            for (int j = 0; j < actual.numCols; j++) {
                if (!Double.isFinite(actual.get(i, j))) {
                    throw failure("at (%d, %d): expected a finite number but was %s",
                            i, j, actual.get(i, j));
                }
            }
        }
        return this;
    }

    /** The matrix as rows of numbers, for a diff. */
    public static String show(DMatrixRMaj m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.numRows; i++) {
            sb.append(i == 0 ? "[" : " ");
            for (int j = 0; j < m.numCols; j++) {
                sb.append(j == 0 ? "[" : ", ").append(m.get(i, j));
            }
            sb.append(i == m.numRows - 1 ? "]]" : "]\n");
        }
        return sb.toString();
    }
}
