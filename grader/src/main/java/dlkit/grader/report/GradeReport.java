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
 * @param late      the late penalty taken off {@code score}, or null if the submission was on time
 *                  or graded without a course file's due date
 */
public record GradeReport(String student, long seed, String jdk, double score, double maxScore,
                          List<ExerciseReport> exercises, List<String> notes, String output, Timings timings,
                          List<String> layers, Late late) {

    /** The feedback of each test of an exercise graded as its stub: it is not run. */
    public static final String STUB_NOT_RUN = "not run: this exercise was graded as its stub (see its note), which scores 0";

    public GradeReport(String student, long seed, String jdk, double score, double maxScore,
                       List<ExerciseReport> exercises, List<String> notes, String output, Timings timings,
                       List<String> layers) {
        this(student, seed, jdk, score, maxScore, exercises, notes, output, timings, layers, null);
    }

    /** This report with other exercises, total and late penalty. */
    public GradeReport with(List<ExerciseReport> exercises, double score, double maxScore, Late late) {
        return new GradeReport(student, seed, jdk, score, maxScore, exercises, notes, output, timings, layers, late);
    }

    /**
     * A late penalty, taken off the total (the exercises keep the points they earned).
     *
     * @param submitted when it came, in the due date's time zone, or null if only flagged late
     * @param due       the due date
     * @param source    where the time or flag comes from ({@code submission_metadata.json}, {@code --submitted-at})
     * @param days      days late, a part of a day counting as a day
     * @param percent   the share of the earned points taken off, 0 to 100
     * @param earned    the total before the penalty
     * @param score     the total after it
     * @param accepted  false if it came after the last day accepted (then {@code score} is 0)
     * @param why       the penalty in words: {@code 2 days late: 20% off}
     */
    public record Late(String submitted, String due, String source, int days, double percent, double earned,
                       double score, boolean accepted, String why) {}

    /** Seconds per pipeline step, and how many test JVMs were started. */
    public record Timings(double collectAndCompile, double tests, double total, int testJvms) {}

    /** What became of an exercise file before its tests: typed, so a class overview counts without reading notes. */
    public enum Handed {
        /** Handed in, compiled and allowed: its tests ran. */
        SUBMITTED,
        /** Not in the submission: graded as the stub. */
        NOT_SUBMITTED,
        /** Handed in exactly as the kit's stub. */
        UNCHANGED,
        /** Did not compile: graded as the stub. */
        DID_NOT_COMPILE,
        /** Used something the bytecode policy refuses: graded as the stub. */
        REFUSED,
        /** The whole submission could not be graded (an unreadable or unsafe zip, a grader failure). */
        NOT_GRADED
    }

    /**
     * An instructor's override of an exercise's score (from an overrides file).
     *
     * @param graded the score the tests gave, kept beside the override
     */
    public record Adjustment(double points, String reason, double graded) {}

    /**
     * One exercise file.
     *
     * @param file     {@code dlkit/optim/Adam.java}
     * @param score    the points it counts for: the tests', or the override's if there is one
     * @param notes    what happened to the file before the tests (not submitted, did not compile, refused)
     * @param handed   the same, typed (null in a report written before it was kept: read as submitted)
     * @param override the instructor's override, or null
     */
    public record ExerciseReport(String file, String name, double score, double maxScore, List<String> notes,
                                 List<TestReport> tests, Handed handed, Adjustment override) {

        public ExerciseReport(String file, String name, double score, double maxScore, List<String> notes,
                              List<TestReport> tests) {
            this(file, name, score, maxScore, notes, tests, Handed.SUBMITTED, null);
        }

        public ExerciseReport {
            handed = handed == null ? Handed.SUBMITTED : handed;
        }

        /** The quiz's package: its items are right or wrong, so whether one passed tells its right answer. */
        public static final String QUIZ_PACKAGE = "dlkit/quiz/";

        /** True for a quiz (an exercise of {@link #QUIZ_PACKAGE}), whose items' results tell their answers. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isQuiz() {
            return file.startsWith(QUIZ_PACKAGE);
        }

        public ExerciseReport withHanded(Handed how) {
            return new ExerciseReport(file, name, score, maxScore, notes, tests, how, override);
        }

        /** This report with these scores and tests (scaled, or with answers withheld); how it was handed in and any override kept. */
        public ExerciseReport withTests(double score, double maxScore, List<TestReport> tests) {
            return new ExerciseReport(file, name, score, maxScore, notes, tests, handed, override);
        }

        /** This report with one more note. */
        public ExerciseReport withNote(String note) {
            List<String> more = new java.util.ArrayList<>(notes);
            more.add(note);
            return new ExerciseReport(file, name, score, maxScore, List.copyOf(more), tests, handed, override);
        }

        /** This report scored {@code points} by an instructor, for {@code reason}; the tests' score kept beside. */
        public ExerciseReport overriddenTo(double points, String reason) {
            double graded = override == null ? score : override.graded();
            return new ExerciseReport(file, name, points, maxScore, notes, tests, handed, new Adjustment(points, reason, graded));
        }
    }

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
