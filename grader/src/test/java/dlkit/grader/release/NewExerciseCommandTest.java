package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.validate.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code new-exercise}: the pieces where the conventions put them, and the names it refuses. AuthoringGuideIT builds them. */
class NewExerciseCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private static Path kit(Path root) throws IOException {
        Path adam = root.resolve("solutions/src/main/java/dlkit/optim/Adam.java");
        Files.createDirectories(adam.getParent());
        Files.writeString(adam, "package dlkit.optim;\npublic final class Adam {}\n");
        Files.writeString(root.resolve(Manifest.FILE), "questions:\n  6: activation functions\nexercises:\n  Adam: {questions: [21]}\n");
        return root;
    }

    @Test
    void writesThePiecesAndTheManifestsLine(@TempDir Path tmp) throws IOException {
        Path root = kit(tmp);
        assertThat(run("new-exercise", "Square", "--package", "dlkit.layers", "--question", "6", "--question", "2",
                "--root", root.toString())).as(out.toString()).isZero();

        String solution = Files.readString(root.resolve("solutions/src/main/java/dlkit/layers/Square.java"));
        List<ExerciseGenerator.Stub> stubs = new ArrayList<>();
        String stub = ExerciseGenerator.stubSource(solution, "dlkit/layers/Square.java", stubs);
        assertThat(stubs).extracting(ExerciseGenerator.Stub::qualifiedMethod).containsExactly("Square.apply");
        assertThat(stub).contains("not implemented yet: Square.apply").doesNotContain("fill in the reference");
        assertThat(solution).contains("fill in the reference solution of Square.apply");

        String hidden = Files.readString(root.resolve("grader/src/main/java/dlkit/hidden/layers/SquareHiddenTest.java"));
        assertThat(hidden).contains("package dlkit.hidden.layers;", "@Grades(Square.class)", "@Points(2)",
                "x.student()", "x.unchanged(\"Square.apply\")", "new dlkit.reference.layers.Square().apply(x.copy())",
                "new Known(\"Square/returns-input\"");
        assertThat(root.resolve("solutions/src/test/java/dlkit/layers/SquareTest.java")).content()
                .contains("class SquareTest", "fill in SquareTest.applyByHand");

        Variant variant = Variant.parse("Square/returns-input",
                Files.readString(root.resolve("grader/src/main/resources/variants/Square/returns-input.variant")));
        assertThat(variant.file()).isEqualTo("dlkit/layers/Square.java");
        assertThat(variant.mistakeId()).as("the mistake the hidden test's Known defines").isEqualTo("Square/returns-input");
        assertThat(variant.apply(solution)).as("the variant applies to the scaffold's solution").contains("return x.copy();");

        Manifest manifest = Manifest.read(root);
        assertThat(manifest.exercises()).containsOnlyKeys("Adam", "Square");
        assertThat(manifest.exercises().get("Square").questions()).containsExactly(6, 2);
    }

    @Test
    void refusesANameThatExistsIsNoClassNameOrIsAPath(@TempDir Path tmp) throws IOException {
        Path root = kit(tmp);
        for (String name : List.of("Adam", "square", "2abc", "class", "Sq-are", "../Square", "dlkit/layers/Square", "dlkit.layers.Square")) {
            assertThat(run("new-exercise", name, "--root", root.toString())).as(name + ": " + out).isEqualTo(CommandLine.ExitCode.USAGE);
        }
        assertThat(out.toString()).contains("the kit has a class named Adam (dlkit/optim/Adam.java)")
                .contains("'2abc' is not a class name").contains("'../Square' is a path");
        assertThat(run("new-exercise", "Square", "--package", "layers", "--root", root.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out.toString()).contains("--package layers is not a package of the kit");
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("nothing written").isEqualTo(2);
        }
    }
}
