package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.JsonReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Grades the bundled samples (grader/samples, see its README) through the command line, as the
 * top-level README's first command does, with a fixed seed, and checks what each student earned.
 */
class SamplesTest {

    static final List<String> ADA_EXERCISES = List.of("GradientDescent", "Dense", "Adam", "Dropout",
            "SoftmaxCrossEntropy", "L1Penalty", "L2Penalty", "Initializers");

    @TempDir
    static Path tmp;

    static int exitCode;
    static String console;
    static Map<String, GradeReport> reports;

    @BeforeAll
    static void gradeTheSamples() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        Path reportsDir = tmp.resolve("reports");
        exitCode = cli.execute("grade", Submissions.ROOT.resolve("grader/samples").toString(), "--seed", "7",
                "--out", reportsDir.toString(), "--timeout-per-test=30");
        console = out.toString();
        try (var folders = Files.list(reportsDir)) {
            reports = folders.filter(Files::isDirectory).map(f -> {
                try {
                    return JsonReportWriter.read(f.resolve("report.json"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toMap(GradeReport::student, r -> r));
        }
    }

    static ExerciseReport exercise(String student, String name) {
        return reports.get(student).exercises().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> failed(String student, String name) {
        return exercise(student, name).tests().stream().filter(t -> !t.passed()).map(TestReport::name).toList();
    }

    @Test
    void everyStudentIsFoundAndGraded() {
        assertThat(exitCode).isEqualTo(0);
        assertThat(reports).containsOnlyKeys("doejane", "hoppergrace", "Ken Thompson", "lovelace_ada", "mallory_eve");
        assertThat(Map.of("doejane", 14.0, "hoppergrace", 0.0, "Ken Thompson", 4.0, "lovelace_ada", 71.0,
                "mallory_eve", 0.0)).allSatisfy((student, total) -> assertThat(reports.get(student).score())
                .as(student).isEqualTo(total));
        assertThat(reports.values()).allSatisfy(r -> assertThat(r.seed()).isEqualTo(7));
    }

    @Test
    void adaEarnsFullMarksInTheSevenCoreIdeasAndNothingElse() {
        for (ExerciseReport e : reports.get("lovelace_ada").exercises()) {
            assertThat(e.score()).as(e.name()).isEqualTo(ADA_EXERCISES.contains(e.name()) ? e.maxScore() : 0);
        }
    }

    @Test
    void janesTypicalMistakesCostTheTestsThatNameThem() {
        String jane = "doejane";
        assertThat(exercise(jane, "Adam").score()).isEqualTo(0);
        assertThat(exercise(jane, "Adam").tests()).anySatisfy(t -> assertThat(t.feedback()).contains("bias correction"));
        assertThat(exercise(jane, "Dropout").score()).isEqualTo(5);
        assertThat(exercise(jane, "Dropout").tests()).anySatisfy(t -> assertThat(t.feedback()).contains("without the 1"));
        assertThat(exercise(jane, "SoftmaxCrossEntropy").score()).isEqualTo(5);
        assertThat(failed(jane, "SoftmaxCrossEntropy")).containsExactly(
                "SoftmaxCrossEntropyHiddenTest.finiteAndRightAtLogitsOfPlusMinusOneThousand");
        assertThat(exercise(jane, "L2Penalty").score()).isEqualTo(4);
        assertThat(failed(jane, "L2Penalty")).containsExactly("L2PenaltyHiddenTest.gradientMatchesReference");
        assertThat(exercise(jane, "Dense").score()).isEqualTo(0);
        assertThat(exercise(jane, "Dense").notes()).first().asString().startsWith("did not compile");
        assertThat(exercise(jane, "Dense").notes()).contains("  Dense.java:92: ';' expected");
        assertThat(console).contains("    Dense did not compile: Dense.java:92: ';' expected");
    }

    @Test
    void untouchedStubsScoreZeroAndAreNotedUnchanged() {
        assertThat(reports.get("hoppergrace").score()).isEqualTo(0);
        assertThat(exercise("hoppergrace", "Adam").notes()).containsExactly(Grader.UNCHANGED
                + "Adam.java is the kit's stub as it was handed out, so it was graded as the stub");
        assertThat(exercise("hoppergrace", "Adam").tests()).isNotEmpty()
                .allSatisfy(t -> assertThat(t.feedback()).isEqualTo(GradeReport.STUB_NOT_RUN));
        assertThat(reports.get("hoppergrace").timings().testJvms()).as("test JVMs started for a submission of stubs only").isZero();
    }

    @Test
    void theMoodleZipIsReadWithItsSigmoidSlip() {
        assertThat(exercise("Ken Thompson", "ReLU").score()).isEqualTo(exercise("Ken Thompson", "ReLU").maxScore());
        assertThat(exercise("Ken Thompson", "Sigmoid").score()).isEqualTo(1);
        assertThat(exercise("Ken Thompson", "Sigmoid").tests())
                .anySatisfy(t -> assertThat(t.feedback()).contains("looks like the derivative taken as s"));
    }

    @Test
    void eveIsRefusedWithTheCallsNamedAndHerFakeResultsChangeNothing() {
        String eve = "mallory_eve";
        assertThat(exercise(eve, "Adam").notes()).anySatisfy(n -> assertThat(n).endsWith("Class.forName is not allowed (reflection)"));
        assertThat(exercise(eve, "Dense").notes()).anySatisfy(n -> assertThat(n)
                .endsWith("System.exit is not allowed (it ends the grading JVM)"));
        assertThat(exercise(eve, "Dropout").notes()).anySatisfy(n -> assertThat(n)
                .contains("java.nio.file.Files.readString is not allowed"));
        assertThat(List.of("Adam", "Dense", "Dropout")).allSatisfy(name -> assertThat(exercise(eve, name).notes())
                .first().asString().startsWith("uses something the kit does not allow"));
        assertThat(exercise(eve, "SoftmaxCrossEntropy").score()).isEqualTo(0);
        assertThat(reports.get(eve).output()).contains("\"score\": 100.0");
        assertThat(reports.get(eve).score()).isEqualTo(0);
        assertThat(console).contains("    Adam refused: Adam.java:71: Class.forName is not allowed (reflection)");
    }

    @Test
    void theConsoleHasALinePerStudentAndSaysWhereTheReportsAre() {
        assertThat(console).contains("Grading 5 submissions with seed 7");
        assertThat(console.lines().filter(l -> l.startsWith("lovelace_ada "))).singleElement().asString()
                .matches("lovelace_ada +71/\\d+ +8 +0 +0 +\\d+");
        assertThat(console).contains("Gradebook (a column per exercise): " + tmp.resolve("reports/gradebook.csv").toAbsolutePath());
        // Narrow enough for a terminal, whatever the number of exercises (paths aside).
        assertThat(console.lines().filter(l -> !l.contains(tmp.toString())))
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(120));
    }
}
