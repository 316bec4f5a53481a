package dlkit.grader.api;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The comparisons hidden tests make: the student's numbers against the reference's, with the
 * kit's relative error, and a named known mistake in the message when the student's numbers
 * match what that mistake would give.
 */
public final class Check {

    private Check() {}

    /** What a known mistake would have produced on the same inputs, and how to describe it. */
    public record Mistake(String description, DMatrixRMaj wouldGive) {
        public static Mistake of(String description, double wouldGive) {
            return new Mistake(description, Matrices.row(wouldGive));
        }
    }

    /**
     * Fails unless {@code actual} is within {@code tolerance} relative error of {@code expected};
     * the message says {@code what} was compared and names the first known mistake that
     * {@code actual} matches, if any, or else an overflow if {@code actual} holds a NaN or an
     * infinity where {@code expected} is finite. No argument is modified.
     */
    public static void close(String what, DMatrixRMaj actual, DMatrixRMaj expected, double tolerance,
                             Mistake... mistakes) {
        assertThat(actual).as(what).isNotNull();
        String description = what;
        if (sameShape(actual, expected) && !(Matrices.relativeError(actual, expected) <= tolerance)) {
            for (Mistake mistake : mistakes) {
                if (sameShape(actual, mistake.wouldGive())
                        && Matrices.relativeError(actual, mistake.wouldGive()) <= Math.max(tolerance, 1e-6)) {
                    description = what + " (looks like " + mistake.description() + ")";
                    break;
                }
            }
            if (description.equals(what) && notFiniteWhereFinite(actual, expected)) {
                description = what + " (looks like a number overflowed: NaN or infinity where the reference's is"
                        + " finite; exp of a large number overflows, so subtract the largest score first, and a 0/0 or"
                        + " a log of 0 gives NaN or -infinity)";
            }
        }
        assertThat(actual).as(description).isCloseTo(expected, tolerance);
    }

    /** {@link #close(String, DMatrixRMaj, DMatrixRMaj, double, Mistake...)} for single numbers. */
    public static void close(String what, double actual, double expected, double tolerance, Mistake... mistakes) {
        close(what, Matrices.row(actual), Matrices.row(expected), tolerance, mistakes);
    }

    private static boolean notFiniteWhereFinite(DMatrixRMaj actual, DMatrixRMaj expected) {
        for (int i = 0; i < actual.getNumElements(); i++) {
            if (!Double.isFinite(actual.data[i]) && Double.isFinite(expected.data[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameShape(DMatrixRMaj a, DMatrixRMaj b) {
        return a != null && b != null && a.numRows == b.numRows && a.numCols == b.numCols;
    }
}
