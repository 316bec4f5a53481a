package dlkit.grader.course;

import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.Visibility;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * One assignment of a course file ({@link Course}): what students hand in, for how many points,
 * by when, and when they see what.
 *
 * @param name         the id used on the command line ({@code --assignment week1})
 * @param title        for people ({@code Week 1: gradient descent and layers})
 * @param exercises    the exercise files, in the course file's order ({@code dlkit/optim/Adam.java})
 * @param points       each exercise's points, by file: the course file's, or the hidden tests' own
 * @param due          the due date, with its time zone
 * @param late         what late work costs
 * @param results      when students see the hidden tests' results
 * @param explanations when students see the quiz's right answers and why
 */
public record Assignment(String name, String title, List<String> exercises, Map<String, Double> points,
                         ZonedDateTime due, LatePolicy late, Visibility results, Visibility explanations) {

    public Assignment {
        exercises = List.copyOf(exercises);
        points = Map.copyOf(points);
    }

    /** The points of the whole assignment. */
    public double total() {
        return exercises.stream().mapToDouble(points::get).sum();
    }

    /**
     * The report with each exercise worth its points in this assignment: every test's points
     * scaled by the exercise's points over its hidden tests' points (an exercise of 8 hidden
     * points set to 16 doubles each test's). Exercises outside the assignment are left as they are.
     */
    public GradeReport scale(GradeReport r) {
        List<ExerciseReport> scaled = r.exercises().stream().map(e -> {
            Double want = points.get(e.file());
            if (want == null || e.maxScore() <= 0 || want == e.maxScore()) {
                return e;
            }
            double f = want / e.maxScore();
            List<TestReport> tests = e.tests().stream().map(t -> new TestReport(t.name(), t.score() * f, t.maxScore() * f,
                    t.passed(), t.feedback(), t.millis(), t.check())).toList();
            return e.withTests(e.score() * f, want, tests);
        }).toList();
        double score = scaled.stream().mapToDouble(ExerciseReport::score).sum();
        double max = scaled.stream().mapToDouble(ExerciseReport::maxScore).sum();
        return r.with(scaled, score, max, r.late());
    }

    /** The report with this assignment's late penalty taken off its total, if it came late. */
    public GradeReport applyLate(GradeReport r, Lateness lateness) {
        GradeReport.Late late = late().apply(lateness, due, r.score());
        return late == null ? r : r.with(r.exercises(), late.score(), r.maxScore(), late);
    }
}
