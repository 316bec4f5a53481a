package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.run.TestResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerTest {

    static final Exercise ADAM = new Exercise("dlkit/optim/Adam.java", "");
    static final ExpectedTest A = new ExpectedTest("[t:a]", ADAM.file(), "AdamHiddenTest.a", 2);
    static final ExpectedTest B = new ExpectedTest("[t:b]", ADAM.file(), "AdamHiddenTest.b", 3);
    static final ExpectedTest P = new ExpectedTest("[t:p]", ADAM.file(), "AdamHiddenTest.p", 1);

    static TestResult ok(String id) {
        return new TestResult(id, "SUCCESSFUL", null, false, false, 5);
    }

    @Test
    void aTestThatDidNotReportScoresZero() {
        ExerciseReport r = Scorer.score(List.of(ADAM), List.of(A, B), Map.of("[t:a]", ok("[t:a]")), Map.of()).get(0);

        assertThat(r.score()).isEqualTo(2);
        assertThat(r.maxScore()).isEqualTo(5);
        assertThat(r.tests().get(1).feedback()).isEqualTo("no result: the test did not report back");
    }

    @Test
    void abortedAndTimedOutTestsScoreZero() {
        Map<String, TestResult> results = Map.of(
                "[t:a]", new TestResult("[t:a]", "ABORTED", "assumption failed", false, false, 1),
                "[t:b]", new TestResult("[t:b]", "FAILED", "b() timed out after 2 seconds", true, false, 2000));
        ExerciseReport r = Scorer.score(List.of(ADAM), List.of(A, B), results, Map.of()).get(0);

        assertThat(r.score()).isEqualTo(0);
        assertThat(r.tests().get(1).feedback()).isEqualTo("took longer than the time limit per test; look for a loop that never ends");
    }

    @Test
    void aParameterisedTestNeedsEveryRunToPass() {
        Map<String, TestResult> results = Map.of(
                "[t:p]", ok("[t:p]"), "[t:p]/[case:1]", ok("[t:p]/[case:1]"),
                "[t:p]/[case:2]", new TestResult("[t:p]/[case:2]", "FAILED", "[dX] expected 1 but was 2", false, true, 1));
        ExerciseReport r = Scorer.score(List.of(ADAM), List.of(P), results, Map.of()).get(0);

        assertThat(r.score()).isEqualTo(0);
        assertThat(r.tests().get(0).feedback()).isEqualTo("[dX] expected 1 but was 2");
    }

    @Test
    void longFeedbackIsCut() {
        String message = "line\n".repeat(40);
        String feedback = Scorer.feedback(new TestResult("x", "FAILED", message, false, true, 0));

        assertThat(feedback.lines()).hasSize(Scorer.FEEDBACK_LINES + 1).last().isEqualTo("...");
    }
}
