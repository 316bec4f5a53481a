package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dlkit.grader.api.Grades;
import dlkit.grader.explore.OptimizerKind;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.validate.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest ({@value Manifest#FILE}) and the kit agree, and every exercise's pieces are where
 * the conventions say (AUTHORING.md): a solution with a solution region, public tests, a hidden
 * test {@code dlkit.hidden.T.XHiddenTest} with {@code @Grades(X.class)}, and variants in
 * {@code variants/X/} that patch X (which mistake each names, validate checks).
 */
class ManifestTest {

    static final Path ROOT = ExercisesInSyncTest.ROOT;

    /** What the check reads from the kit, so that a broken kit can be made up in a test. */
    record Pieces(Set<String> manifest, Map<String, String> solutions, Set<String> hiddenTestsGrade,
                  Set<String> hiddenTestClasses, List<Variant> variants, Map<String, List<String>> publicTests,
                  Set<String> courseExercises, Set<String> plotted) {}

    @Test
    void theKitsPiecesAreAllWhereTheConventionsSay() throws IOException {
        assertThat(problems(kit())).as("problems of the kit's exercises").isEmpty();
    }

    @Test
    void eachMissingPieceIsNamed() {
        Pieces kit = new Pieces(Set.of("Adam", "Gone", "Tanh"),
                Map.of("Adam", "dlkit/optim/Adam.java", "Dense", "dlkit/layers/Dense.java", "Tanh", "dlkit/layers/Tanh.java"),
                Set.of("dlkit/optim/Adam.java", "dlkit/layers/Dense.java"), Set.of("dlkit.hidden.optim.AdamHiddenTest"),
                List.of(new Variant("Adam/no-bias-correction", "x", "dlkit/optim/Adam.java", "Adam/no-bias-correction", List.of()),
                        new Variant("Adam/wrong-file", "x", "dlkit/layers/Dense.java", null, List.of()),
                        new Variant("Adamm/typo", "x", "dlkit/optim/Adam.java", "Adam/typo", List.of())),
                Map.of("Adam", List.of("dlkit.optim.AdamTest"), "Tanh", List.of()),
                Set.of("Adam", "Dropout"), Set.of("Adam", "Nadam"));
        assertThat(problems(kit)).containsExactlyInAnyOrder(
                "Dense has a solution region (dlkit/layers/Dense.java) but no entry in exercises.yaml",
                "exercises.yaml names Gone, which has no solution (no file Gone.java with a solution region in solutions/src/main/java)",
                "Tanh has no public test: add solutions/src/test/java/dlkit/layers/TanhTest.java",
                "Tanh has no hidden test class dlkit.hidden.layers.TanhHiddenTest",
                "Tanh has no variant: add grader/src/main/resources/variants/Tanh/<slug>.variant",
                "variant Adam/wrong-file patches dlkit/layers/Dense.java, not dlkit/optim/Adam.java",
                "variant Adamm/typo is in the folder of Adamm, which is no exercise of exercises.yaml",
                "course.yaml names Dropout, which is no exercise of exercises.yaml",
                "the plots draw Nadam, which is no exercise of exercises.yaml");
    }

    @Test
    void aManifestThatIsNotWellFormedNamesItsLine(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve(Manifest.FILE), "questions:\n  6: activation functions\nexercises:\n  Tanh: {question: [6]}\n");
        assertThatThrownBy(() -> Manifest.read(tmp)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(tmp.resolve(Manifest.FILE) + ":4: ").hasMessageContaining("\"question\"");
    }

    static List<String> problems(Pieces kit) {
        List<String> problems = new ArrayList<>();
        String manifest = Manifest.FILE;
        kit.solutions().forEach((name, file) -> {
            if (!kit.manifest().contains(name)) {
                problems.add(name + " has a solution region (" + file + ") but no entry in " + manifest);
            }
        });
        for (String name : kit.manifest()) {
            String file = kit.solutions().get(name);
            if (file == null) {
                problems.add(manifest + " names " + name + ", which has no solution (no file " + name
                        + ".java with a solution region in solutions/src/main/java)");
                continue;
            }
            String pkg = file.substring(0, file.lastIndexOf('/'));
            if (kit.publicTests().getOrDefault(name, List.of()).isEmpty()) {
                problems.add(name + " has no public test: add solutions/src/test/java/" + pkg + "/" + name + "Test.java");
            }
            String hidden = TestCatalog.HIDDEN_PACKAGE + "." + pkg.substring(pkg.lastIndexOf('/') + 1) + "." + name + "HiddenTest";
            if (!kit.hiddenTestClasses().contains(hidden) || !kit.hiddenTestsGrade().contains(file)) {
                problems.add(name + " has no hidden test class " + hidden);
            }
            if (kit.variants().stream().noneMatch(v -> v.name().startsWith(name + "/"))) {
                problems.add(name + " has no variant: add grader/src/main/resources/variants/" + name + "/<slug>.variant");
            }
        }
        for (Variant v : kit.variants()) {
            String folder = v.name().substring(0, v.name().indexOf('/'));
            if (!kit.manifest().contains(folder)) {
                problems.add("variant " + v.name() + " is in the folder of " + folder + ", which is no exercise of " + manifest);
            } else if (!v.file().equals(kit.solutions().get(folder))) {
                problems.add("variant " + v.name() + " patches " + v.file() + ", not " + kit.solutions().get(folder));
            }
        }
        kit.courseExercises().stream().filter(e -> !kit.manifest().contains(e))
                .forEach(e -> problems.add("course.yaml names " + e + ", which is no exercise of " + manifest));
        kit.plotted().stream().filter(e -> !kit.manifest().contains(e))
                .forEach(e -> problems.add("the plots draw " + e + ", which is no exercise of " + manifest));
        return problems;
    }

    /** The pieces of the kit at {@link #ROOT}. */
    static Pieces kit() throws IOException {
        Map<String, String> solutions = new TreeMap<>();
        ExercisesInSyncTest.stubs(ROOT.resolve("solutions"))
                .forEach(s -> solutions.put(s.className(), s.file()));
        Map<String, List<String>> testMethods = new TreeMap<>();
        Path tests = ROOT.resolve("solutions/src/test/java");
        try (Stream<Path> s = Files.walk(tests)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = tests.relativize(p).toString().replace('\\', '/');
                testMethods.put(name.substring(0, name.length() - 5).replace('/', '.'), ExerciseGenerator.testMethods(Files.readString(p)));
            }
        }
        Map<String, List<String>> publicTests = new LinkedHashMap<>();
        solutions.forEach((name, file) -> publicTests.put(name, Listing.publicTestsFor(
                file.substring(0, file.lastIndexOf('/')).replace('/', '.'), name, testMethods)));
        TestCatalog catalog = TestCatalog.ofGrader();
        Set<String> hiddenClasses = new TreeSet<>();
        for (TestCatalog.ExpectedTest t : catalog.tests()) {
            hiddenClasses.add(TestCatalog.HIDDEN_PACKAGE + "." + t.exercise().split("/")[1] + "." + t.name().substring(0, t.name().indexOf('.')));
        }
        // A hidden test class named by the convention must grade the exercise it is named after.
        for (String c : hiddenClasses) {
            try {
                Grades grades = Class.forName(c).getAnnotation(Grades.class);
                assertThat(grades).as("@Grades of " + c).isNotNull();
                assertThat(c).as("the hidden test of " + grades.value().getSimpleName())
                        .endsWith("." + grades.value().getSimpleName() + "HiddenTest");
            } catch (ClassNotFoundException e) {
                throw new AssertionError(c, e);
            }
        }
        JsonNode course = new YAMLMapper().readTree(ROOT.resolve("course.yaml").toFile());
        Set<String> courseExercises = new TreeSet<>();
        course.path("assignments").forEach(a -> a.path("exercises").forEach(e -> courseExercises.add(e.asText())));
        return new Pieces(Manifest.read(ROOT).exercises().keySet(), solutions,
                catalog.tests().stream().map(TestCatalog.ExpectedTest::exercise).collect(Collectors.toSet()), hiddenClasses,
                Variant.packaged(), publicTests, courseExercises,
                Stream.of(OptimizerKind.values()).map(OptimizerKind::simpleName).collect(Collectors.toSet()));
    }
}
