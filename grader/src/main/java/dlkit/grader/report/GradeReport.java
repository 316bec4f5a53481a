package dlkit.grader.report;

import dlkit.grader.api.Failure;
import java.util.List;

/**
 * One submission graded: the model every report is written from (console, Gradescope, JSON,
 * gradebook; an HTML page would read the same).
 *
 * @param student   the submission's name
 * @param seed      the grading run's seed: {@code grade --seed N} replays the same inputs
 * @param jdk       the Java version that compiled and ran the submission
 * @param notes     about the submission as a whole (files ignored, a zip refused)
 * @param output    what the student's code printed, bounded; shown, never scored
 * @param timings   seconds spent per step
 * @param layers    what confined the student's code in this run, in order: {@code policy} (the
 *                  bytecode allow-list), {@code os:bubblewrap} (Linux's sandbox), ...
 */
public record GradeReport(String student, long seed, String jdk, double score, double maxScore,
                          List<ExerciseReport> exercises, List<String> notes, String output, Timings timings,
                          List<String> layers) {

    /** Seconds per pipeline step, and how many test JVMs were started. */
    public record Timings(double collectAndCompile, double tests, double total, int testJvms) {}

    /**
     * One exercise file.
     *
     * @param file  {@code dlkit/optim/Adam.java}
     * @param notes what happened to the file before the tests (not submitted, did not compile, refused)
     */
    public record ExerciseReport(String file, String name, double score, double maxScore, List<String> notes,
                                 List<TestReport> tests) {}

    /**
     * One hidden test.
     *
     * @param feedback why it failed, for the student; empty if it passed
     * @param check    the failed check as data, if a {@code Check} failed; else null
     */
    public record TestReport(String name, double score, double maxScore, boolean passed, String feedback, long millis,
                             Failure check) {

        public TestReport(String name, double score, double maxScore, boolean passed, String feedback, long millis) {
            this(name, score, maxScore, passed, feedback, millis, null);
        }
    }
}
