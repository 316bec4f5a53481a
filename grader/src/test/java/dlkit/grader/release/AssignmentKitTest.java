package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dlkit.grader.Main;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * {@code release --assignment week1} and {@code gradescope --assignment week1} with the sample
 * course.yaml: a week-1 kit that holds week 1's stubs, their public tests and the code they need,
 * compiles alone and runs its public tests; a workflow of week 1's steps only; an autograder that
 * grades week 1 only.
 */
class AssignmentKitTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;
    static final List<String> WEEK1 = List.of("GradientDescent", "LinearRegression", "LearningRateStability", "MiniBatches",
            "NumericalGradient", "Dense", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "Softmax", "LinearCollapse", "Sequential", "Xor");

    @TempDir
    Path tmp;

    @Test
    void aWeekOneKitHoldsWeekOneCompilesAloneAndRunsItsPublicTests() throws Exception {
        Path kit = tmp.resolve("week1");
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("release", "--solutions", ROOT.resolve("solutions").toString(), "--out", kit.toString(),
                "--course", ROOT.resolve("course.yaml").toString(), "--assignment", "week1");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("14 exercises of week1");

        List<String> stubs = new ArrayList<>();
        for (Path p : StudentKitZipTest.javaFiles(kit.resolve("src/main/java"))) {
            if (Files.readString(p).contains(Kit.NOT_IMPLEMENTED)) {
                stubs.add(p.getFileName().toString().replace(".java", ""));
            }
        }
        assertThat(stubs).containsAll(WEEK1).doesNotContain("Adam", "Dropout", "DigitClassifier", "QuizAnswers", "Smote");
        assertThat(kit.resolve("src/test/java/dlkit/optim/AdamTest.java")).doesNotExist();
        assertThat(kit.resolve("src/test/java/dlkit/layers/DenseTest.java")).isRegularFile();
        assertThat(Files.readString(kit.resolve("README.md"))).contains("src/main/java/dlkit/layers/Dense.java")
                .doesNotContain("src/main/java/dlkit/optim/Adam.java")
                .contains("This assignment's code also uses `src/main/java/dlkit/layers/BatchNorm.java`, from another assignment");
        assertThat(out.toString()).contains("Also holds, as stubs, exercises of other assignments its code needs");

        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(kit.resolve(ClassroomWorkflow.PATH).toFile());
        List<String> steps = new ArrayList<>();
        workflow.path("jobs").elements().next().path("steps").forEach(s -> {
            if (s.path("uses").asText().equals(ClassroomWorkflow.COMMAND_GRADER)) {
                steps.add(s.path("with").path("test-name").asText());
            }
        });
        assertThat(steps).containsExactlyInAnyOrderElementsOf(WEEK1);
        assertThat(kit.resolve(ClassroomWorkflow.HELPER)).isRegularFile();

        List<String> tests = StudentKitZipTest.javaFiles(kit.resolve("src/test/java")).stream()
                .filter(p -> p.getFileName().toString().endsWith("Test.java"))
                .map(p -> kit.resolve("src/test/java").relativize(p).toString().replace(".java", "").replace('/', '.')).toList();
        try (CompiledKit compiled = CompiledKit.compile(kit, tmp.resolve("classes"))) {
            List<CompiledKit.Outcome> outcomes = compiled.run(tests);
            assertThat(outcomes).as("public tests run").hasSizeGreaterThan(30);
            assertThat(outcomes).filteredOn(o -> o.status() != TestExecutionResult.Status.SUCCESSFUL)
                    .allSatisfy(o -> assertThat(o.messages()).as(o.test()).contains(Kit.NOT_IMPLEMENTED));
            for (String exercise : WEEK1) {
                assertThat(outcomes).as("a public test reaches " + exercise)
                        .anySatisfy(o -> assertThat(o.messages()).contains(Kit.NOT_IMPLEMENTED + exercise + "."));
            }
        }
    }

    @Test
    void aWeekOneAutograderCarriesTheCourseFileAndItsAssignment() throws IOException {
        Path zip = tmp.resolve("autograder.zip");
        Path jar = Files.writeString(tmp.resolve("dlkit-grader.jar"), "not a real jar");
        GradescopeCommand.write(zip, jar, List.of(), ROOT.resolve("course.yaml"), "week1");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(new String(z.getInputStream(z.getEntry(GradescopeCommand.ASSIGNMENT)).readAllBytes())).isEqualTo("week1\n");
            assertThat(new String(z.getInputStream(z.getEntry(GradescopeCommand.COURSE)).readAllBytes()))
                    .isEqualTo(Files.readString(ROOT.resolve("course.yaml")));
            assertThat(new String(z.getInputStream(z.getEntry("run_autograder")).readAllBytes()))
                    .contains("--course \"$ROOT/source/course.yaml\" --assignment \"$(head -n 1 \"$ROOT/source/assignment.txt\")\"")
                    .contains("--submission-metadata \"$ROOT/submission_metadata.json\"");
        }
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("gradescope", "--course", ROOT.resolve("course.yaml").toString(), "--assignment", "week9",
                "--out", tmp.resolve("x.zip").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no assignment named week9");
    }
}
