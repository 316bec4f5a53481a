package dlkit.grader.grade;

import static dlkit.grader.Submissions.ADAM;
import static dlkit.grader.Submissions.adamWithStepPrefix;
import static dlkit.grader.Submissions.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.JsonReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Grades small submissions through the real command line, as an instructor would. */
class EndToEndTest {

    static final double ADAM_POINTS = Submissions.ADAM_POINTS;

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err, GradeReport report) {
        ExerciseReport exercise(String name) {
            return report.exercises().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        }

        List<String> feedback(String name) {
            return exercise(name).tests().stream().map(TestReport::feedback).toList();
        }
    }

    /** Draw the plots (two JVMs more per run: optimiser paths, training curves): only the test that looks at them does. */
    boolean plots;

    Run grade(Path submission, String... options) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("grade", submission.toString(), "--seed", "7",
                "--out", tmp.resolve("reports").toString(), "--one"));
        if (!plots) {
            args.add("--no-plots");
        }
        if (List.of(options).stream().noneMatch(o -> o.startsWith("--timeout-per-test"))) {
            args.add("--timeout-per-test=30");
        }
        args.addAll(List.of(options));
        int code = cli.execute(args.toArray(String[]::new));
        Path report = tmp.resolve("reports").resolve(submission.getFileName().toString()).resolve("report.json");
        return new Run(code, out.toString(), err.toString(), Files.exists(report) ? JsonReportWriter.read(report) : null);
    }

    Path adamOnly(String name, String adamSource) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Adam.java"), adamSource);
        return dir;
    }

    @Test
    void correctSubmissionEarnsFullMarks() throws IOException {
        plots = true;
        Run run = grade(Submissions.solvedExcept(tmp, "correct", Map.of()));

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("with seed 7");
        assertThat(run.report().maxScore()).isGreaterThanOrEqualTo(ADAM_POINTS);
        assertThat(run.report().score()).isEqualTo(run.report().maxScore());
        assertThat(run.report().exercises()).allSatisfy(e -> assertThat(e.notes()).isEmpty());
        // The HTML page beside report.json, with the student's optimiser paths drawn beside it.
        Path folder = tmp.resolve("reports/correct");
        assertThat(Files.readString(folder.resolve("report.html"))).contains("<h1>correct</h1>", "path-adam-rosenbrock.png",
                "The two paths overlap at this plot&#39;s resolution");
        assertThat(folder.resolve("path-adam-rosenbrock.png")).isNotEmptyFile();
        // The replay command is for the instructor: on their copy only.
        assertThat(Files.readString(folder.resolve("report.html"))).doesNotContain("--one --seed");
        assertThat(Files.readString(folder.resolve(GradeCommand.INSTRUCTOR_COPY))).contains("grade SUBMISSION --one --seed 7");
        // And the digit classifier's training curves, trained from the run's seed, under its exercise.
        String page = Files.readString(folder.resolve("report.html"));
        assertThat(page.substring(page.indexOf("id=\"ex-dlkit-capstone-DigitClassifier-java\"")))
                .contains("<img src=\"digits-loss.png\"", "from seed 7", "test accuracy at least 0.93")
                .containsPattern("Test accuracy of this run: 0\\.9\\d{3}, which the accuracy bands above grade");
        assertThat(folder.resolve("digits-accuracy.png")).isNotEmptyFile();
    }

    @Test
    void blankSubmissionScoresZeroAsTheUnchangedStubWithoutATestJvm() throws IOException {
        Run run = grade(adamOnly("blank", Submissions.stub(ADAM).replace("\n", "\r\n")), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).singleElement().asString().startsWith(Grader.UNCHANGED + "Adam.java is the kit's stub");
        assertThat(run.feedback("Adam")).isNotEmpty().allSatisfy(f -> assertThat(f).isEqualTo(GradeReport.STUB_NOT_RUN));
        assertThat(run.report().timings().testJvms()).isZero();
    }

    @Test
    void aStubWithAnEditIsRunAndSaysNotImplemented() throws IOException {
        Run run = grade(adamOnly("started", Submissions.stub(ADAM) + "\n// my notes\n"), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).isEmpty();
        assertThat(run.feedback("Adam")).allSatisfy(f -> assertThat(f).startsWith("not implemented yet: Adam.update"));
    }

    @Test
    void aFileThatDoesNotCompileIsGradedAsItsStub() throws IOException {
        String broken = adamWithStepPrefix("        int x = ;\n");
        Run run = grade(adamOnly("broken", broken), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).first().asString().contains("did not compile");
        assertThat(run.exercise("Adam").notes()).anySatisfy(n -> assertThat(n)
                .contains("Adam.java:" + lineOf(broken, "int x = ;") + ": illegal start of expression"));
    }

    @Test
    void systemExitInAMethodIsRefusedWithItsLine() throws IOException {
        String source = adamWithStepPrefix("        if (learningRate() < 0) System.exit(0);\n");
        Run run = grade(adamOnly("exit", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).contains(
                "  Adam.java:" + lineOf(source, "System.exit") + ": System.exit is not allowed (it ends the grading JVM)");
    }

    @Test
    void systemExitInAStaticInitialiserIsRefused() throws IOException {
        String source = Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS,
                Submissions.ADAM_CLASS + "    static {\n        System.exit(3);\n    }\n");
        Run run = grade(adamOnly("static-exit", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).contains(
                "  Adam.java:" + lineOf(source, "System.exit(3)") + ": System.exit is not allowed (it ends the grading JVM)");
    }

    @Test
    void anEndlessLoopCostsOnlyItsExercise() throws IOException {
        Path submission = Submissions.solvedExcept(tmp, "loop", Map.of(ADAM,
                adamWithStepPrefix("        long spins = 0;\n        while (learningRate() == learningRate()) { spins++; }\n")));
        // Every exercise but the capstone's classifier, which composes the student's own parts (Adam among them).
        List<String> args = new ArrayList<>(List.of("--timeout-per-test=2"));
        Kit.packagedExercises().stream().map(Exercise::simpleName).filter(name -> !name.equals("DigitClassifier"))
                .forEach(name -> args.addAll(List.of("--exercise", name)));
        Run run = grade(submission, args.toArray(String[]::new));

        assertThat(run.exercise("Adam").score()).isEqualTo(0);
        // A few timeouts spend Adam's budget (3 timeouts); its tests left are charged unrun.
        assertThat(run.feedback("Adam")).allSatisfy(f -> assertThat(f).containsAnyOf("took longer than the time limit per test",
                "Adam's tests took more than its time budget of 6 s"));
        // A bug is charged once: the experiments that train with Adam run on the reference's Adam, and score full.
        assertThat(run.report().exercises()).filteredOn(e -> !e.file().equals(ADAM)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.score()).as(e.name()).isEqualTo(e.maxScore()));
    }

    @Test
    void runningOutOfMemoryCostsTheTestsItHappensIn() throws IOException {
        String source = adamWithStepPrefix(
                "        java.util.List<double[]> hog = new java.util.ArrayList<>();\n"
                        + "        while (hog.size() >= 0) hog.add(new double[1 << 20]);\n");
        Run run = grade(adamOnly("oom", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.feedback("Adam")).allSatisfy(f -> assertThat(f).contains("ran out of memory"));
    }

    @Test
    void aStackOverflowFailsWithTheStudentLine() throws IOException {
        String source = adamWithStepPrefix("        if (deeper(0) > 0) return;\n")
                .replace("    /** The first moment m of",
                        "    private int deeper(int n) {\n        return deeper(n + 1) + 1;\n    }\n\n    /** The first moment m of");
        Run run = grade(adamOnly("overflow", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.feedback("Adam")).allSatisfy(f -> assertThat(f)
                .isEqualTo("java.lang.StackOverflowError (at Adam.java:" + lineOf(source, "return deeper(n + 1)") + ")"));
    }

    @Test
    void reflectionIsRefused() throws IOException {
        String source = adamWithStepPrefix("        if (Adam.class.getDeclaredFields().length < 0) return;\n");
        Run run = grade(adamOnly("reflection", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).contains("  Adam.java:" + lineOf(source, "getDeclaredFields")
                + ": Class.getDeclaredFields is not allowed (reflection)");
    }

    @Test
    void callingTheReferenceDirectlyDoesNotEvenCompile() throws IOException {
        // The reference is not on the compiler's class path; were it reached some other way, the
        // bytecode policy refuses dlkit.reference too (BytecodePolicyTest).
        String source = Submissions.stub(ADAM).replace(STEP_STUB, STEP_STUB
                + "        if (w == null) new dlkit.reference.optim.Adam(java.util.List.of()).step();\n");
        Run run = grade(adamOnly("copycat", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).contains(
                "  Adam.java:" + lineOf(source, "dlkit.reference") + ": package dlkit.reference.optim does not exist");
    }

    @Test
    void aThreadThatNeverEndsIsRefused() throws IOException {
        String source = adamWithStepPrefix(
                "        new Thread(() -> { while (true) { } }).start();\n");
        Run run = grade(adamOnly("thread", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).anySatisfy(n -> assertThat(n)
                .startsWith("  Adam.java:" + lineOf(source, "new Thread")).contains("not allowed (threads)"));
    }

    @Test
    void readingAFileIsRefused() throws IOException {
        String source = adamWithStepPrefix(
                "        try { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }"
                        + " catch (Exception e) { }\n");
        Run run = grade(adamOnly("reader", source), "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.exercise("Adam").notes()).anySatisfy(n -> assertThat(n)
                .startsWith("  Adam.java:" + lineOf(source, "readString")).contains("not allowed (files (java.nio))"));
    }

    @Test
    void aMangledNameInTheWrongPackageIsStillGraded() throws IOException {
        Path dir = tmp.resolve("canvas");
        Files.createDirectories(dir);
        String source = Submissions.solution(ADAM).replace("package dlkit.optim;", "package homework;");
        Files.writeString(dir.resolve("doejane_12345_67890_Adam-1.java"), source);
        Run run = grade(dir, "--exercise", "Adam");

        assertThat(run.report().score()).isEqualTo(ADAM_POINTS);
        assertThat(run.report().notes()).anySatisfy(n -> assertThat(n).isEqualTo("doejane_12345_67890_Adam-1.java declared "
                + "package homework; it was graded as package dlkit.optim (the package of the kit's file)"));
    }

    @Test
    void aZipWhoseEntriesEscapeTheFolderIsRefusedAndTheClassGoesOn() throws IOException {
        Path klass = tmp.resolve("zips");
        Files.createDirectories(klass.resolve("ann"));
        Files.writeString(klass.resolve("ann/Adam.java"), Submissions.solution(ADAM));
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(klass.resolve("mallory.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("../../escaped/Adam.java"));
            zip.write(Submissions.solution(ADAM).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        int code = Main.commandLine().execute("grade", klass.toString(), "--seed", "7", "--exercise", "Adam",
                "--out", tmp.resolve("reports").toString());

        assertThat(code).isEqualTo(0);
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("reports/gradebook.csv")))
                .isEqualTo("student,Adam,total,max\nann,7,7,7\nmallory,0,0,7\n");
        GradeReport mallory = JsonReportWriter.read(tmp.resolve("reports/mallory/report.json"));
        assertThat(mallory.notes()).singleElement().asString().contains("outside the submission folder");
    }

    @Test
    void printedFakeResultsDoNotChangeTheScore() throws IOException {
        String fake = "{\\\"score\\\": 100, \\\"tests\\\": []}";
        String line = "{\\\"event\\\":\\\"finished\\\",\\\"id\\\":\\\"[engine:junit-jupiter]\\\",\\\"status\\\":\\\"SUCCESSFUL\\\"}";
        String source = Submissions.stub(ADAM).replace(STEP_STUB,
                STEP_STUB + "        System.out.println(\"" + fake + "\");\n        System.err.println(\"" + line + "\");\n");
        Run run = grade(adamOnly("liar", source), "--exercise", "Adam",
                "--gradescope-results", tmp.resolve("gs/results.json").toString());

        assertThat(run.report().score()).isEqualTo(0);
        assertThat(run.report().output()).contains("\"score\": 100");
        JsonNode gradescope = new ObjectMapper().readTree(tmp.resolve("gs/results.json").toFile());
        assertThat(gradescope.get("score").asDouble()).isEqualTo(0);
        assertThat(gradescope.get("tests")).hasSize(4);
    }

    static final String STEP_STUB = Submissions.STEP;

    @Test
    void theTestJvmCanRunAsAnotherUser() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can start a JVM as another user");
        Run run = grade(adamOnly("other-user", Submissions.solution(ADAM)), "--exercise", "Adam",
                "--launcher", "runuser -u nobody --");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.report().score()).isEqualTo(ADAM_POINTS);
    }

    @Test
    void asAnotherUserTheTestJvmsGetAClassDataArchiveTheGradersUserOwns() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can start a JVM as another user");
        // The instructor's own cache is not open to that user: the archive is made in the run's folder.
        Run run = grade(adamOnly("other-user-sharing", Submissions.solution(ADAM)), "--exercise", "Adam",
                "--launcher", "runuser -u nobody --", "--class-sharing");

        assertThat(run.out()).as(run.out() + run.err()).contains("Test JVMs share their classes' data (")
                .doesNotContain("without class-data sharing");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.report().score()).isEqualTo(ADAM_POINTS);
    }

    @Test
    void aLauncherThatCannotStartTheJvmIsAnInternalErrorNotAZeroForTheStudent() throws IOException {
        Run run = grade(adamOnly("no-launcher", Submissions.solution(ADAM)), "--exercise", "Adam",
                "--launcher", "/nonexistent/launcher");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(run.report().notes()).singleElement().asString().startsWith("the grader failed on this submission");
    }

    @Test
    void aMissingPathIsAUsageErrorAndLeavesAZeroGradescopeFile() throws IOException {
        Path results = tmp.resolve("results.json");
        Run run = grade(tmp.resolve("nowhere"), "--gradescope-results", results.toString());

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("no such file or folder");
        assertThat(new ObjectMapper().readTree(results.toFile()).get("score").asDouble()).isEqualTo(0);
    }

    @Test
    void aClassFolderGetsAGradebook() throws IOException {
        Path klass = tmp.resolve("class");
        Files.createDirectories(klass.resolve("ann"));
        Files.writeString(klass.resolve("ann/Adam.java"), Submissions.solution(ADAM));
        Files.createDirectories(klass.resolve("bob"));
        Files.writeString(klass.resolve("bob/Adam.java"), Submissions.stub(ADAM));
        Files.write(klass.resolve("carl.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("grade", klass.toString(), "--seed", "7", "--exercise", "Adam",
                "--out", tmp.resolve("reports").toString());

        assertThat(code).isEqualTo(0);
        assertThat(Files.readString(tmp.resolve("reports/gradebook.csv")))
                .isEqualTo("student,Adam,total,max\nann,7,7,7\nbob,0,0,7\ncarl,0,0,7\n");
        assertThat(tmp.resolve("reports/ann/results.json")).exists();
        GradeReport carl = JsonReportWriter.read(tmp.resolve("reports/carl/report.json"));
        assertThat(carl.notes()).singleElement().asString().startsWith("carl.zip could not be read as a zip file");
        assertThat(carl.exercises().get(0).tests()).allSatisfy(t -> assertThat(t.feedback()).startsWith("not graded: carl.zip"));
    }
}
