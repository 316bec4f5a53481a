package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * {@code release --zip}: the zip handed to students holds the kit and nothing of the answers:
 * no solution body, no hidden test, no grader, nothing from {@code solutions/}; and what it
 * holds compiles and runs its public tests, which fail only with "not implemented yet".
 */
class StudentKitZipTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;

    @TempDir
    static Path tmp;
    static Map<String, String> entries = new LinkedHashMap<>();

    @BeforeAll
    static void release() throws IOException {
        Path zip = tmp.resolve("kit.zip");
        int code = Main.commandLine().execute("release", "--solutions", ROOT.resolve("solutions").toString(),
                "--out", tmp.resolve("released").toString(), "--zip", zip.toString());
        assertThat(code).as("exit code of release --zip").isZero();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void holdsExactlyTheStudentKitBelowExercises() throws IOException {
        assertThat(entries.keySet()).isNotEmpty().allSatisfy(name -> assertThat(name)
                .startsWith("exercises/")
                .doesNotContain("..", "solutions/", "/hidden/", "/grader/", "/reference/")
                .matches("exercises/(pom\\.xml|README\\.md|\\.gitignore|\\.mvn/jvm\\.config|\\.github/workflows/classroom\\.yml|\\.github/dlkit/CompileOrStub\\.java"
                        + "|src/main/java/dlkit/.+\\.java|src/main/resources/dlkit/.+|src/test/java/dlkit/.+\\.java|src/test/resources/.+)"));
        assertThat(entries).containsKeys("exercises/pom.xml", "exercises/README.md",
                "exercises/.github/workflows/classroom.yml");
        // Every file is the one release wrote into exercises/, byte for byte.
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Path released = tmp.resolve("released").resolve(e.getKey().substring("exercises/".length()));
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readString(released));
        }
    }

    @Test
    void holdsNoSolutionBody() throws IOException {
        Path main = ROOT.resolve("solutions/src/main/java");
        StringBuilder outsideRegions = new StringBuilder();
        List<List<String>> regions = new ArrayList<>();
        for (Path file : javaFiles(main)) {
            String solution = Files.readString(file);
            String relative = main.relativize(file).toString().replace('\\', '/');
            // Each source file is exactly its stub: every region replaced by a throw.
            assertThat(entries.get("exercises/src/main/java/" + relative)).as(relative)
                    .isEqualTo(ExerciseGenerator.stubSource(solution, relative, new ArrayList<>()));
            splitRegions(solution, outsideRegions, regions);
        }
        List<String> answerPairs = answerPairs(regions, outsideRegions.toString());
        assertThat(answerPairs).as("pairs of solution lines (the test needs some)").isNotEmpty();
        // And no two consecutive lines of an answer turn up anywhere else either (a test, the README).
        entries.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContain(ExerciseGenerator.BEGIN, ExerciseGenerator.END);
            String folded = fold(text);
            for (String pair : answerPairs) {
                assertThat(folded).as(name + " holds two lines of a reference solution").doesNotContain(pair);
            }
        });
    }

    @Test
    void holdsNoHiddenTestAndNothingOfTheGrader() throws IOException {
        List<String> hiddenClasses = javaFiles(ROOT.resolve("grader/src/main/java/dlkit/hidden")).stream()
                .map(p -> p.getFileName().toString().replace(".java", "")).toList();
        assertThat(hiddenClasses).as("hidden test classes (the test needs some)").isNotEmpty();
        entries.forEach((name, text) -> assertThat(text).as(name)
                .doesNotContain("dlkit.hidden", "dlkit.grader", "dlkit.reference", "@Grades", "@Points")
                .doesNotContain(hiddenClasses));
        assertThat(entries.keySet()).noneMatch(n -> n.endsWith(".jar") || n.endsWith(".class"));
    }

    /** Nothing that only the instructor has: the folder of the golden-value scripts, the grader's benchmarks. */
    @Test
    void namesNothingOnlyTheInstructorHas() {
        entries.forEach((name, text) -> assertThat(text).as(name)
                .doesNotContain("solutions/", "CapstoneBenchmark", "GradingBenchmark", "StudentLoopBenchmark")
                .doesNotContainPattern("golden/\\w+\\.py"));
    }

    @Test
    void itsStubsCompileAndItsPublicTestsFailOnlyForWantOfCode() throws Exception {
        Path kit = tmp.resolve("unpacked");
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Path file = kit.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Path exercises = kit.resolve("exercises");
        List<String> testClasses = javaFiles(exercises.resolve("src/test/java")).stream()
                .filter(p -> p.getFileName().toString().endsWith("Test.java"))
                .map(p -> exercises.resolve("src/test/java").relativize(p).toString().replace(".java", "").replace('/', '.'))
                .toList();
        try (CompiledKit compiled = CompiledKit.compile(exercises, tmp.resolve("classes"))) {
            List<CompiledKit.Outcome> outcomes = compiled.run(testClasses);

            assertThat(outcomes).as("public tests run").isNotEmpty();
            assertThat(outcomes).filteredOn(o -> o.status() != TestExecutionResult.Status.SUCCESSFUL)
                    .as("every failing public test fails for a stub, not for a bug in the kit")
                    .allSatisfy(o -> assertThat(o.messages()).as(o.test()).contains(Kit.NOT_IMPLEMENTED));
            assertThat(outcomes).filteredOn(o -> o.error() instanceof AssertionError)
                    .as("every public check that fails on a stub names its quantity first")
                    .allSatisfy(o -> assertThat(o.error().getMessage()).as(o.test()).startsWith("["));
            // Every exercise is reached by a public test (a backward pass may stay behind its forward stub).
            for (ExerciseGenerator.Stub stub : ExercisesInSyncTest.stubs(ROOT.resolve("solutions"))) {
                assertThat(outcomes).as("a public test that reaches a stub of " + stub.className())
                        .anySatisfy(o -> assertThat(o.messages()).contains(Kit.NOT_IMPLEMENTED + stub.className() + "."));
            }
        }
    }

    /** Adds each region's trimmed lines to {@code regions}, and every line outside regions to {@code outside}. */
    static void splitRegions(String source, StringBuilder outside, List<List<String>> regions) {
        List<String> current = null;
        for (String line : source.split("\n")) {
            String t = line.trim();
            if (t.equals(ExerciseGenerator.BEGIN)) {
                current = new ArrayList<>();
                regions.add(current);
            } else if (t.equals(ExerciseGenerator.END)) {
                current = null;
            } else if (current != null) {
                if (!t.isEmpty() && !t.startsWith("//")) {
                    current.add(t);
                }
            } else {
                outside.append(t).append('\n');
            }
        }
    }

    /**
     * Two consecutive lines of a region, folded to one line, where both are computing statements
     * found nowhere outside the regions: a run that short is still an answer, while common lines
     * (a loop header, a brace) are not.
     */
    static List<String> answerPairs(List<List<String>> regions, String outside) {
        List<String> pairs = new ArrayList<>();
        for (List<String> region : regions) {
            for (int i = 0; i + 1 < region.size(); i++) {
                String a = region.get(i);
                String b = region.get(i + 1);
                boolean distinctive = says(a, outside) && says(b, outside);
                if (distinctive) {
                    pairs.add(a + " " + b);
                }
            }
        }
        return pairs;
    }

    /** A computing statement of 12 characters or more found nowhere outside the regions (not a loop header or a brace). */
    private static boolean says(String line, String outside) {
        return line.length() >= 12 && !line.matches("^(for|while|if|else|do|try|\\}).*") && !outside.contains(line);
    }

    /** The text's lines trimmed and joined by single spaces, blank and comment lines left out. */
    static String fold(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("//")) {
                sb.append(t).append(' ');
            }
        }
        return sb.toString();
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
