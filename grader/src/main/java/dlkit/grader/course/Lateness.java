package dlkit.grader.course;

import java.time.Instant;

/**
 * When a submission came in, as its source knows it: a submitted-at time (Gradescope's
 * {@code submission_metadata.json} {@code created_at}, {@code grade --submitted-at}), or only a
 * late flag (Canvas's {@code LATE} in a file name), or nothing.
 *
 * @param submittedAt the time it was submitted, or null if not known
 * @param flaggedLate true if the source marks it late without saying when it came
 * @param source      where this comes from, for the report ({@code submission_metadata.json})
 */
public record Lateness(Instant submittedAt, boolean flaggedLate, String source) {

    /** Nothing known: graded as on time. */
    public static final Lateness UNKNOWN = new Lateness(null, false, null);

    public static Lateness at(Instant submittedAt, String source) {
        return new Lateness(submittedAt, false, source);
    }

    public static Lateness flagged(String source) {
        return new Lateness(null, true, source);
    }
}
