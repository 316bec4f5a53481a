package dlkit.grader.report;

import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.List;

/**
 * The quiz's right answers and explanations in a report (each failed quiz item's
 * {@code Failure.answer}): every report shows them with their test (console, {@code report.json},
 * {@code report.html}), unless they are withheld first, as the course file's {@code explanations}
 * say at the time the report is made. Gradescope's {@code results.json} takes them apart instead
 * ({@link GradescopeWriter}), so Gradescope itself shows them when allowed.
 */
public final class Explanations {

    private Explanations() {}

    /** The report with each answer replaced by when it will be shown ({@code after the due date}). */
    public static GradeReport withheld(GradeReport r, String when) {
        String later = "(The right answer and why are shown " + when + ".)";
        List<ExerciseReport> exercises = r.exercises().stream().map(e -> e.withTests(e.score(), e.maxScore(), e.tests().stream()
                .map(t -> t.check() == null || t.check().answer() == null ? t : new TestReport(t.name(), t.score(), t.maxScore(),
                        t.passed(), t.feedback(), t.millis(), t.check().withAnswer(later))).toList())).toList();
        return r.with(exercises, r.score(), r.maxScore(), r.late());
    }
}
