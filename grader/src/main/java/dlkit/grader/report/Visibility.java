package dlkit.grader.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When students may see something: the hidden tests' results, or the quiz's right answers and
 * explanations. Each value is one of Gradescope's test visibilities
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/#controlling-test-case-visibility:
 * {@code visible}, {@code after_due_date}, {@code after_published}, {@code hidden}), which
 * Gradescope enforces itself; the kit's own reports follow the same rule at the time they are made.
 */
public enum Visibility {
    /** At once. */
    VISIBLE("visible", "visible"),
    /** After the due date (on Gradescope, after the late due date if one is set). */
    AFTER_DUE("after-due", "after_due_date"),
    /** When the instructor publishes the grades (Gradescope's "Publish Grades"). */
    AFTER_PUBLISHED("after-published", "after_published"),
    /** Never to students. */
    HIDDEN("hidden", "hidden");

    private final String name;
    private final String gradescope;

    Visibility(String name, String gradescope) {
        this.name = name;
        this.gradescope = gradescope;
    }

    /** The word in the course file. */
    @JsonValue
    public String word() {
        return name;
    }

    /** Gradescope's word for it in {@code results.json}. */
    public String gradescope() {
        return gradescope;
    }

    /**
     * True if a report made at {@code now} may show it: always for {@code visible}; after the due
     * date (or when there is none) for {@code after-due}; never for the others, which wait for the
     * instructor.
     */
    public boolean shownAt(Instant now, ZonedDateTime due) {
        return switch (this) {
            case VISIBLE -> true;
            case AFTER_DUE -> due == null || now.isAfter(due.toInstant());
            case AFTER_PUBLISHED, HIDDEN -> false;
        };
    }

    /** When it is shown, in words for a student: {@code after the due date (2026-10-09T23:59+02:00[Europe/Berlin])}. */
    public String when(ZonedDateTime due) {
        return switch (this) {
            case VISIBLE -> "at once";
            case AFTER_DUE -> "after the due date" + (due == null ? "" : " (" + due + ")");
            case AFTER_PUBLISHED -> "when the grades are published";
            case HIDDEN -> "by your instructor only";
        };
    }

    /** The value named {@code word} in a course file, or null. */
    public static Visibility ofWord(String word) {
        for (Visibility v : values()) {
            if (v.name.equals(word)) {
                return v;
            }
        }
        return null;
    }
}
