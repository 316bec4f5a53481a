package dlkit.grader.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.grader.api.Check.Known;
import org.junit.jupiter.api.Test;

class CheckTest {

    private static final Known KEEP = new Known("Dropout/p-as-keep-probability", "p read as the keep probability");

    @Test
    void nearIsAnAbsoluteToleranceAndNamesTheMistakeWithinIt() {
        assertThatCode(() -> Check.near("rate", 0.705, 0.7, 0.01, KEEP.wouldGive(0.3))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.near("rate", 0.305, 0.7, 0.01, KEEP.wouldGive(0.3)))
                .hasMessageContaining("rate (looks like p read as the keep probability)");
        assertThatThrownBy(() -> Check.near("rate", 0.5, 0.7, 0.01, KEEP.wouldGive(0.3)))
                .hasMessageContaining("rate").hasMessageNotContaining("looks like");
    }

    @Test
    void holdsNamesTheMistakeOnlyWhenItFails() {
        assertThatCode(() -> Check.holds("no draws", true, KEEP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.holds("no draws", false, KEEP))
                .hasMessageContaining("no draws (looks like p read as the keep probability)");
    }

    @Test
    void refusesNamesTheMistakeOnlyWhenNothingWasThrown() {
        assertThatCode(() -> Check.refuses("bad p", () -> {
            throw new IllegalArgumentException("p");
        }, KEEP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.refuses("bad p", () -> {}, KEEP))
                .hasMessageContaining("bad p (looks like p read as the keep probability)");
        assertThatThrownBy(() -> Check.refuses("bad p", () -> {
            throw new IllegalStateException("p");
        }, KEEP)).hasMessageContaining("bad p").hasMessageNotContaining("looks like");
    }

    @Test
    void finiteNamesTheOverflowOnlyWhenAnElementIsNot() {
        assertThatCode(() -> Check.finite("y", dlkit.core.Matrices.row(1.0, 2.0), KEEP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.finite("y", dlkit.core.Matrices.row(1.0, Double.NaN), KEEP))
                .hasMessageContaining("y must be finite (looks like p read as the keep probability)");
    }
}
