package dlkit.grader.api;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.catchThrowable;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ejml.data.DMatrixRMaj;

/**
 * The comparisons hidden tests make: the student's numbers against the reference's, with the
 * kit's relative error, and a named known mistake in the message when the student's numbers
 * match what that mistake would give.
 */
public final class Check {

    private Check() {}

    /**
     * A known mistake, defined once: its id ({@code Exercise/slug}, the same id its variant names
     * in its {@code mistake:} line) and its wording for the student. Declare it as a constant of
     * the hidden test and pass {@link #wouldGive} of it to a check.
     */
    public record Known(String id, String description) {
        public Known {
            if (!id.matches("[A-Z][A-Za-z0-9]*/[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("a mistake's id is Exercise/slug-words, not " + id);
            }
        }

        /** This mistake, with what it would have produced on the check's inputs. */
        public Mistake wouldGive(DMatrixRMaj value) {
            return new Mistake(this, value);
        }

        /** {@link #wouldGive(DMatrixRMaj)} for a single number. */
        public Mistake wouldGive(double value) {
            return new Mistake(this, Matrices.row(value));
        }
    }

    /** What a known mistake would have produced on the same inputs. */
    public record Mistake(Known known, DMatrixRMaj wouldGive) {
        public String description() {
            return known.description();
        }

        /** @deprecated an ad-hoc mistake without an id; declare a {@link Known} instead */
        @Deprecated
        public Mistake(String description, DMatrixRMaj wouldGive) {
            this(new Known("Unnamed/mistake", description), wouldGive);
        }

        /** @deprecated an ad-hoc mistake without an id; declare a {@link Known} instead */
        @Deprecated
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

    /**
     * Fails unless {@code actual} is within {@code tolerance} of {@code expected} absolutely (for a
     * rate or a mean, whose bound is absolute); the message says {@code what} was compared and
     * names the first known mistake whose value is as close to {@code actual}, if any.
     */
    public static void near(String what, double actual, double expected, double tolerance, Mistake... mistakes) {
        String description = what;
        if (!(Math.abs(actual - expected) <= tolerance)) {
            for (Mistake mistake : mistakes) {
                if (Math.abs(actual - mistake.wouldGive().get(0)) <= tolerance) {
                    description = what + " (looks like " + mistake.description() + ")";
                    break;
                }
            }
        }
        assertThat(actual).as(description).isCloseTo(expected, within(tolerance));
    }

    /**
     * Fails unless {@code condition} holds; the message says {@code what} should hold and, when it
     * does not, names {@code ifNot}, the mistake that a false condition shows.
     */
    public static void holds(String what, boolean condition, Known ifNot) {
        assertThat(condition).as(condition ? what : what + " (looks like " + ifNot.description() + ")").isTrue();
    }

    /**
     * Fails unless every element of {@code actual} is finite; the message says {@code what} was
     * checked and, when one is not, names {@code ifNot}, the overflow that shows. Nothing is modified.
     */
    public static void finite(String what, DMatrixRMaj actual, Known ifNot) {
        assertThat(actual).as(what).isNotNull();
        boolean finite = true;
        for (int i = 0; i < actual.getNumElements(); i++) {
            finite &= Double.isFinite(actual.data[i]);
        }
        holds(what + " must be finite", finite, ifNot);
    }

    /**
     * Fails unless {@code call} throws an IllegalArgumentException; the message says {@code what}
     * should be refused and, when nothing was thrown, names {@code ifNot}.
     */
    public static void refuses(String what, ThrowingCallable call, Known ifNot) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as(thrown == null ? what + " (looks like " + ifNot.description() + ")" : what)
                .isInstanceOf(IllegalArgumentException.class);
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
