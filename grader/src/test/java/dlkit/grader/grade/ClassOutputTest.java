package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.report.StudentFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Output that is always whole, a regrade that keeps the class, and overrides shown in every report. */
class ClassOutputTest {

    static final String ADAM = Submissions.ADAM;

    @TempDir
    Path tmp;

    static GradeReport report(String student, long seed, double adam) {
        ExerciseReport e = new ExerciseReport(ADAM, "Adam", adam, 8, List.of(),
                List.of(new TestReport("AdamHiddenTest.firstStepMatchesReference", adam, 8, adam == 8, "", 3)));
        return new GradeReport(student, seed, "17", adam, 8, List.of(e), List.of(), "", new GradeReport.Timings(0, 0, 0, 1),
                List.of("policy"));
    }

    record Run(int exitCode, String out, String err) {}

    Run grade(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("grade"));
        all.addAll(List.of(args));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void aWriteInterruptedHalfWayLeavesTheLastCompleteReportsAndNoPlotsOfAnotherSeed() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(StudentFolders.prepare(out)).isNull();
        ClassOutput first = new ClassOutput(out, Map.of("alice", "alice"), Map.of());
        Files.writeString(first.begin("alice").resolve("plot-seed-1.png"), "seed 1");
        first.write(report("alice", 1, 8), Map.of());

        // The second run stages its plot, writes one report, then fails (a full disk, Ctrl-C).
        ClassOutput failing = new ClassOutput(out, Map.of("alice", "alice"), (r, figures, folder) -> {
            JsonReportWriter.write(r, folder.resolve("report.json"));
            throw new IOException("no space left on device");
        });
        Files.writeString(failing.begin("alice").resolve("plot-seed-2.png"), "seed 2");
        assertThatThrownBy(() -> failing.write(report("alice", 2, 3), Map.of())).hasMessageContaining("no space");

        Path alice = out.resolve("alice");
        assertThat(JsonReportWriter.read(alice.resolve("report.json")).seed()).isEqualTo(1);
        assertThat(alice.resolve("results.json")).exists();
        assertThat(alice.resolve("report.html")).exists();
        assertThat(alice.resolve("plot-seed-1.png")).hasContent("seed 1");
        assertThat(alice.resolve("plot-seed-2.png")).doesNotExist();
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("alice");
        }
    }

    @Test
    void aGraderKilledMidClassLeavesEveryStudentWholeReportsOfOneRun() throws Exception {
        Path classFolder = tmp.resolve("class");
        for (String student : List.of("alice", "bob", "carol")) {
            Path folder = Files.createDirectories(classFolder.resolve(student));
            Files.writeString(folder.resolve("Adam.java"), Submissions.solution(ADAM));
        }
        Path out = tmp.resolve("out");
        assertThat(gradeInItsOwnJvm(classFolder, out, 1, false)).isZero();

        // Again with another seed, stopped (as by Ctrl-C) once a student's new folder is being written.
        assertThat(gradeInItsOwnJvm(classFolder, out, 2, true)).isNotZero();

        for (String student : List.of("alice", "bob", "carol")) {
            Path folder = out.resolve(student);
            long seed = JsonReportWriter.read(folder.resolve("report.json")).seed();
            assertThat(seed).as(student).isIn(1L, 2L);
            assertThat(Files.readString(folder.resolve("report.html"))).as(student + "'s page of the same run")
                    .contains("seed <code>" + seed + "</code>");
            assertThat(folder.resolve("results.json")).exists();
        }
    }

    /** Runs {@code grade} on a class in a JVM of its own; if {@code stop}, stops it as soon as a student is being written. */
    private static int gradeInItsOwnJvm(Path classFolder, Path out, long seed, boolean stop) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "grade", classFolder.toString(), "--class",
                "--out", out.toString(), "--exercise", "Adam", "--seed", Long.toString(seed), "--no-plots", "--jobs", "1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (stop) {
            long until = System.nanoTime() + 120_000_000_000L;
            while (p.isAlive() && System.nanoTime() < until && !staging(out)) {
                Thread.sleep(20);
            }
            p.destroy();
        }
        return p.waitFor();
    }

    private static boolean staging(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".dlkit-staging-"));
        }
    }

    @Test
    void aRunKilledBetweenTheTwoMovesGetsItsFolderBackAtTheNextStart() throws IOException {
        Path out = tmp.resolve("out");
        ClassOutput first = new ClassOutput(out, Map.of("bob", "bob"), Map.of());
        first.begin("bob");
        first.write(report("bob", 1, 8), Map.of());
        // As a kill after the old folder was moved aside and before the new one came: both half-states on disk.
        Files.move(out.resolve("bob"), out.resolve(".dlkit-replaced-bob"));
        Files.createDirectories(out.resolve(".dlkit-staging-bob"));

        assertThat(StudentFolders.prepare(out)).isNull();
        assertThat(JsonReportWriter.read(out.resolve("bob/report.json")).seed()).isEqualTo(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("bob");
        }
    }

    @Test
    void anUnwritableOutIsAUsageErrorBeforeAnyGrading() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Path student = Submissions.solvedExcept(tmp, "alice", Map.of());
        Run run = grade(student.toString(), "--out", file.resolve("reports").toString(), "--exercise", "Adam");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("cannot write reports to", "choose another --out");
        assertThat(run.out()).doesNotContain("Grading");
    }

    @Test
    void aPathThatIsNeitherFolderZipNorJavaIsAUsageError() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "my answers");
        Run run = grade(notes.toString(), "--out", tmp.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("neither a folder, a zip nor a .java file");
        assertThat(run.out()).doesNotContain("Grading");
    }

    @Test
    void gradingOneStudentAgainUpdatesTheClassAndKeepsTheOthers() throws IOException {
        String broken = Submissions.adamWithStepPrefix("        if (w != null) throw new IllegalStateException(\"no\");\n");
        Path out = classOfAliceAndBob(broken);
        Path alice = tmp.resolve("class/alice");
        double aliceBefore = JsonReportWriter.read(out.resolve("alice/report.json")).score();
        assertThat(aliceBefore).isLessThan(Submissions.ADAM_POINTS);

        // Alice hands in a fixed Adam; she alone is graded again, into the class's folder.
        Files.writeString(alice.resolve("Adam.java"), Submissions.solution(ADAM));
        Run again = grade(alice.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "4",
                "--no-plots");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("the other 1 students' reports kept");
        List<String> gradebook = Files.readAllLines(out.resolve("gradebook.csv"));
        String points = dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS);
        assertThat(gradebook).hasSize(3);
        assertThat(gradebook).anySatisfy(l -> assertThat(l).startsWith("alice," + points + ","));
        assertThat(gradebook).anySatisfy(l -> assertThat(l).startsWith("bob," + points + ","));
        assertThat(JsonReportWriter.read(out.resolve("alice/report.json")).seed()).isEqualTo(4);
        assertThat(JsonReportWriter.read(out.resolve("bob/report.json")).seed()).isEqualTo(3);
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("alice/report.html", "bob/report.html");
    }

    @Test
    void gradingOneStudentAgainOnOtherExercisesIsRefusedBeforeAnythingChanges() throws IOException {
        Path out = classOfAliceAndBob(Submissions.solution(ADAM));
        Path alice = tmp.resolve("class/alice");
        String gradebook = Files.readString(out.resolve("gradebook.csv"));
        String aliceReport = Files.readString(out.resolve("alice/report.json"));

        // Alice graded again on ReLU alone, into the class graded on Adam: the gradebook would mix two sets of columns.
        Run other = grade(alice.toString(), "--one", "--out", out.toString(), "--exercise", "ReLU", "--seed", "4", "--no-plots");

        assertThat(other.exitCode()).as(other.out() + other.err()).isEqualTo(2);
        // It says what to type: the earlier run's exercises as options.
        assertThat(other.err()).contains("holds reports of an earlier run on 1 exercise, Adam (bob's, for one)",
                "this run grades 1 exercise, not the same", "grade on that run's exercises (--exercise Adam, or the --assignment it was graded on)",
                "grade into a new --out");
        assertThat(Files.readString(out.resolve("gradebook.csv"))).isEqualTo(gradebook);
        assertThat(Files.readString(out.resolve("alice/report.json"))).isEqualTo(aliceReport);
        // On the same exercises, as before: graded and the class updated.
        assertThat(grade(alice.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "4", "--no-plots")
                .exitCode()).isZero();
    }

    /** A class of Alice (her Adam given) and Bob (the solution's), graded on Adam with seed 3 into {@code out}; returns it. */
    private Path classOfAliceAndBob(String aliceAdam) throws IOException {
        Path classFolder = tmp.resolve("class");
        Files.writeString(Files.createDirectories(classFolder.resolve("alice")).resolve("Adam.java"), aliceAdam);
        Files.writeString(Files.createDirectories(classFolder.resolve("bob")).resolve("Adam.java"), Submissions.solution(ADAM));
        Path out = tmp.resolve("out");
        Run first = grade(classFolder.toString(), "--class", "--out", out.toString(), "--exercise", "Adam", "--seed", "3",
                "--no-plots");
        assertThat(first.exitCode()).as(first.err()).isZero();
        return out;
    }

    @Test
    void anOverrideIsAppliedAndShownWithItsReasonInEveryReport() throws IOException {
        Path alice = Files.createDirectories(tmp.resolve("alice"));
        Files.writeString(alice.resolve("Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        String reason = "bias correction right by hand, tolerance too tight";
        Path overrides = Files.writeString(tmp.resolve("overrides.csv"),
                "student,exercise,points,reason\nalice,Adam,5,\"" + reason + "\"\n");
        Path out = tmp.resolve("out");
        Path gradescope = tmp.resolve("results.json");
        Run run = grade(alice.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--no-plots",
                "--overrides", overrides.toString(), "--gradescope-results", gradescope.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        GradeReport report = JsonReportWriter.read(out.resolve("alice/report.json"));
        ExerciseReport adam = report.exercises().get(0);
        assertThat(adam.score()).isEqualTo(5);
        assertThat(report.score()).isEqualTo(5);
        assertThat(adam.override().graded()).as("the tests' own score, kept").isZero();
        assertThat(adam.override().reason()).isEqualTo(reason);
        String shown = "set to 5/" + dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS)
                + " by the instructor (the tests gave 0): " + reason;
        assertThat(run.out()).contains(shown);
        assertThat(Files.readString(out.resolve("alice/report.html"))).contains(shown);
        assertThat(Files.readString(gradescope)).contains("\"score\" : 5.0", shown);
        assertThat(Files.readString(out.resolve("alice/results.json"))).contains(shown);
        assertThat(dlkit.grader.report.Gradebook.csv(List.of(report))).contains("Adam " + shown);
    }

    @Test
    void aStudentGradedAgainKeepsEveryoneElsesExportIdsInTheLmsGradebooks() throws IOException {
        Path classFolder = Files.createDirectories(tmp.resolve("canvas"));
        Files.writeString(classFolder.resolve("doejane_12345_67890_Adam.java"), Submissions.solution(ADAM));
        Path bob = Files.writeString(classFolder.resolve("roebob_22222_67891_Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        Path out = tmp.resolve("out");
        assertThat(grade(classFolder.toString(), "--class", "--out", out.toString(), "--exercise", "Adam", "--seed", "3",
                "--no-plots").exitCode()).isZero();
        String before = Files.readString(out.resolve("gradebook-canvas.csv"));
        assertThat(before).contains(",12345,", ",22222,");

        Run again = grade(bob.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "3", "--no-plots");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(out.resolve("gradebook-canvas.csv"))).as("Jane's id, though only Bob was graded again")
                .contains(",12345,", ",22222,");
    }

    @Test
    void aStudentGradedAgainWhoseNameIsAClassmatesKeepsTheNameTheClassRunGaveThemAndOneRow() throws IOException {
        Path classFolder = Files.createDirectories(tmp.resolve("canvas"));
        Files.writeString(classFolder.resolve("leejin_1003_5003_Adam.java"), Submissions.solution(ADAM));
        Path second = Files.writeString(classFolder.resolve("leejin_1004_5004_Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        Path out = tmp.resolve("out");
        assertThat(grade(classFolder.toString(), "--class", "--out", out.toString(), "--exercise", "Adam", "--seed", "3",
                "--no-plots").exitCode()).isZero();
        assertThat(Files.readString(out.resolve("gradebook-canvas.csv"))).contains("leejin (1003),1003,", "leejin (1004),1004,");

        Files.writeString(second, Submissions.solution(ADAM));
        Run again = grade(second.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "3", "--no-plots");

        assertThat(again.exitCode()).as(again.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("gradebook-canvas.csv"));
        assertThat(rows).as("Canvas user 1004 once, with the new score").filteredOn(r -> r.contains(",1004,"))
                .containsExactly("leejin (1004),1004,,,," + dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS));
        assertThat(rows).hasSize(4);
        try (Stream<Path> folders = Files.list(out)) {
            assertThat(folders.map(p -> p.getFileName().toString())).as("no new folder beside the class run's")
                    .doesNotContain("leejin");
        }
    }

    @Test
    void aFolderOfGradescopesExportGradedAgainIsTheStudentItsIndexNames() throws IOException {
        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(export.resolve("submission_metadata.yml"), """
                submission_201:
                  :submitters:
                  - :name: Ada Lovelace
                    :sid: A1
                    :email: ada@example.edu
                submission_202:
                  :submitters:
                  - :name: Grace Hopper
                    :sid: G2
                    :email: grace@example.edu
                """);
        Files.writeString(Files.createDirectories(export.resolve("submission_201")).resolve("Adam.java"), Submissions.solution(ADAM));
        Path grace = Files.createDirectories(export.resolve("submission_202"));
        Files.writeString(grace.resolve("Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        Path out = tmp.resolve("out");
        assertThat(grade(export.toString(), "--class", "--out", out.toString(), "--exercise", "Adam", "--seed", "3",
                "--no-plots").exitCode()).isZero();

        Files.writeString(grace.resolve("Adam.java"), Submissions.solution(ADAM));
        Run again = grade(grace.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "3", "--no-plots");

        assertThat(again.exitCode()).as(again.err()).isZero();
        String points = dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS);
        assertThat(Files.readAllLines(out.resolve("gradebook-gradescope.csv"))).as("Grace's row replaced, not a new one")
                .hasSize(3).anyMatch(r -> r.startsWith("Grace Hopper,G2,grace@example.edu," + points + ","));
        assertThat(out.resolve("submission_202")).doesNotExist();
    }

    @Test
    void aGithubClassroomCloneGradedAgainIsTheLoginTheClassRunNamedItBy() throws IOException {
        Path clones = Files.createDirectories(tmp.resolve("week1-submissions"));
        Files.writeString(Files.createDirectories(clones.resolve("week1-octocat")).resolve("Adam.java"), Submissions.solution(ADAM));
        Path ada = Files.createDirectories(clones.resolve("week1-ada-l"));
        Files.writeString(ada.resolve("Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        Path out = tmp.resolve("out");
        assertThat(grade(clones.toString(), "--class", "--out", out.toString(), "--exercise", "Adam", "--seed", "3",
                "--no-plots").exitCode()).isZero();

        Run again = grade(ada.toString(), "--one", "--out", out.toString(), "--exercise", "Adam", "--seed", "3", "--no-plots");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("gradebook.csv"))).extracting(r -> r.substring(0, r.indexOf(',')))
                .containsExactly("student", "ada-l", "octocat");
    }

    @Test
    void anOverrideShowsWithItsReasonOnTheClassConsoleUnderItsStudent() throws IOException {
        Path classFolder = tmp.resolve("class");
        Files.writeString(Files.createDirectories(classFolder.resolve("alice")).resolve("Adam.java"), Submissions.stub(ADAM) + "\n// started\n");
        Files.writeString(Files.createDirectories(classFolder.resolve("bob")).resolve("Adam.java"), Submissions.solution(ADAM));
        Path overrides = Files.writeString(tmp.resolve("overrides.csv"),
                "student,exercise,points,reason\nalice,Adam,5,by hand\nbobby,Adam,1,a name misspelt\n");
        Run run = grade(classFolder.toString(), "--class", "--out", tmp.resolve("out").toString(), "--exercise", "Adam",
                "--no-plots", "--overrides", overrides.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("dlkit: the override for bobby matches no student graded in this run (did you mean bob?)");
        List<String> lines = run.out().lines().toList();
        int alice = lines.indexOf(lines.stream().filter(l -> l.startsWith("alice ")).findFirst().orElseThrow());
        assertThat(lines.get(alice + 1)).isEqualTo("    Adam set to 5/" + dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS)
                + " by the instructor (the tests gave 0): by hand");
    }

    @Test
    void anOverridesFileInYamlIsReadAndAWrongEntryIsAUsageError() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("overrides.yaml"), """
                - student: bob
                  exercise: dlkit/optim/Adam.java
                  points: 2.5
                  reason: late by a day, by agreement
                """);
        Overrides read = Overrides.read(yaml, Kit.packagedExercises(), Map.of(ADAM, 8.0));
        GradeReport bob = read.apply(report("bob", 1, 8));
        assertThat(bob.score()).isEqualTo(2.5);
        assertThat(bob.exercises().get(0).override().reason()).isEqualTo("late by a day, by agreement");
        assertThat(read.apply(report("carol", 1, 8)).score()).as("another student").isEqualTo(8);
        assertThat(read.unmatched(List.of(report("carol", 1, 8)))).hasSize(1);

        Path tooMany = Files.writeString(tmp.resolve("too-many.csv"), "student,exercise,points,reason\nbob,Adam,9,kind\n");
        assertThatThrownBy(() -> Overrides.read(tooMany, Kit.packagedExercises(), Map.of(ADAM, 8.0)))
                .hasMessageContaining("entry 1: points must be between 0 and 8.0 for Adam");
        Path noReason = Files.writeString(tmp.resolve("no-reason.csv"), "student,exercise,points,reason\nbob,Adam,3,\n");
        assertThatThrownBy(() -> Overrides.read(noReason, Kit.packagedExercises(), Map.of(ADAM, 8.0)))
                .hasMessageContaining("give a reason");
        Run run = grade(tmp.toString(), "--out", tmp.resolve("out").toString(), "--overrides", tooMany.toString());
        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.out()).doesNotContain("Grading");
    }
}
