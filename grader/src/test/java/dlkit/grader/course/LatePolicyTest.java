package dlkit.grader.course;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.Visibility;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Late work: days counted from the due date, the penalty per day, the last day accepted; and points scaled per exercise. */
class LatePolicyTest {

    static final ZonedDateTime DUE = ZonedDateTime.parse("2026-10-09T23:59+02:00[Europe/Berlin]");
    static final LatePolicy TEN_PERCENT_THREE_DAYS = new LatePolicy(10, 3);

    @Test
    void onTimeOrUnknownCostsNothing() {
        assertThat(TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant(), "t"), DUE, 40)).isNull();
        assertThat(TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant().minusSeconds(3600), "t"), DUE, 40)).isNull();
        assertThat(TEN_PERCENT_THREE_DAYS.apply(Lateness.UNKNOWN, DUE, 40)).isNull();
    }

    @Test
    void eachDayOrPartOfADayCostsItsPercentOfThePointsEarned() {
        GradeReport.Late oneSecond = TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant().plusSeconds(1), "t"), DUE, 40);
        assertThat(oneSecond.days()).isEqualTo(1);
        assertThat(oneSecond.score()).isEqualTo(36.0);
        assertThat(oneSecond.why()).isEqualTo("1 day late: 10% off");
        GradeReport.Late justOneDay = TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant().plusSeconds(86_400), "t"), DUE, 40);
        assertThat(justOneDay.days()).isEqualTo(1);
        GradeReport.Late twoDays = TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant().plusSeconds(86_401), "t"), DUE, 40);
        assertThat(twoDays.days()).isEqualTo(2);
        assertThat(twoDays.percent()).isEqualTo(20.0);
        assertThat(twoDays.score()).isEqualTo(32.0);
        assertThat(twoDays.earned()).isEqualTo(40.0);
        assertThat(twoDays.submitted()).startsWith("2026-10-10T23:59:01+02:00");
    }

    @Test
    void afterTheLastDayNothingIsAccepted() {
        GradeReport.Late fourDays = TEN_PERCENT_THREE_DAYS.apply(Lateness.at(DUE.toInstant().plusSeconds(3 * 86_400 + 60), "t"),
                DUE, 40);
        assertThat(fourDays.accepted()).isFalse();
        assertThat(fourDays.score()).isZero();
        assertThat(fourDays.why()).contains("after the last day accepted (3 days), so 0 points");
        GradeReport.Late noLateWork = new LatePolicy(10, 0).apply(Lateness.at(DUE.toInstant().plusSeconds(60), "t"), DUE, 40);
        assertThat(noLateWork.score()).isZero();
    }

    @Test
    void aFlagWithoutATimeIsChargedOneDayAndSaysSo() {
        GradeReport.Late flagged = TEN_PERCENT_THREE_DAYS.apply(Lateness.flagged("Canvas"), DUE, 40);
        assertThat(flagged.days()).isEqualTo(1);
        assertThat(flagged.score()).isEqualTo(36.0);
        assertThat(flagged.why()).startsWith("marked late by Canvas (no time given, so charged as 1 day late)");
    }

    @Test
    void withoutAPenaltyLateWorkIsStillShownAsLate() {
        GradeReport.Late late = LatePolicy.NONE.apply(Lateness.at(DUE.toInstant().plusSeconds(10 * 86_400), "t"), DUE, 40);
        assertThat(late.score()).isEqualTo(40.0);
        assertThat(late.why()).isEqualTo("10 days late, no penalty");
    }

    @Test
    void anAssignmentScalesEachExerciseToItsPointsThenTakesThePenaltyOffTheTotal() {
        Assignment a = new Assignment("week1", "Week 1", List.of("dlkit/optim/Adam.java", "dlkit/layers/Dense.java"),
                Map.of("dlkit/optim/Adam.java", 16.0, "dlkit/layers/Dense.java", 8.0), DUE, TEN_PERCENT_THREE_DAYS,
                Visibility.AFTER_DUE, Visibility.AFTER_DUE);
        GradeReport graded = new GradeReport("alice", 1, "17", 10, 16, List.of(
                new ExerciseReport("dlkit/optim/Adam.java", "Adam", 6, 8, List.of(), List.of(
                        new TestReport("a", 6, 6, true, "", 1), new TestReport("b", 0, 2, false, "wrong", 1))),
                new ExerciseReport("dlkit/layers/Dense.java", "Dense", 4, 8, List.of(), List.of(
                        new TestReport("c", 4, 8, false, "", 1)))), List.of(), "", new GradeReport.Timings(0, 0, 0, 0), List.of());
        GradeReport scaled = a.scale(graded);
        assertThat(scaled.exercises().get(0).score()).isEqualTo(12.0);
        assertThat(scaled.exercises().get(0).maxScore()).isEqualTo(16.0);
        assertThat(scaled.exercises().get(0).tests()).extracting(TestReport::maxScore).containsExactly(12.0, 4.0);
        assertThat(scaled.exercises().get(1)).isEqualTo(graded.exercises().get(1));
        assertThat(scaled.score()).isEqualTo(16.0);
        assertThat(scaled.maxScore()).isEqualTo(24.0);
        assertThat(a.total()).isEqualTo(24.0);

        GradeReport late = a.applyLate(scaled, Lateness.at(Instant.from(DUE.plusHours(30)), "submission_metadata.json"));
        assertThat(late.score()).isEqualTo(12.8);
        assertThat(late.late().earned()).isEqualTo(16.0);
        assertThat(late.exercises()).as("the exercises keep what they earned").isEqualTo(scaled.exercises());
        assertThat(a.applyLate(scaled, Lateness.UNKNOWN)).isSameAs(scaled);
    }
}
