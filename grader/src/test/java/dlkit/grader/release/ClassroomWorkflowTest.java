package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The GitHub Classroom workflow of the student kit: a valid workflow with one graded step per
 * exercise file, worth its hidden tests' points, whose command runs that exercise's public
 * tests; and the reporter step that collects them all.
 */
class ClassroomWorkflowTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;
    static final Pattern COMMAND = Pattern.compile("mvn -B -q surefire:test(?: -Dtest=([\\w.,#+]+))?");

    @TempDir
    static Path tmp;
    static Path kit;
    static JsonNode workflow;
    static List<JsonNode> graded = new ArrayList<>();

    @BeforeAll
    static void release() throws IOException {
        kit = tmp.resolve("exercises");
        new ExerciseGenerator().generate(ROOT.resolve("solutions"), kit);
        workflow = new ObjectMapper(new YAMLFactory()).readTree(kit.resolve(".github/workflows/classroom.yml").toFile());
        for (JsonNode step : steps()) {
            if (step.path("uses").asText().equals(ClassroomWorkflow.COMMAND_GRADER)) {
                graded.add(step);
            }
        }
    }

    @Test
    void runsOnEveryPushAndMayReportToClassroom() {
        assertThat(workflow.path("on")).extracting(JsonNode::toString).asString().contains("push", "repository_dispatch");
        assertThat(workflow.path("permissions").path("checks").asText()).isEqualTo("write");
        assertThat(workflow.path("jobs").size()).isEqualTo(1);
        assertThat(steps().get(0).path("uses").asText()).startsWith("actions/checkout@");
        assertThat(steps()).anySatisfy(s -> assertThat(s.path("with").path("java-version").asText()).isEqualTo("17"));
    }

    @Test
    void hasOneGradedStepPerExerciseFileWorthItsHiddenTestPoints() throws IOException {
        Set<String> exerciseClasses = new LinkedHashSet<>();
        for (ExerciseGenerator.Stub stub : ExercisesInSyncTest.stubs(ROOT.resolve("solutions"))) {
            exerciseClasses.add(stub.className());
        }
        Map<String, Double> points = pointsFromHiddenTestSources();

        assertThat(graded).extracting(s -> s.path("with").path("test-name").asText())
                .containsExactlyElementsOf(exerciseClasses);
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode step : graded) {
            String exercise = step.path("with").path("test-name").asText();
            assertThat(step.path("id").asText()).as("step id of " + exercise).matches("[a-z0-9]+");
            assertThat(ids.add(step.path("id").asText())).as("unique step id " + step.path("id")).isTrue();
            assertThat(step.path("with").path("timeout").asInt()).as("timeout of " + exercise).isBetween(1, 60);
            assertThat(step.path("with").has("setup-command")).isTrue();
            assertThat(step.path("with").path("max-score").isInt()).as("max-score of " + exercise + " is whole").isTrue();
            assertThat(step.path("with").path("max-score").asDouble()).as("max-score of " + exercise)
                    .isEqualTo(exercise.equals("QuizAnswers") ? 0.0 : (double) Math.round(points.getOrDefault(exercise, Listing.DEFAULT_POINTS)));
        }
    }

    /** The quiz's public test passes for any answers, so a pass in Classroom must not earn the quiz's points. */
    @Test
    void theQuizWhosePublicTestJudgesOnlyTheFormIsWorthNothing() {
        assertThat(graded).filteredOn(s -> s.path("with").path("test-name").asText().equals("QuizAnswers"))
                .singleElement().satisfies(s -> assertThat(s.path("with").path("max-score").asInt()).as("QuizAnswers max-score").isZero());
    }

    @Test
    void endsWithTheReporterOfEveryGradedStep() {
        JsonNode reporter = steps().get(steps().size() - 1);
        assertThat(reporter.path("uses").asText()).isEqualTo(ClassroomWorkflow.REPORTER);
        List<String> ids = graded.stream().map(s -> s.path("id").asText()).toList();
        assertThat(reporter.path("with").path("runners").asText()).isEqualTo(String.join(",", ids));
        assertThat(reporter.path("env").size()).isEqualTo(ids.size());
        for (String id : ids) {
            assertThat(reporter.path("env").path(id.toUpperCase() + "_RESULTS").asText())
                    .isEqualTo("${{steps." + id + ".outputs.result}}");
        }
    }

    @Test
    void eachCommandRunsThePublicTestsOfItsExercise() throws Exception {
        try (CompiledKit compiled = CompiledKit.compile(kit, tmp.resolve("classes"))) {
            for (JsonNode step : graded) {
                String exercise = step.path("with").path("test-name").asText();
                String command = step.path("with").path("command").asText();
                Matcher m = COMMAND.matcher(command);
                assertThat(m.matches()).as("command of " + exercise + ": " + command).isTrue();
                List<String> testClasses = m.group(1) == null ? allTestClasses() : List.of(m.group(1).split(","));
                for (String test : testClasses) {
                    String testClass = test.contains("#") ? test.substring(0, test.indexOf('#')) : test;
                    assertThat(kit.resolve("src/test/java/" + testClass.replace('.', '/') + ".java"))
                            .as("public test class named by the step of " + exercise).isRegularFile();
                }
                // On the stubs, the tests the step runs reach this exercise's stubs, and only fail there.
                List<CompiledKit.Outcome> outcomes = compiled.run(testClasses);
                assertThat(outcomes).as("tests run by " + command).isNotEmpty();
                assertThat(outcomes).filteredOn(o -> o.status() != TestExecutionResult.Status.SUCCESSFUL)
                        .as("failures of the tests run by " + command)
                        .allSatisfy(o -> assertThat(o.messages()).contains(Kit.NOT_IMPLEMENTED));
                assertThat(outcomes).anySatisfy(o -> assertThat(o.messages())
                        .contains(Kit.NOT_IMPLEMENTED + exercise + "."));
            }
        }
    }

    @Test
    void anExerciseWithoutItsOwnTestClassFallsBackToItsPackageThenToTheWholeSuite() {
        Set<String> tests = Set.of("dlkit.optim.AdamTest", "dlkit.optim.AdamGoldenTest", "dlkit.optim.SgdTest",
                "dlkit.optim.more.OtherTest", "dlkit.testing.Golden");
        assertThat(Listing.publicTestsFor("dlkit.optim", "Adam", tests))
                .containsExactly("dlkit.optim.AdamTest", "dlkit.optim.AdamGoldenTest");
        assertThat(Listing.publicTestsFor("dlkit.optim", "Rmsprop", tests))
                .containsExactly("dlkit.optim.AdamGoldenTest", "dlkit.optim.AdamTest", "dlkit.optim.SgdTest");
        assertThat(Listing.publicTestsFor("dlkit.layers", "Dense", tests)).isEmpty();
    }

    @Test
    void anExerciseWithoutItsOwnTestClassRunsOnlyTheMethodsNamedAfterIt() {
        Map<String, List<String>> tests = Map.of(
                "dlkit.layers.ActivationsTest", List.of("reluForwardAndBackwardByHand", "sigmoidByHand", "tanhByHand",
                        "backwardPassesMatchCentredDifferences"),
                "dlkit.layers.BackpropGoldenTest", List.of("denseMatchesTorch", "reluMatchesTorchIncludingAtZero"),
                "dlkit.layers.DenseTest", List.of("forwardByHand"));
        assertThat(Listing.publicTestsFor("dlkit.layers", "ReLU", tests)).containsExactly(
                "dlkit.layers.ActivationsTest#reluForwardAndBackwardByHand",
                "dlkit.layers.BackpropGoldenTest#reluMatchesTorchIncludingAtZero");
        assertThat(Listing.publicTestsFor("dlkit.layers", "Dense", tests)).containsExactly("dlkit.layers.DenseTest");
        assertThat(Listing.publicTestsFor("dlkit.layers", "Softplus", tests))
                .as("no method named after it: the package's test classes")
                .containsExactly("dlkit.layers.ActivationsTest", "dlkit.layers.BackpropGoldenTest", "dlkit.layers.DenseTest");
    }

    @Test
    void theReleasedActivationsEachRunTheirOwnTestsOnly() {
        for (JsonNode step : graded) {
            String exercise = step.path("with").path("test-name").asText();
            if (List.of("ReLU", "Sigmoid", "Tanh").contains(exercise)) {
                Matcher m = COMMAND.matcher(step.path("with").path("command").asText());
                assertThat(m.matches()).isTrue();
                assertThat(m.group(1).split(",")).as("tests of " + exercise)
                        .allSatisfy(t -> assertThat(t).contains("#" + exercise.toLowerCase()))
                        .noneSatisfy(t -> assertThat(t).contains("BatchNorm"));
            }
        }
    }

    @Test
    void twoExercisesWithOneClassNameGetDistinctStepIds() {
        List<Exercise> exercises = List.of(
                new Exercise("dlkit/layers/Dropout.java", "class Dropout { void forward() { throw new UnsupportedOperationException("
                        + "\"not implemented yet: Dropout.forward\"); } void backward() { throw new UnsupportedOperationException("
                        + "\"not implemented yet: Dropout.backward\"); } }"),
                new Exercise("dlkit/regularization/Dropout.java", "class Dropout { void apply() { throw new UnsupportedOperationException("
                        + "\"not implemented yet: Dropout.apply\"); } }"));
        List<Listing> listings = Listing.of(exercises, Map.of(), Map.of("dlkit/layers/Dropout.java", 4.0));
        assertThat(listings).extracting(Listing::id).containsExactly("dropout", "regularizationdropout");
        assertThat(listings).extracting(Listing::points).containsExactly(4.0, Listing.DEFAULT_POINTS);
        assertThat(listings.get(0).exercise().methods()).containsExactly("forward", "backward");
        assertThat(listings.get(1).testGoal()).isEqualTo("test");
        assertThat(ClassroomWorkflow.command(listings.get(1))).isEqualTo("mvn -B -q surefire:test");
    }

    private static List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        workflow.path("jobs").elements().next().path("steps").forEach(steps::add);
        return steps;
    }

    private static List<String> allTestClasses() throws IOException {
        Path tests = kit.resolve("src/test/java");
        return StudentKitZipTest.javaFiles(tests).stream()
                .filter(p -> p.getFileName().toString().endsWith("Test.java"))
                .map(p -> tests.relativize(p).toString().replace(".java", "").replace('/', '.'))
                .toList();
    }

    /** Points per exercise class, read from the hidden tests' source text: a second way to the same sums. */
    private static Map<String, Double> pointsFromHiddenTestSources() throws IOException {
        Pattern grades = Pattern.compile("@Grades\\((?:value\\s*=\\s*)?(\\w+)\\.class");
        Pattern pts = Pattern.compile("@Points\\(([0-9.]+)\\)");
        Map<String, Double> points = new HashMap<>();
        for (Path file : StudentKitZipTest.javaFiles(ROOT.resolve("grader/src/main/java/dlkit/hidden"))) {
            String text = Files.readString(file);
            Matcher g = grades.matcher(text);
            if (!g.find()) {
                continue;
            }
            Matcher p = pts.matcher(text);
            while (p.find()) {
                points.merge(g.group(1), Double.parseDouble(p.group(1)), Double::sum);
            }
        }
        return points;
    }
}
