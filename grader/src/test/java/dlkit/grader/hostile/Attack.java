package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.JsonReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The harness of the hostile suite: a class of submissions graded through the real command line
 * into an output folder, with a canary folder outside it that every file payload aims at.
 * Each attack test asserts the attacker's exact fair score, that a clean classmate graded in the
 * same run scores as when graded alone, and that nothing appeared in the canary folder.
 */
public final class Attack {

    /** What one grading run gave: exit code, console, and the reports by student. */
    public record Run(int exitCode, String out, String err, Path reports) {
        public GradeReport report(String student) throws IOException {
            return JsonReportWriter.read(reports.resolve(student).resolve("report.json"));
        }

        public double score(String student) throws IOException {
            return report(student).score();
        }

        public ExerciseReport exercise(String student, String exercise) throws IOException {
            return report(student).exercises().stream().filter(e -> e.name().equals(exercise)).findFirst().orElseThrow();
        }

        /** Fails if {@code text} (a secret a payload tried to read) is in any file of the output or on the console. */
        public void assertNotShown(String text) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.walk(reports)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("report files").isNotEmpty();
            for (Path f : files) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(text);
            }
            assertThat(out + err).as("console").doesNotContain(text);
        }
    }

    private final Path root;
    /** The class folder: one folder or zip per student. */
    public final Path classFolder;
    /** Outside the class and the output: a payload that writes here has escaped. */
    public final Path canary;

    public Attack(Path tmp) throws IOException {
        this.root = tmp;
        this.classFolder = Files.createDirectories(tmp.resolve("class"));
        this.canary = Files.createDirectories(tmp.resolve("canary"));
    }

    /** A student folder holding {@code files} (path below the folder, text). */
    public Path student(String name, String... pathsAndTexts) throws IOException {
        Path dir = Files.createDirectories(classFolder.resolve(name));
        for (int i = 0; i + 1 < pathsAndTexts.length; i += 2) {
            Path file = dir.resolve(pathsAndTexts[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndTexts[i + 1]);
        }
        return dir;
    }

    /** Grades the class folder ({@code --class}, seed 7, no plots) with {@code options} added. */
    public Run gradeClass(String... options) throws IOException {
        return grade(classFolder, "--class", options);
    }

    /** Grades one submission ({@code --one}, seed 7, no plots) with {@code options} added. */
    public Run gradeOne(Path submission, String... options) throws IOException {
        return grade(submission, "--one", options);
    }

    private Run grade(Path what, String mode, String... options) throws IOException {
        Path reports = root.resolve("reports-" + System.nanoTime());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("grade", what.toString(), mode, "--seed", "7", "--no-plots",
                "--out", reports.toString()));
        args.addAll(List.of(options));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString(), reports);
    }

    /** Fails if anything at all appeared in the canary folder. */
    public void assertCanaryUntouched() throws IOException {
        try (Stream<Path> files = Files.walk(canary)) {
            assertThat(files.filter(p -> !p.equals(canary)).toList()).as("files a payload wrote outside the output").isEmpty();
        }
    }

    /** The canary path as a Java string literal, for payloads. */
    public String canaryLiteral(String fileName) {
        return '"' + canary.resolve(fileName).toString().replace("\\", "\\\\") + '"';
    }
}
