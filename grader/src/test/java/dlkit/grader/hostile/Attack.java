package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.Resources;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.JsonReportWriter;
import dlkit.grader.run.Sandbox;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

        /** The layers the student's report says confined their code ({@code policy}, {@code os:bubblewrap}). */
        public List<String> layers(String student) throws IOException {
            return report(student).layers();
        }
    }

    /**
     * What the grader's own program {@code main} did when run below the policy, as a test JVM is
     * run (launcher, sandbox, class path, an empty environment, a submission's work folder): its
     * output, and the run's lib folder and the work folder as seen from outside afterwards.
     */
    public record BelowPolicy(int exitCode, String output, List<String> libBefore, List<String> libAfter,
                              List<String> workAfter) {
        /** True if the program printed {@code check: allowed}, false for {@code check: refused}; fails if neither. */
        public boolean allowed(String check) {
            for (String line : output.lines().toList()) {
                if (line.equals(check + ": allowed")) {
                    return true;
                }
                if (line.startsWith(check + ": refused")) {
                    return false;
                }
            }
            throw new AssertionError("the program did not report " + check + "; it printed:\n" + output);
        }
    }

    /**
     * Runs {@code main} (a class of the grader's tests) with {@code args} below the policy, through
     * the command wrapping of test JVMs with {@code sandbox} and {@code launcher}; {@code args}
     * may name the run's lib folder as {@code {lib}} and a jar in it as {@code {jar}}.
     */
    public BelowPolicy belowPolicy(Sandbox sandbox, List<String> launcher, Class<?> main, String... args)
            throws IOException, InterruptedException {
        try (Kit kit = Kit.open()) {
            Path lib = kit.runtimeClasspath().get(0).getParent();
            Path jar = lib.resolve("grader.jar");
            Path work = kit.newWorkFolder("submission-");
            Path stubs = kit.newWorkFolder("stubs-");
            List<Path> classpath = new ArrayList<>(kit.runtimeClasspath());
            classpath.add(Resources.location(main));
            List<String> filled = Stream.of(args).map(a -> a.replace("{lib}", lib.toString()).replace("{jar}", jar.toString())).toList();
            List<String> before = list(lib);
            Process p = new TestRunner(classpath, stubs, launcher, sandbox).jvm(stubs, 7, main.getName(), filled, work)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new BelowPolicy(p.exitValue(), output, before, list(lib), list(work));
        }
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
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
