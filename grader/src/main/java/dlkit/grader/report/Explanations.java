package dlkit.grader.report;

import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.List;

/**
 * The quiz's right answers and explanations in a report (each failed quiz item's
 * {@code Failure.answer}): every report shows them with their test (console, {@code report.json},
 * {@code report.html}), unless they are withheld first, as the course file's {@code explanations}
 * say at the time the report is made. Gradescope's {@code results.json} gives each quiz item the
 * explanations' visibility instead ({@link GradescopeWriter}), so Gradescope itself shows them
 * when allowed.
 */
public final class Explanations {

    private Explanations() {}

    /**
     * The report with the quiz's items withheld: which are right would tell the right answers (a
     * student resubmitting with each option in turn would find them all), so each quiz keeps only
     * its points, in one entry that says when its items are shown ({@code after the due date}).
     */
    public static GradeReport withheld(GradeReport r, String when) {
        List<ExerciseReport> exercises = r.exercises().stream().map(e -> e.isQuiz() ? itemsWithheld(e, when) : e).toList();
        return r.with(exercises, r.score(), r.maxScore(), r.late());
    }

    private static ExerciseReport itemsWithheld(ExerciseReport quiz, String when) {
        if (quiz.tests().isEmpty()) {
            return quiz;
        }
        boolean allRight = quiz.tests().stream().allMatch(TestReport::passed);
        double score = quiz.tests().stream().mapToDouble(TestReport::score).sum();
        double max = quiz.tests().stream().mapToDouble(TestReport::maxScore).sum();
        String later = "which of the " + quiz.tests().size() + " items are right, with the right answers and why, is shown "
                + when;
        return quiz.withTests(quiz.score(), quiz.maxScore(), List.of(new TestReport("the quiz's items", score, max, allRight,
                allRight ? "" : later + ".", quiz.tests().stream().mapToLong(TestReport::millis).sum())));
    }
}
