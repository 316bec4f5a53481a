package dlkit.grader.api;

import static dlkit.testing.KitAssertions.catchThrowable;

import dlkit.core.Matrices;
import dlkit.testing.MatrixAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ejml.data.DMatrixRMaj;

/**
 * The comparisons hidden tests make: the student's numbers against the reference's, with the
 * kit's relative error. A failed check throws a {@link CheckFailure} carrying a {@link Failure}
 * (the data the report shows), naming the known mistake the student's numbers match, if any.
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
    }

    /**
     * The mistake named when no known mistake fits and the student's numbers hold a NaN or an
     * infinity where the reference's are finite.
     */
    public static final Known OVERFLOW = new Known("Check/overflow", "a number overflowed: NaN or infinity where the"
            + " reference's is finite; exp of a large number overflows, so subtract the largest score first, and a 0/0 or"
            + " a log of 0 gives NaN or -infinity");

    /** The mistake named when a call modified an input that it must leave unchanged (see {@link Given}). */
    public static final Known MODIFIED_INPUT = new Known("Check/modified-input", "an input modified in place; a call"
            + " must leave what it is given unchanged (work on a copy, or write into a new matrix)");

    /** The mistake named when a call draws nothing from the random generator it is given (see {@link #drewFrom}). */
    public static final Known IGNORES_GENERATOR = new Known("Check/ignores-generator", "the random numbers do not come"
            + " from the generator passed in (a fixed seed, or a generator of its own), so every grading run would see"
            + " the same draws; draw every random number from the generator the method is given");

    /**
     * Fails unless {@code call} drew at least one number from {@code rng}, a generator the test
     * made for that call alone: a call the Javadoc makes random must take its randomness from the
     * generator it is given, never from a fixed seed. Names {@link #IGNORES_GENERATOR}.
     */
    public static void drewFrom(String call, CountedRandom rng) {
        holds(call + " must draw its random numbers from the generator it is given (drew " + rng.draws() + ")",
                rng.draws() > 0, IGNORES_GENERATOR);
    }

    /**
     * Fails unless {@code actual} has {@code expected}'s shape and every element is within
     * {@code tolerance} relative error of {@code expected}'s; the {@link CheckFailure} it throws
     * says {@code what} was compared, the first wrong element, and the first known mistake that
     * {@code actual} matches, if any, or else {@link #OVERFLOW} if it fits. No argument is modified.
     */
    public static void close(String what, DMatrixRMaj actual, DMatrixRMaj expected, double tolerance,
                             Mistake... mistakes) {
        Failure failure = relativeFailure(what, actual, expected, tolerance);
        if (failure != null) {
            fail(failure.lookingLike(knownMistake(actual, expected, tolerance, mistakes)), expected, actual);
        }
    }

    /** {@link #close(String, DMatrixRMaj, DMatrixRMaj, double, Mistake...)} for single numbers. */
    public static void close(String what, double actual, double expected, double tolerance, Mistake... mistakes) {
        close(what, Matrices.row(actual), Matrices.row(expected), tolerance, mistakes);
    }

    /**
     * Fails unless {@code actual} is within {@code tolerance} of {@code expected} absolutely (for a
     * rate or a mean, whose bound is absolute); the {@link CheckFailure} says {@code what} was
     * compared and names the first known mistake whose value is as close to {@code actual}, if any.
     */
    public static void near(String what, double actual, double expected, double tolerance, Mistake... mistakes) {
        double error = Math.abs(actual - expected);
        if (error <= tolerance) {
            return;
        }
        Known named = null;
        for (Mistake mistake : mistakes) {
            if (Math.abs(actual - mistake.wouldGive().get(0)) <= tolerance) {
                named = mistake.known();
                break;
            }
        }
        fail(Failure.wrongNumber(what, 0, 0, expected, actual, error, tolerance, Failure.ABSOLUTE).lookingLike(named),
                Matrices.row(expected), Matrices.row(actual));
    }

    /**
     * Fails unless {@code condition} holds; the {@link CheckFailure} says {@code what} should hold
     * and names {@code ifNot}, the mistake that a false condition shows.
     */
    public static void holds(String what, boolean condition, Known ifNot) {
        if (!condition) {
            fail(Failure.because(what, "this did not hold").lookingLike(ifNot), null, null);
        }
    }

    /**
     * Fails unless every element of {@code actual} is finite; the {@link CheckFailure} says
     * {@code what} was checked, the first element that is not, and names {@code ifNot}, the
     * overflow that shows. Nothing is modified.
     */
    public static void finite(String what, DMatrixRMaj actual, Known ifNot) {
        if (actual == null) {
            fail(Failure.because(what, "expected a matrix but was null"), null, null);
        }
        for (int i = 0; i < actual.numRows; i++) {
            for (int j = 0; j < actual.numCols; j++) {
                if (!Double.isFinite(actual.get(i, j))) {
                    fail(Failure.because(what, "at (" + i + ", " + j + "): expected a finite number but was "
                            + Failure.number(actual.get(i, j))).lookingLike(ifNot), null, null);
                }
            }
        }
    }

    /**
     * Fails unless {@code call} throws an IllegalArgumentException; the {@link CheckFailure} says
     * {@code what} should be refused and, when nothing was thrown, names {@code ifNot}.
     */
    public static void refuses(String what, ThrowingCallable call, Known ifNot) {
        Throwable thrown = catchThrowable(call);
        if (thrown == null) {
            fail(Failure.because(what, "expected an IllegalArgumentException but nothing was thrown").lookingLike(ifNot),
                    null, null);
        } else if (!(thrown instanceof IllegalArgumentException)) {
            fail(Failure.because(what, "expected an IllegalArgumentException but " + thrown.getClass().getSimpleName()
                    + " was thrown"), null, null);
        }
    }

    /**
     * Runs {@code exact}, a check against the reference; if it fails, this fails with the same
     * failure, {@code why} before its check. For an outcome that weights written into the
     * student's file could reach without training (a long run judged by its error alone): it is
     * graded only on code whose short run is the reference's, number for number.
     */
    public static void first(String why, Runnable exact) {
        try {
            exact.run();
        } catch (CheckFailure e) {
            Failure f = e.failure();
            throw new CheckFailure(new Failure(why + "; " + f.check(), f.row(), f.col(), f.expected(), f.actual(), f.error(),
                    f.tolerance(), f.measure(), f.mistakeId(), f.mistake(), f.detail(), f.answer()));
        } catch (AssertionError e) {
            throw new CheckFailure(Failure.because(why, String.valueOf(e.getMessage()).strip()));
        }
    }

    /**
     * The failure of a check the other methods do not make (a wrong size, a row off its segment,
     * an input the student's call modified): {@code what} was checked, {@code detail} is what was
     * found, {@code mistake} (or null) the known mistake it shows. Throw it: {@code throw Check.failure(...)}.
     */
    public static CheckFailure failure(String what, String detail, Known mistake) {
        return new CheckFailure(Failure.because(what, detail).lookingLike(mistake));
    }

    /**
     * Null if {@code actual} has {@code expected}'s shape and each element is within
     * {@code tolerance} relative error; else what is wrong: a null, the shape, or the first element over.
     */
    private static Failure relativeFailure(String what, DMatrixRMaj actual, DMatrixRMaj expected, double tolerance) {
        if (actual == null) {
            return Failure.because(what, "expected a (" + expected.numRows + ", " + expected.numCols + ") matrix but was null");
        }
        if (!sameShape(actual, expected)) {
            return Failure.because(what, "expected shape (" + expected.numRows + ", " + expected.numCols + ") but was ("
                    + actual.numRows + ", " + actual.numCols + ")");
        }
        for (int i = 0; i < actual.numRows; i++) {
            for (int j = 0; j < actual.numCols; j++) {
                double error = Matrices.relativeError(actual.get(i, j), expected.get(i, j));
                if (!(error <= tolerance)) {
                    return Failure.wrongNumber(what, i, j, expected.get(i, j), actual.get(i, j), error, tolerance,
                            Failure.RELATIVE);
                }
            }
        }
        return null;
    }

    /** Throws {@code failure}, with both matrices as text for an IDE's diff. */
    private static void fail(Failure failure, DMatrixRMaj expected, DMatrixRMaj actual) {
        throw expected == null || actual == null ? new CheckFailure(failure)
                : new CheckFailure(failure, MatrixAssert.show(expected), MatrixAssert.show(actual));
    }

    /**
     * The first of {@code mistakes} whose numbers {@code actual} matches (within the tolerance,
     * or within 1e-6 if the tolerance is tighter), or {@link #OVERFLOW} if none does and it fits;
     * null if none.
     */
    private static Known knownMistake(DMatrixRMaj actual, DMatrixRMaj expected, double tolerance, Mistake... mistakes) {
        if (actual == null) {
            return null;
        }
        for (Mistake mistake : mistakes) {
            if (sameShape(actual, mistake.wouldGive())
                    && Matrices.relativeError(actual, mistake.wouldGive()) <= Math.max(tolerance, 1e-6)) {
                return mistake.known();
            }
        }
        return sameShape(actual, expected) && notFiniteWhereFinite(actual, expected) ? OVERFLOW : null;
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
