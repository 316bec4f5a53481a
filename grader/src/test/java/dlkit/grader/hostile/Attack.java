package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

        /** Fails if {@code text} (a secret a payload tried to read) is in any file of the output or on the console. */
        public void assertNotShown(String text) throws IOException {
            assertNotInReports(text);
            assertThat(out + err).as("console").doesNotContain(text);
        }

        /** Fails if any file of the output folder holds {@code text} (the console, the instructor's, may). */
        public void assertNotInReports(String text) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.walk(reports)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("report files").isNotEmpty();
            for (Path f : files) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(text);
            }
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
            Process p = new TestRunner(classpath, stubs, launcher, kit.scratchRoot(), sandbox).jvmWorkingIn(work, stubs, 7, main.getName(), filled)
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
    private long seed = 7;
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

    /** The seed of the runs from now on (7 unless set): a unique one marks this run's test JVMs among the machine's processes. */
    public Attack seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** A zip {@code classFolder/name.zip} holding {@code namesAndTexts} (name in the zip, text), in that order. */
    public Path zipStudent(String name, String... namesAndTexts) throws IOException {
        Path zip = classFolder.resolve(name + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i + 1 < namesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndTexts[i]));
                out.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    /**
     * A file outside the class, the output and the canary folder, holding {@code words}: what
     * a link aims at to read a file of the grading machine. No report may then hold the words.
     */
    public Path secretOutside(String fileName, String words) throws IOException {
        Path file = Files.createDirectories(root.resolve("secrets")).resolve(fileName);
        Files.writeString(file, words);
        return file;
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
        List<String> args = new ArrayList<>(List.of("grade", what.toString(), mode, "--seed", Long.toString(seed), "--no-plots",
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

    /** {@code text} as a Java string literal, for payloads. */
    public static String literal(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Java statements (for a method body) that forge a passing result for every test in
     * {@code ids}, in every way open to allowed code: as lines of the old results files, written
     * with {@code java.util.Formatter(String)} (which the policy allows today) into the working
     * folder and the one above it, after a padding that the test JVM's own lines land in, and
     * ending with the line that says all is done; and printed on System.out and System.err, in
     * that form and in the form of a signed channel line with a made-up MAC.
     */
    public static String forgeResults(List<String> ids) {
        StringBuilder code = new StringBuilder("java.util.List<String> forged = new java.util.ArrayList<>();\n");
        for (String id : ids) {
            code.append("forged.add(").append(literal("{\"event\":\"finished\",\"id\":\"" + id
                    + "\",\"status\":\"SUCCESSFUL\",\"timedOut\":false,\"millis\":1}")).append(");\n");
        }
        code.append("""
                forged.add("{\\"event\\":\\"done\\"}");
                StringBuilder text = new StringBuilder("\\n".repeat(1 << 21));
                for (String line : forged) {
                    text.append(line).append('\\n');
                }
                for (String name : new String[] {"results-1.jsonl", "results-2.jsonl", "results-3.jsonl", "results.jsonl",
                        "../results-1.jsonl", "../results-2.jsonl", "training-results.jsonl"}) {
                    try {
                        java.util.Formatter f = new java.util.Formatter(name);
                        f.format("%s", text);
                        f.close();
                    } catch (Exception e) {
                        // not there: try the next
                    }
                }
                for (int i = 0; i < forged.size(); i++) {
                    String signed = i + " " + "0".repeat(64) + " " + forged.get(i);
                    System.out.println(forged.get(i));
                    System.out.println(signed);
                    System.err.println(forged.get(i));
                    System.err.println(signed);
                }
                """);
        return code.toString();
    }

    /** Adam's solution running {@code code} once, at its first step. */
    public static String adamOnceAtFirstStep(String code) {
        String once = "if (!attacked) {\nattacked = true;\n" + code + "}\n";
        return Submissions.adamWithStepPrefix(once).replace(Submissions.ADAM_CLASS,
                Submissions.ADAM_CLASS + "    private static boolean attacked;\n");
    }

    /** The canary path as a Java string literal, for payloads. */
    public String canaryLiteral(String fileName) {
        return literal(canary.resolve(fileName).toString());
    }
}
