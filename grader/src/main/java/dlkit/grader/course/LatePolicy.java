package dlkit.grader.course;

import dlkit.grader.report.GradeReport.Late;
import dlkit.grader.report.ReportFiles;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * What late work costs: {@code percentPerDay} of the points earned for each day or part of a day
 * after the due date, and nothing is accepted after {@code lastDay} days (0 points). A submission
 * only flagged late (no time known) is charged one day.
 *
 * @param percentPerDay 0 to 100
 * @param lastDay       the last day late that is accepted, or null for no limit
 */
public record LatePolicy(double percentPerDay, Integer lastDay) {

    /** Late work accepted without a penalty (and still shown as late). */
    public static final LatePolicy NONE = new LatePolicy(0, null);

    /**
     * The penalty for a submission that earned {@code earned} points, or null if it is on time or
     * nothing is known of when it came.
     */
    public Late apply(Lateness lateness, ZonedDateTime due, double earned) {
        int days;
        String submitted = null;
        if (lateness.submittedAt() != null) {
            Duration after = Duration.between(due.toInstant(), lateness.submittedAt());
            if (after.isNegative() || after.isZero()) {
                return null;
            }
            long seconds = after.toSeconds() + (after.toNanosPart() > 0 ? 1 : 0);
            days = (int) Math.min(Integer.MAX_VALUE, (seconds + 86_399) / 86_400);
            submitted = lateness.submittedAt().atZone(due.getZone()).toString();
        } else if (lateness.flaggedLate()) {
            days = 1;
        } else {
            return null;
        }
        boolean accepted = lastDay == null || days <= lastDay;
        double percent = accepted ? Math.min(100, days * percentPerDay) : 100;
        double score = earned * (100 - percent) / 100;
        String why = (lateness.submittedAt() != null ? days + (days == 1 ? " day" : " days") + " late"
                : "marked late by " + lateness.source() + " (no time given, so charged as 1 day late)")
                + (accepted ? percent == 0 ? ", no penalty" : ": " + ReportFiles.points(percent) + "%" + " off"
                : ": after the last day accepted (" + lastDay + " days), so 0 points");
        return new Late(submitted, due.toString(), lateness.source(), days, percent, earned, score, accepted, why);
    }

}
