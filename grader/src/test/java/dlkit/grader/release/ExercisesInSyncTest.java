package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExercisesInSyncTest {

    static final Path ROOT = Path.of(System.getProperty("dlkit.root", ".."));

    @Test
    void committedExercisesAreExactlyWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        new ExerciseGenerator().generate(ROOT.resolve("solutions"), tmp);

        Path committed = ROOT.resolve("exercises");
        TreeSet<String> expected = files(tmp);
        TreeSet<String> actual = files(committed);
        assertThat(actual).as("files in exercises/ (run: java -jar grader/target/dlkit-grader.jar release)")
                .containsExactlyElementsOf(expected);
        for (String file : expected) {
            assertThat(Files.readString(committed.resolve(file)))
                    .as("exercises/" + file + " is out of date (run: java -jar grader/target/dlkit-grader.jar release)")
                    .isEqualTo(Files.readString(tmp.resolve(file)));
        }
    }

    @Test
    void noSolutionBodyReachesTheKit() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("exercises/src/main/java"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString())
                        .doesNotContain(ExerciseGenerator.BEGIN).doesNotContain(ExerciseGenerator.END);
            }
        }
    }

    @Test
    void aRegionBecomesAThrowNamingClassAndMethod() {
        String source = """
                public final class Adam {
                    /** Does a step. */
                    public void step(int n) {
                        // TODO: update the weights
                        // BEGIN SOLUTION
                        int t = n + 1;
                        System.out.println(t);
                        // END SOLUTION
                    }
                }
                """;
        List<ExerciseGenerator.Stub> stubs = new ArrayList<>();
        String stub = ExerciseGenerator.stubSource(source, "dlkit/optim/Adam.java", stubs);

        assertThat(stub).isEqualTo("""
                public final class Adam {
                    /** Does a step. */
                    public void step(int n) {
                        // TODO: update the weights
                        throw new UnsupportedOperationException("not implemented yet: Adam.step");
                    }
                }
                """);
        assertThat(stubs).containsExactly(new ExerciseGenerator.Stub("dlkit/optim/Adam.java", "Adam", "step", 5));
    }

    @Test
    void aRegionThatIsNotTheEndOfItsMethodIsRefused() {
        String source = """
                class A {
                    int f() {
                        // BEGIN SOLUTION
                        int x = 1;
                        // END SOLUTION
                        return x;
                    }
                }
                """;
        assertThatThrownBy(() -> ExerciseGenerator.stubSource(source, "A.java", new ArrayList<>()))
                .hasMessageContaining("A.java:5").hasMessageContaining("rest of its method body");
    }

    @Test
    void aStatementSpreadOverLinesIsNotTakenForTheMethod() {
        String source = """
                class Conv {
                    int outputSize(int h, int k) {
                        if (k > h) {
                            throw new IllegalArgumentException(
                                    "kernel larger than the image");
                        }
                        // BEGIN SOLUTION
                        return h - k + 1;
                        // END SOLUTION
                    }
                }
                """;
        String stub = ExerciseGenerator.stubSource(source, "Conv.java", new ArrayList<>());
        assertThat(stub).contains("not implemented yet: Conv.outputSize");
    }

    @Test
    void anUnclosedRegionIsRefused() {
        String source = "class A {\n  void f() {\n    // BEGIN SOLUTION\n  }\n}\n";
        assertThatThrownBy(() -> ExerciseGenerator.stubSource(source, "A.java", new ArrayList<>()))
                .hasMessageContaining("never closed");
    }

    /** The stubs the generator makes from the solutions. */
    static List<ExerciseGenerator.Stub> stubs(Path solutions) throws IOException {
        List<ExerciseGenerator.Stub> stubs = new ArrayList<>();
        Path main = solutions.resolve("src/main/java");
        try (Stream<Path> s = Files.walk(main)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                ExerciseGenerator.stubSource(Files.readString(p), main.relativize(p).toString().replace('\\', '/'), stubs);
            }
        }
        return stubs;
    }

    private static TreeSet<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("target/"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
