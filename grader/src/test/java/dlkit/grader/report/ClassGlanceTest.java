package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Failure;
import dlkit.grader.report.ClassGlance.Standing;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.Handed;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index's table of standings per exercise and its list of the mistakes made most, counted from typed reports. */
class ClassGlanceTest {

    static final Check.Known NO_BIAS = new Check.Known("Adam/no-bias-correction", "Adam without bias correction");
    static final Check.Known SUMMED = new Check.Known("Dense/bias-summed", "the bias gradient summed over the wrong axis");

    static TestReport failed(Check.Known mistake) {
        Failure f = Failure.wrongNumber("weights", 0, 0, 1, 2, 0.3, 1e-9, Failure.RELATIVE);
        f = mistake == null ? f : f.lookingLike(mistake);
        return new TestReport("t", 0, 2, false, f.summary(), 1, f);
    }

    static ExerciseReport adam(double score, Handed handed, TestReport... tests) {
        return new ExerciseReport("dlkit/optim/Adam.java", "Adam", score, 4, List.of(), List.of(tests), handed, null);
    }

    static ExerciseReport dense(double score, Handed handed, TestReport... tests) {
        return new ExerciseReport("dlkit/layers/Dense.java", "Dense", score, 2, List.of(), List.of(tests), handed, null);
    }

    static GradeReport student(String name, ExerciseReport... exercises) {
        double score = List.of(exercises).stream().mapToDouble(ExerciseReport::score).sum();
        return new GradeReport(name, 1, "17", score, 6, List.of(exercises), List.of(), "", new GradeReport.Timings(0, 0, 0, 1),
                List.of("policy"));
    }

    static final TestReport PASSED = new TestReport("t", 2, 2, true, "", 1);

    static final List<GradeReport> CLASS = List.of(
            student("a", adam(4, Handed.SUBMITTED, PASSED, PASSED), dense(0, Handed.SUBMITTED, failed(SUMMED))),
            student("b", adam(2, Handed.SUBMITTED, PASSED, failed(NO_BIAS)), dense(0, Handed.NOT_SUBMITTED)),
            student("c", adam(0, Handed.SUBMITTED, failed(NO_BIAS), failed(NO_BIAS)), dense(0, Handed.REFUSED)),
            student("d", adam(0, Handed.DID_NOT_COMPILE), dense(0, Handed.SUBMITTED, failed(SUMMED))),
            student("e.zip", adam(0, Handed.NOT_GRADED), dense(0, Handed.NOT_GRADED)),
            student("f", adam(0, Handed.SUBMITTED, failed(null)), dense(2, Handed.SUBMITTED, PASSED)));

    @Test
    void eachExerciseCountsItsStudentsByStanding() {
        List<ClassGlance.Shares> shares = ClassGlance.shares(CLASS);

        ClassGlance.Shares adam = shares.get(0);
        assertThat(adam.exercise()).isEqualTo("Adam");
        assertThat(adam.students()).isEqualTo(6);
        assertThat(adam.count(Standing.FULL)).isEqualTo(1);
        assertThat(adam.count(Standing.PARTIAL)).isEqualTo(1);
        assertThat(adam.count(Standing.ZERO)).isEqualTo(2);
        assertThat(adam.count(Standing.DID_NOT_COMPILE)).isEqualTo(1);
        assertThat(adam.count(Standing.NOT_GRADED)).as("the unreadable zip, not a zero").isEqualTo(1);
        assertThat(adam.count(Standing.NOT_SUBMITTED)).isZero();
        ClassGlance.Shares dense = shares.get(1);
        assertThat(dense.count(Standing.NOT_SUBMITTED)).isEqualTo(1);
        assertThat(dense.count(Standing.REFUSED)).isEqualTo(1);
        assertThat(dense.count(Standing.ZERO)).isEqualTo(2);
        assertThat(dense.count(Standing.FULL)).isEqualTo(1);
    }

    @Test
    void theMistakesMadeMostComeFirstCountedOncePerStudent() {
        List<ClassGlance.Mistake> mistakes = ClassGlance.mistakes(CLASS, 10);

        // c fails two checks with the same mistake: one student.
        assertThat(mistakes).extracting(ClassGlance.Mistake::id, ClassGlance.Mistake::students)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Adam/no-bias-correction", 2),
                        org.assertj.core.groups.Tuple.tuple("Dense/bias-summed", 2));
        assertThat(ClassGlance.mistakes(CLASS, 1)).hasSize(1);
    }

    @Test
    void theIndexShowsTheTableAndTheMistakes() {
        String index = HtmlReport.classIndex(CLASS, r -> r.student() + "/report.html");

        assertThat(index).contains("The class at a glance", "<th>not submitted</th>", "<th>did not compile</th>",
                "<th>submission unreadable</th>", "Mistakes the class makes most");
        assertThat(index).contains("data-standing=\"FULL\" data-count=\"1\">17% (1)</td>");
        assertThat(index).contains("data-standing=\"ZERO\" data-count=\"2\">33% (2)</td>");
        assertThat(index).contains("<tr data-mistake=\"Adam/no-bias-correction\"><td class=\"num\">2 of 6</td><td>Adam</td>"
                + "<td>Adam without bias correction <code>Adam/no-bias-correction</code></td></tr>");
    }
}
