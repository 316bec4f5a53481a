package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.Submissions;
import dlkit.grader.hostile.Attack;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.run.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope autograder end to end, on the packaged grader: {@code gradescope} writes
 * autograder.zip; it is unpacked into a temporary folder laid out like {@code /autograder}
 * (passed to run_autograder as AUTOGRADER_ROOT); run_autograder grades a submission; the
 * results.json it leaves must satisfy Gradescope's specification, and score 0 whenever the
 * grading did not finish.
 */
class GradescopeAutograderIT {

    static final Path ROOT = ExercisesInSyncTest.ROOT;
    static final Path JAR = ROOT.resolve("grader/target/dlkit-grader.jar");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    static final boolean ROOT_USER = "root".equals(System.getProperty("user.name"));

    @TempDir
    static Path packed;
    static Path zip;

    @TempDir
    Path autograder;

    @BeforeAll
    static void packTheAutograder() throws Exception {
        zip = packed.resolve("autograder.zip");
        Result r = run(List.of(JAVA, "-jar", JAR.toString(), "gradescope", "--out", zip.toString()), Map.of(), packed);
        assertThat(r.exit()).as("gradescope exit code; output:\n" + r.output()).isZero();
    }

    @BeforeEach
    void unpackLikeGradescope() throws IOException {
        // Gradescope unpacks the zip into /autograder/source and the upload into /autograder/submission.
        Path source = autograder.resolve("source");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                Path to = source.resolve(e.getName()).normalize();
                assertThat(to.startsWith(source)).as(e.getName() + " stays in source/").isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, to);
                    }
                }
            }
        }
        Files.createDirectories(autograder.resolve("submission"));
        Files.createDirectories(autograder.resolve("results"));
        // Open to everyone, so that a root test run can run run_autograder as nobody (see runAsYourself).
        try (var all = Files.walk(autograder)) {
            for (Path p : all.toList()) {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(Files.isDirectory(p) || p.toFile().canExecute(), false);
            }
        }
        autograder.resolve("results").toFile().setWritable(true, false);
    }

    @Test
    void theZipHoldsSetupAndRunAutograderAtItsRootAndTheGrader() throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("setup.sh", "run_autograder", "grader/dlkit-grader.jar")
                    .anyMatch(n -> n.matches("grader/lib/junit-platform-launcher-.*\\.jar"))
                    .allMatch(n -> n.equals("setup.sh") || n.equals("run_autograder") || n.startsWith("grader/"));
            String setup = read(z, "setup.sh");
            assertThat(setup).contains("apt-get install -y --no-install-recommends openjdk-17-jdk-headless",
                    "useradd", "chmod -R go-rwx /autograder/source").doesNotContain("mvn ");
            assertThat(setup.lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> b).orElseThrow())
                    .as("setup.sh's last command, after the files are locked away").isEqualTo("bash /autograder/source/run_autograder --prepare-cache");
        }
    }

    @Test
    void aCorrectSubmissionGetsFullMarksInAValidResultsFile() throws Exception {
        // Every exercise file, uploaded flat as students do on Gradescope.
        for (ExerciseGenerator.Stub stub : ExercisesInSyncTest.stubs(ROOT.resolve("solutions"))) {
            Path to = autograder.resolve("submission").resolve(stub.className() + ".java");
            if (!Files.exists(to)) {
                Files.copy(ROOT.resolve("solutions/src/main/java").resolve(stub.file()), to);
            }
        }

        Result r = runAsYourself();

        JsonNode results = validResults(r);
        assertThat(results.path("tests").size()).as("tests in results.json").isPositive();
        double max = 0;
        for (JsonNode t : results.path("tests")) {
            max += t.path("max_score").asDouble();
            assertThat(t.path("status").asText()).as(t.path("name").asText()).isEqualTo("passed");
        }
        assertThat(results.path("score").asDouble()).isPositive().isEqualTo(max);
    }

    @Test
    void setupFillsTheCacheOnceAndEachSubmissionStartsFromItsArchive() throws Exception {
        Result prepared = runAutograder(Map.of(), "--prepare-cache");
        assertThat(prepared.exit()).as(prepared.output()).isZero();
        assertThat(prepared.output()).as(prepared.output()).contains("Test JVMs share their classes' data (")
                .contains("made in").doesNotContain("not filled");
        Path cache = autograder.resolve("dlkit-cache");
        Path archive;
        try (var files = Files.walk(cache)) {
            List<Path> all = files.toList();
            archive = all.stream().filter(f -> f.getFileName().toString().matches("classes\\.(jsa|aot)")).findFirst().orElseThrow();
            // Readable by the student user, writable by no one but the grader's.
            for (Path f : all) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
                assertThat(mode).as(f.toString()).contains(PosixFilePermission.OTHERS_READ)
                        .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
            }
        }
        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"), autograder.resolve("submission/Adam.java"));

        Result r = runAutograder(Map.of());

        assertThat(r.output()).as(r.output()).contains("the " + (archive.toString().endsWith(".aot") ? "ahead-of-time cache" : "archive")
                + " an earlier run made, from " + archive.getParent());
        assertThat(validResults(r).path("score").asDouble()).isEqualTo(Submissions.ADAM_POINTS);
    }

    @Test
    void asRootAnArchiveTheStudentUserCouldHaveWrittenIsNotUsed() throws Exception {
        assumeTrue(ROOT_USER, "only root starts test JVMs as another user");
        assertThat(runAutograder(Map.of(), "--prepare-cache").exit()).isZero();
        Path archive;
        try (var files = Files.walk(autograder.resolve("dlkit-cache"))) {
            archive = files.filter(f -> f.getFileName().toString().matches("classes\\.(jsa|aot)")).findFirst().orElseThrow();
        }
        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"), autograder.resolve("submission/Adam.java"));
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));

        Result r = runAutograder(Map.of());

        assertThat(r.output()).as(r.output()).doesNotContain("an earlier run made");
        assertThat(validResults(r).path("score").asDouble()).isEqualTo(Submissions.ADAM_POINTS);
    }

    @Test
    void aSubmissionThatCrashesItsJvmScoresZeroInAValidResultsFile() throws Exception {
        String solution = Files.readString(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"));
        String crash = solution.substring(0, solution.indexOf(ExerciseGenerator.BEGIN))
                + "java.util.List<double[]> hog = new java.util.ArrayList<>();\n"
                + "        while (true) {\n            hog.add(new double[1 << 24]);\n        }\n"
                + solution.substring(solution.indexOf(ExerciseGenerator.END) + ExerciseGenerator.END.length());
        Files.writeString(autograder.resolve("submission/Adam.java"), crash);

        JsonNode results = validResults(runAsYourself());

        assertThat(results.path("score").asDouble()).isZero();
    }

    @Test
    void theResultsSayWhichLayersConfinedStudentCodeAsTheGradersProbeFinds() throws Exception {
        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"), autograder.resolve("submission/Adam.java"));

        JsonNode results = validResults(runAutograder(Map.of()));

        // As root, bubblewrap runs as the student user, inside the launcher: where that user may make namespaces.
        boolean os = Sandbox.probe(ROOT_USER ? List.of("runuser", "-u", "nobody", "--") : List.of()) == null;
        assertThat(results.path("output").asText()).contains("student code ran under: " + (os ? "policy + os:bubblewrap" : "policy only"));
        assertThat(results.path("score").asDouble()).isEqualTo(dlkit.grader.Submissions.ADAM_POINTS);
    }

    @Test
    void resultsTheSubmissionForgesDoNotRaiseItsScore() throws Exception {
        // Adam's solution that, at its first step, forges a pass for every hidden test (see Attack.forgeResults).
        TestCatalog catalog = TestCatalog.ofGrader();
        Files.writeString(autograder.resolve("submission/Adam.java"), Attack.adamOnceAtFirstStep(
                Attack.forgeResults(catalog.tests().stream().map(TestCatalog.ExpectedTest::uniqueId).toList())));

        // As root, student code runs as the unprivileged user, as on Gradescope.
        JsonNode results = validResults(runAutograder(Map.of()));

        // The policy refuses the file it opens by name, so Adam is graded as its stub; nothing forged counts.
        assertThat(results.path("score").asDouble()).as("no points for a forger").isZero();
        assertThat(results.path("output").asText()).contains("Formatter");
        assertThat(results.path("tests")).allSatisfy(t -> assertThat(t.path("score").asDouble()).isZero());
    }


    @Test
    void aGraderThatDiesLeavesAValidZeroScoreNeverAnOldBetterOne() throws Exception {
        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"), autograder.resolve("submission/Adam.java"));
        Files.writeString(autograder.resolve("results/results.json"), "{\"score\": 100.0, \"tests\": []}");

        // A java that answers --help but is killed as soon as it starts grading.
        Path dying = autograder.resolve("dying-java");
        Files.writeString(dying, "#!/usr/bin/env bash\n"
                + "if [[ \" $* \" == *\" --help \"* ]]; then exec '" + JAVA + "' \"$@\"; fi\nkill -9 $$\n");
        dying.toFile().setExecutable(true, false);
        Result r = runAutograder(Map.of("JAVA", dying.toString()));

        JsonNode results = validResults(r);
        assertThat(results.path("score").asDouble()).isZero();
        assertThat(results.path("output").asText()).as("why it scores 0").isNotBlank();
    }

    @Test
    void asRootWithoutTheStudentUserItRefusesToRunStudentCode() throws Exception {
        assumeTrue(ROOT_USER, "only root drops privileges");
        Files.copy(ROOT.resolve("solutions/src/main/java/dlkit/optim/Adam.java"), autograder.resolve("submission/Adam.java"));

        Result r = runAutograder(Map.of("DLKIT_STUDENT_USER", "dlkit-no-such-user"));

        assertThat(r.exit()).isNotZero();
        JsonNode results = validResults(r);
        assertThat(results.path("score").asDouble()).isZero();
        assertThat(results.path("output").asText()).contains("dlkit-no-such-user");
    }

    /**
     * Runs run_autograder as an instructor trying it on their own machine: as themselves. A root
     * test run runs it as {@code nobody} (every Linux has one), which takes the same path.
     */
    private Result runAsYourself() throws Exception {
        if (!ROOT_USER) {
            return runAutograder(Map.of());
        }
        return run(List.of("runuser", "-u", "nobody", "--", "env", "AUTOGRADER_ROOT=" + autograder, "JAVA=" + JAVA,
                "bash", autograder.resolve("source/run_autograder").toString()), Map.of(), autograder);
    }

    /** Runs run_autograder with bash and {@code args}; as root, student code is to run as {@code nobody}, which every Linux has. */
    private Result runAutograder(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "AUTOGRADER_ROOT", autograder.toString(), "JAVA", JAVA, "DLKIT_STUDENT_USER", "nobody"));
        all.putAll(env);
        List<String> command = new ArrayList<>(List.of("bash", autograder.resolve("source/run_autograder").toString()));
        command.addAll(List.of(args));
        return run(command, all, autograder);
    }

    /** The results.json run_autograder left, checked against Gradescope's specification. */
    private JsonNode validResults(Result r) throws IOException {
        Path file = autograder.resolve("results/results.json");
        assertThat(file).as("results.json; run_autograder said:\n" + r.output()).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        String why = "results.json:\n" + json.toPrettyString() + "\nrun_autograder said:\n" + r.output();
        assertThat(json.isObject()).as(why).isTrue();
        assertThat(json.path("score").isNumber()).as("score is a number; " + why).isTrue();
        assertThat(json.path("execution_time").isNumber()).as("execution_time is a number of seconds; " + why).isTrue();
        assertThat(json.path("output").isTextual()).as("output is text; " + why).isTrue();
        assertThat(json.path("tests").isArray()).as("tests is a list; " + why).isTrue();
        for (JsonNode t : json.path("tests")) {
            assertThat(t.path("name").isTextual()).as("test name; " + why).isTrue();
            assertThat(t.path("score").isNumber()).as("test score; " + why).isTrue();
            assertThat(t.path("max_score").isNumber()).as("test max_score; " + why).isTrue();
            assertThat(t.path("score").asDouble()).as(why).isBetween(0.0, t.path("max_score").asDouble());
            assertThat(t.path("status").asText()).as("test status; " + why).isIn("passed", "failed");
            assertThat(t.path("output").isTextual()).as("test output; " + why).isTrue();
            assertThat(t.path("visibility").asText()).as("test visibility; " + why).isIn(VISIBILITIES);
        }
        if (json.has("visibility")) {
            assertThat(json.path("visibility").asText()).isIn(VISIBILITIES);
        }
        return json;
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    private static String read(ZipFile z, String name) throws IOException {
        try (InputStream in = z.getInputStream(z.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
