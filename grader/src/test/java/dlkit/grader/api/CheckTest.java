package dlkit.grader.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dlkit.core.Matrices;
import dlkit.grader.api.Check.Known;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CheckTest {

    private static final Known KEEP = new Known("Dropout/p-as-keep-probability", "p read as the keep probability");

    private static Failure failureOf(ThrowingCallable call) {
        CheckFailure thrown = catchThrowableOfType(CheckFailure.class, call);
        assertThat(thrown).as("the check must fail with a CheckFailure").isNotNull();
        assertThat(thrown).hasMessage(thrown.failure().summary());
        return thrown.failure();
    }

    @Test
    void firstFailsWithTheExactChecksFailureAndSaysWhyItCounts() {
        assertThatCode(() -> Check.first("outcome", () -> Check.near("rate", 0.705, 0.7, 0.01))).doesNotThrowAnyException();

        Failure f = failureOf(() -> Check.first("the fit counts once a short run matches",
                () -> Check.near("rate", 0.305, 0.7, 0.01, KEEP.wouldGive(0.3))));
        assertThat(f.check()).isEqualTo("the fit counts once a short run matches; rate");
        assertThat(f.expected()).isEqualTo(0.7);
        assertThat(f.actual()).isEqualTo(0.305);
        assertThat(f.mistakeId()).isEqualTo("Dropout/p-as-keep-probability");

        Failure plain = failureOf(() -> Check.first("why", () -> {
            throw new AssertionError("expected 1 but was 2");
        }));
        assertThat(plain.check()).isEqualTo("why");
        assertThat(plain.summary()).contains("expected 1 but was 2");
    }

    @Test
    void nearIsAnAbsoluteToleranceAndNamesTheMistakeWithinIt() {
        assertThatCode(() -> Check.near("rate", 0.705, 0.7, 0.01, KEEP.wouldGive(0.3))).doesNotThrowAnyException();

        Failure named = failureOf(() -> Check.near("rate", 0.305, 0.7, 0.01, KEEP.wouldGive(0.3)));
        assertThat(named.check()).isEqualTo("rate");
        assertThat(named.expected()).isEqualTo(0.7);
        assertThat(named.actual()).isEqualTo(0.305);
        assertThat(named.error()).isCloseTo(0.395, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(named.tolerance()).isEqualTo(0.01);
        assertThat(named.measure()).isEqualTo(Failure.ABSOLUTE);
        assertThat(named.mistakeId()).isEqualTo(KEEP.id());

        assertThat(failureOf(() -> Check.near("rate", 0.5, 0.7, 0.01, KEEP.wouldGive(0.3))).mistakeId()).isNull();
    }

    @Test
    void drewFromFailsOnlyForACallThatDrewNothingAndNamesTheIgnoredGenerator() {
        CountedRandom used = new CountedRandom(new java.util.SplittableRandom(1));
        used.nextDouble();
        assertThatCode(() -> Check.drewFrom("Dropout.forward", used)).doesNotThrowAnyException();

        Failure f = failureOf(() -> Check.drewFrom("Dropout.forward", new CountedRandom(new java.util.SplittableRandom(1))));
        assertThat(f.check()).startsWith("Dropout.forward must draw its random numbers from the generator it is given");
        assertThat(f.mistakeId()).isEqualTo("Check/ignores-generator");
    }

    @Test
    void holdsNamesTheMistakeOnlyWhenItFails() {
        assertThatCode(() -> Check.holds("no draws", true, KEEP)).doesNotThrowAnyException();
        Failure f = failureOf(() -> Check.holds("no draws", false, KEEP));
        assertThat(f.check()).isEqualTo("no draws");
        assertThat(f.mistakeId()).isEqualTo(KEEP.id());
        assertThat(f.mistake()).isEqualTo(KEEP.description());
    }

    @Test
    void refusesNamesTheMistakeOnlyWhenNothingWasThrown() {
        assertThatCode(() -> Check.refuses("bad p", () -> {
            throw new IllegalArgumentException("p");
        }, KEEP)).doesNotThrowAnyException();
        Failure nothing = failureOf(() -> Check.refuses("bad p", () -> {}, KEEP));
        assertThat(nothing.mistakeId()).isEqualTo(KEEP.id());
        assertThat(nothing.detail()).contains("nothing was thrown");
        Failure other = failureOf(() -> Check.refuses("bad p", () -> {
            throw new IllegalStateException("p");
        }, KEEP));
        assertThat(other.mistakeId()).isNull();
        assertThat(other.detail()).contains("IllegalStateException");
    }

    @Test
    void finiteNamesTheOverflowOnlyWhenAnElementIsNot() {
        assertThatCode(() -> Check.finite("y", Matrices.row(1.0, 2.0), KEEP)).doesNotThrowAnyException();
        Failure f = failureOf(() -> Check.finite("y", Matrices.row(1.0, Double.NaN), KEEP));
        assertThat(f.detail()).isEqualTo("at (0, 1): expected a finite number but was NaN");
        assertThat(f.mistakeId()).isEqualTo(KEEP.id());
    }

    @Test
    void aFailureOfAnotherKindCarriesWhatWasCheckedAndFound() {
        CheckFailure thrown = Check.failure("the rows of Smote.synthesize(count = 3)",
                "expected a (3, 2) matrix but was null", null);
        assertThat(thrown.failure().check()).isEqualTo("the rows of Smote.synthesize(count = 3)");
        assertThat(thrown.failure().detail()).isEqualTo("expected a (3, 2) matrix but was null");
        assertThat(thrown).hasMessage("[the rows of Smote.synthesize(count = 3)] expected a (3, 2) matrix but was null");
    }
}
