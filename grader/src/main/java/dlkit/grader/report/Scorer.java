package dlkit.grader.report;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.run.TestResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores from the grader's own list of expected tests: a test earns its {@code @Points} only if
 * it reported success (for a parameterised or repeated method: the method and all its runs
 * did); a test that did not report, was aborted, stopped or timed out earns 0.
 */
public final class Scorer {

    /** Feedback is cut to this many lines and characters. */
    static final int FEEDBACK_LINES = 12;
    static final int FEEDBACK_CHARS = 1500;

    private Scorer() {}

    /**
     * The report of each exercise in {@code exercises}.
     *
     * @param tests   the expected tests of these exercises
     * @param results what the test JVMs reported, by unique id
     * @param notes   per exercise file, what happened before the tests
     */
    public static List<ExerciseReport> score(List<Exercise> exercises, List<ExpectedTest> tests,
                                             Map<String, TestResult> results, Map<String, List<String>> notes) {
        Map<String, List<TestResult>> byTest = byTest(tests, results);
        List<ExerciseReport> reports = new ArrayList<>();
        for (Exercise exercise : exercises) {
            List<TestReport> testReports = new ArrayList<>();
            double score = 0;
            double max = 0;
            for (ExpectedTest test : tests) {
                if (!test.exercise().equals(exercise.file())) {
                    continue;
                }
                TestReport r = scoreTest(test, byTest.getOrDefault(test.uniqueId(), List.of()));
                testReports.add(r);
                score += r.score();
                max += r.maxScore();
            }
            reports.add(new ExerciseReport(exercise.file(), exercise.simpleName(), score, max,
                    List.copyOf(notes.getOrDefault(exercise.file(), List.of())), testReports));
        }
        return reports;
    }

    /**
     * The results of each expected test, by its unique id: its own, and those of its runs if it
     * is parameterised or repeated (ids that start with its id and a slash).
     */
    static Map<String, List<TestResult>> byTest(List<ExpectedTest> tests, Map<String, TestResult> results) {
        Map<String, List<TestResult>> byTest = new HashMap<>();
        tests.forEach(t -> byTest.put(t.uniqueId(), new ArrayList<>()));
        for (TestResult r : results.values()) {
            String id = r.id();
            while (!byTest.containsKey(id) && id.lastIndexOf('/') >= 0) {
                id = id.substring(0, id.lastIndexOf('/'));
            }
            List<TestResult> own = byTest.get(id);
            if (own != null) {
                own.add(r);
            }
        }
        return byTest;
    }

    /** @param own the test's results (see {@link #byTest}) */
    static TestReport scoreTest(ExpectedTest test, List<TestResult> own) {
        TestResult failure = own.stream().filter(r -> !r.passed()).findFirst().orElse(null);
        long millis = own.stream().filter(r -> r.id().equals(test.uniqueId())).mapToLong(TestResult::millis).sum();
        if (own.isEmpty()) {
            return new TestReport(test.name(), 0, test.points(), false, "no result: the test did not report back", millis);
        }
        if (failure == null) {
            return new TestReport(test.name(), test.points(), test.points(), true, "", millis);
        }
        return new TestReport(test.name(), 0, test.points(), false, feedback(failure), millis, failure.check());
    }

    /** The failure in words a student can act on, bounded. */
    static String feedback(TestResult failure) {
        if (failure.timedOut()) {
            return "took longer than the time limit per test; look for a loop that never ends";
        }
        String message = failure.check() != null ? failure.check().summary()
                : failure.message() == null ? failure.status().toLowerCase(java.util.Locale.ROOT) : failure.message();
        int notImplemented = message.indexOf(Kit.NOT_IMPLEMENTED);
        if (!failure.assertion() && notImplemented >= 0) {
            return message.substring(notImplemented).lines().findFirst().orElse("");
        }
        List<String> lines = message.strip().lines().limit(FEEDBACK_LINES).toList();
        String text = String.join("\n", lines);
        if (text.length() > FEEDBACK_CHARS) {
            text = text.substring(0, FEEDBACK_CHARS) + " ...";
        } else if (lines.size() < message.strip().lines().count()) {
            text += "\n...";
        }
        return text;
    }
}
