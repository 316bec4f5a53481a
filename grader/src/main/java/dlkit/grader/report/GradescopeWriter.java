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

    public static void write(GradeReport report, Path file) throws IOException {
        ReportFiles.writeAtomically(file, JSON.writeValueAsString(toJson(report)));
    }

    static ObjectNode toJson(GradeReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", report.score());
        root.put("execution_time", Math.round(report.timings().total()));
        root.put("output", ConsoleTable.summary(report));
        root.put("output_format", "text");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        root.putObject("extra_data").put("seed", report.seed()).put("jdk", report.jdk());
        ArrayNode tests = root.putArray("tests");
        int e = 0;
        for (ExerciseReport exercise : report.exercises()) {
            e++;
            int t = 0;
            String notes = String.join("\n", exercise.notes());
            for (TestReport test : exercise.tests()) {
                t++;
                ObjectNode node = tests.addObject();
                node.put("name", exercise.name() + ": " + test.name());
                node.put("name_format", "text");
                node.put("number", e + "." + t);
                node.put("score", test.score());
                node.put("max_score", test.maxScore());
                node.put("status", test.passed() ? "passed" : "failed");
                String feedback = ConsoleTable.feedback(test);
                node.put("output", test.passed() || notes.isEmpty() ? feedback : notes + "\n\n" + feedback);
                node.put("output_format", "text");
                node.put("visibility", "visible");
            }
        }
        return root;
    }
}
