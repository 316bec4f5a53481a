package dlkit.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Gradescope's {@code results.json}, as its autograder specification defines it: top-level
 * {@code score}, {@code execution_time} (whole seconds), {@code output}, {@code visibility},
 * {@code stdout_visibility}; one entry in {@code tests} per hidden test with {@code name},
 * {@code name_format}, {@code number}, {@code score}, {@code max_score}, {@code status}
 * ("passed"/"failed"), {@code output} and {@code visibility}.
 *
 * <p>Visibility (https://gradescope-autograders.readthedocs.io/en/latest/specs/#controlling-test-case-visibility:
 * {@code visible}, {@code hidden}, {@code after_due_date}, {@code after_published}) follows the
 * course file ({@link Terms}): every test and the top level get the results' visibility, but
 * a quiz item, with its right answer and why, gets the explanations' (never looser than the
 * results'): whether an item is right tells its answer, so Gradescope itself shows them after
 * the due date, and the top-level output gives the quiz's points only. While results are not
 * visible, the top-level output names only the files received. {@code stdout_visibility} stays {@code hidden}: the grader's log is for the instructor.
 */
public final class GradescopeWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeWriter() {}

    /** Written before grading starts, so a grader that crashes leaves 0 points, never full marks. */
    public static void writePlaceholder(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", 0);
        root.put("execution_time", 0);
        root.put("output", "The autograder stopped before it finished grading, so this submission has 0 points for now. "
                + "Please tell your instructor.");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        root.putArray("tests");
        ReportFiles.writeAtomically(file, JSON.writeValueAsString(root));
    }

    /**
     * When students see what on Gradescope.
     *
     * @param results      the hidden tests' results
     * @param explanations the quiz's right answers and why; never shown before the results
     * @param due          the due date, for the words; null if not known
     */
    public record Terms(Visibility results, Visibility explanations, java.time.ZonedDateTime due) {
        /** Without a course file: results at once, explanations after Gradescope's due date. */
        public static final Terms DEFAULT = new Terms(Visibility.VISIBLE, Visibility.AFTER_DUE, null);

        /** The explanations' visibility, no looser than the results'. */
        public Visibility answers() {
            return explanations.ordinal() < results.ordinal() ? results : explanations;
        }
    }

    public static void write(GradeReport report, Path file) throws IOException {
        write(report, Terms.DEFAULT, file);
    }

    /** @param report with the quiz's answers still in its checks (not {@link Explanations#withheld}) */
    public static void write(GradeReport report, Terms terms, Path file) throws IOException {
        ReportFiles.writeAtomically(file, JSON.writeValueAsString(toJson(report, terms)));
    }

    static ObjectNode toJson(GradeReport report) {
        return toJson(report, Terms.DEFAULT);
    }

    static ObjectNode toJson(GradeReport report, Terms terms) {
        String results = terms.results().gradescope();
        Visibility answers = terms.answers();
        ObjectNode root = JSON.createObjectNode();
        root.put("score", report.score());
        root.put("execution_time", Math.round(report.timings().total()));
        root.put("output", terms.results() != Visibility.VISIBLE ? received(report, terms)
                : ConsoleTable.summary(answers == Visibility.VISIBLE ? report : Explanations.withheld(report, answers.when(terms.due()))));
        root.put("output_format", "text");
        root.put("visibility", results);
        root.put("stdout_visibility", "hidden");
        root.putObject("extra_data").put("seed", report.seed()).put("jdk", report.jdk());
        ArrayNode tests = root.putArray("tests");
        int e = 0;
        for (ExerciseReport exercise : report.exercises()) {
            e++;
            int t = 0;
            String notes = String.join("\n", exercise.notes());
            if (!exercise.tests().isEmpty() && exercise.tests().stream().allMatch(test -> GradeReport.STUB_NOT_RUN.equals(test.feedback()))) {
                // Graded as its stub, no test run: one entry saying why, not one failed entry per test.
                ObjectNode node = tests.addObject();
                node.put("name", exercise.name() + ": " + ConsoleTable.headline(notes.isEmpty() ? "graded as its stub" : exercise.notes().get(0)));
                node.put("name_format", "text");
                node.put("number", e + ".1");
                node.put("score", 0.0);
                node.put("max_score", exercise.maxScore());
                node.put("status", "failed");
                node.put("output", ConsoleTable.printable(notes.isEmpty() ? GradeReport.STUB_NOT_RUN : notes));
                node.put("output_format", "text");
                node.put("visibility", results);
                continue;
            }
            for (TestReport test : exercise.tests()) {
                t++;
                ObjectNode node = tests.addObject();
                node.put("name", exercise.name() + ": " + test.name());
                node.put("name_format", "text");
                node.put("number", e + "." + t);
                node.put("score", test.score());
                node.put("max_score", test.maxScore());
                node.put("status", test.passed() ? "passed" : "failed");
                // A quiz item right or wrong tells its answer (four submissions would find them all): it is shown,
                // its right answer and why with it, only when the explanations may be.
                String feedback = ConsoleTable.feedback(test);
                node.put("output", ConsoleTable.printable(test.passed() || notes.isEmpty() ? feedback : notes + "\n\n" + feedback));
                node.put("output_format", "text");
                node.put("visibility", exercise.isQuiz() ? answers.gradescope() : results);
            }
        }
        return root;
    }

    /** The top-level output while results are not shown: what was received, late work, and when results come. */
    private static String received(GradeReport report, Terms terms) {
        StringBuilder out = new StringBuilder(ConsoleTable.printable(report.student())).append(": your submission was received.\n");
        for (ExerciseReport e : report.exercises()) {
            boolean missing = e.handed() == GradeReport.Handed.NOT_SUBMITTED;
            out.append("  ").append(e.file()).append(missing ? ": not submitted" : ": received").append('\n');
        }
        // What became of the files handed in (one left out, one of another assignment) is no result: said now.
        report.notes().forEach(n -> out.append("Note: ").append(ConsoleTable.printable(n)).append('\n'));
        if (report.late() != null) {
            out.append("Late: ").append(report.late().why()).append('\n');
        }
        return out.append("Its results are shown ").append(terms.results().when(terms.due())).append('.').toString();
    }
}
