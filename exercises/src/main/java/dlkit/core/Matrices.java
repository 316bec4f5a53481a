package dlkit.core;

import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Small helpers on EJML matrices that every exercise uses: strict shape checks, building
 * matrices from arrays, element-wise maps and the relative error the kit's tests compare with.
 *
 * <p>Conventions of the whole kit: one matrix type, {@link DMatrixRMaj}; rows are samples, so an
 * input batch is (N, D). No method here modifies its arguments unless its Javadoc says so.
 */
public final class Matrices {

    /** Stands for "any size" in {@link #requireShape}. */
    public static final int ANY = -1;

    private Matrices() {}

    /**
     * Checks that {@code m} has the expected shape and fails with a message naming both shapes,
     * for example {@code w: expected (D, M) = (5, 3) but was (5, 4)}.
     *
     * @param name    the argument's name, as the message shows it
     * @param m       the matrix to check; not modified
     * @param symbols the shape in symbols, such as {@code "D, M"}
     * @param rows    expected number of rows, or {@link #ANY}
     * @param cols    expected number of columns, or {@link #ANY}
     * @throws IllegalArgumentException if {@code m} is null or its shape differs
     */
    public static void requireShape(String name, DMatrixRMaj m, String symbols, int rows, int cols) {
        if (m == null) {
            throw new IllegalArgumentException(name + ": expected a (" + symbols + ") matrix but was null");
        }
        boolean rowsOk = rows == ANY || m.numRows == rows;
        boolean colsOk = cols == ANY || m.numCols == cols;
        if (!rowsOk || !colsOk) {
            throw new IllegalArgumentException(name + ": expected (" + symbols + ") = ("
                    + show(rows) + ", " + show(cols) + ") but was (" + m.numRows + ", " + m.numCols + ")");
        }
    }

    /** Checks that two matrices have the same shape; the message names both. Neither is modified. */
    public static void requireSameShape(String nameA, DMatrixRMaj a, String nameB, DMatrixRMaj b) {
        requireShape(nameA, a, "N, D", ANY, ANY);
        requireShape(nameB, b, "N, D", ANY, ANY);
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException(nameB + ": expected the shape of " + nameA + " ("
                    + a.numRows + ", " + a.numCols + ") but was (" + b.numRows + ", " + b.numCols + ")");
        }
    }

    private static String show(int n) {
        return n == ANY ? "any" : Integer.toString(n);
    }

    /** A new matrix holding {@code rows}, copied; every row must have the same length. */
    public static DMatrixRMaj of(double[][] rows) {
        return new DMatrixRMaj(rows);
    }

    /** A new (1, n) row vector holding a copy of {@code values}. */
    public static DMatrixRMaj row(double... values) {
        return new DMatrixRMaj(1, values.length, true, values);
    }

    /** A new matrix of the same shape as {@code m} with {@code f} applied to every element; {@code m} is not modified. */
    public static DMatrixRMaj map(DMatrixRMaj m, DoubleUnaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.data.length && i < m.getNumElements(); i++) {
            out.data[i] = f.applyAsDouble(m.data[i]);
        }
        return out;
    }

    /** The sum of squares of every element of {@code m}; not modified. */
    public static double sumOfSquares(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i] * m.data[i];
        }
        return s;
    }

    /**
     * Relative error of two numbers, as every test of the kit measures closeness:
     * {@code |a - b| / max(1e-8, |a| + |b|)}.
     */
    public static double relativeError(double a, double b) {
        if (a == b) {
            return 0; // also covers equal infinities
        }
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
    }

    /**
     * The largest element-wise relative error of two matrices of the same shape:
     * {@code max |a - b| / max(1e-8, |a| + |b|)}. Neither is modified.
     */
    public static double relativeError(DMatrixRMaj a, DMatrixRMaj b) {
        requireSameShape("a", a, "b", b);
        double worst = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            worst = Math.max(worst, relativeError(a.data[i], b.data[i]));
        }
        return worst;
    }
}
