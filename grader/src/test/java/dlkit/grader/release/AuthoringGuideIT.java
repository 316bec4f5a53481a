package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Main;
import dlkit.grader.validate.ValidateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Follows AUTHORING.md in a copy of the kit: {@code new-exercise Square} writes the pieces, which
 * build and fail validate in the way the guide says (the placeholder reference throws "fill in
 * ..."); filled in with y = x*x and its backward, the copy builds and validates: the reference
 * full marks, the stub 0, each variant named as its own mistake.
 */
class AuthoringGuideIT {

    static final Path ROOT = ExercisesInSyncTest.ROOT;

    @Test
    void anExerciseMadeByTheScaffoldAndFilledInPassesValidate(@TempDir Path tmp) throws Exception {
        Path kit = copyOfTheKit(tmp.resolve("kit"));

        assertThat(grader("new-exercise", "Adam", "--root", kit.toString()).exit())
                .as("a name the kit has is refused").isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(grader("new-exercise", "dlkit/layers/Square", "--root", kit.toString()).exit())
                .as("a path is refused").isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(grader("new-exercise", "square-root", "--root", kit.toString()).exit())
                .as("a name that is no class name is refused").isEqualTo(CommandLine.ExitCode.USAGE);
        KitOfflineIT.Result made = grader("new-exercise", "Square", "--package", "dlkit.layers", "--question", "6", "--root", kit.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        assertThat(Files.readString(kit.resolve(Manifest.FILE))).endsWith("  Square: {questions: [6]}\n");

        KitOfflineIT.Result placeholder = buildAndValidate(kit);
        assertThat(placeholder.exit()).as("validate of the scaffold as written:\n" + placeholder.output()).isEqualTo(ValidateCommand.CHECK_FAILED);
        assertThat(placeholder.output())
                .contains("reference solutions scored 0/2, expected full marks")
                .contains("fill in the reference solution of Square.apply")
                .containsPattern("untouched stubs\\s+0/2\\s+ok");

        fillIn(kit);
        KitOfflineIT.Result filled = buildAndValidate(kit);
        assertThat(filled.exit()).as("validate of the filled-in Square:\n" + filled.output()).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(filled.output())
                .containsPattern("reference solutions\\s+3/3\\s+ok")
                .containsPattern("untouched stubs\\s+0/3\\s+ok")
                .contains("2 of 2 variants named as their own mistake")
                .contains("validate: all checks passed");
        assertThat(Files.readString(kit.resolve("README.md"))).as("the curriculum table from the manifest")
                .containsPattern("\\| 6 \\| activation functions \\| [^\\n]*`Square`");
        assertThat(kit.resolve("exercises/src/main/java/dlkit/layers/Square.java")).as("the stub in the student kit")
                .content().contains("not implemented yet: Square.apply").doesNotContain("2 * x.data[i]");
    }

    /** The kit's sources: the trees the build reads, without what builds wrote. */
    static Path copyOfTheKit(Path to) throws IOException {
        for (String top : List.of("pom.xml", "README.md", Manifest.FILE, "course.yaml", "solutions", "grader", "exercises")) {
            Path from = ROOT.resolve(top);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Path relative = ROOT.relativize(p);
                    if (relative.toString().replace('\\', '/').matches("(solutions|grader)/target/.*")) {
                        continue;
                    }
                    Path target = to.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** The guide's quick loop: build the copy, then validate its new exercise (seed fixed, for a reproducible test). */
    private static KitOfflineIT.Result buildAndValidate(Path kit) throws Exception {
        KitOfflineIT.Result build = KitOfflineIT.run(kit, List.of(KitOfflineIT.MVN, "-B", "-q", "-o", "package", "-DskipTests"));
        assertThat(build.exit()).as("mvn package of the copy:\n" + build.output()).isZero();
        return KitOfflineIT.run(kit, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "grader/target/dlkit-grader.jar", "validate", "--exercise", "Square", "--seed", "1"));
    }

    private static KitOfflineIT.Result grader(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return new KitOfflineIT.Result(cli.execute(args), out.toString());
    }

    /** Steps 2 to 5 of the guide for Square: y = x*x, dx = 2 x dy. */
    private static void fillIn(Path kit) throws IOException {
        Files.writeString(kit.resolve("solutions/src/main/java/dlkit/layers/Square.java"), """
                package dlkit.layers;

                import dlkit.core.Matrices;
                import org.ejml.data.DMatrixRMaj;

                /**
                 * The square, element by element:
                 * <pre>
                 *   forward:   y = x^2
                 *   backward:  dx = 2 x dy
                 * </pre>
                 */
                public final class Square {

                    /** @param x (N, D); not modified. @return a new (N, D) matrix */
                    public DMatrixRMaj apply(DMatrixRMaj x) {
                        // TODO: y = x * x element by element (Matrices.map).
                        // BEGIN SOLUTION
                        return Matrices.map(x, v -> v * v);
                        // END SOLUTION
                    }

                    /** @param x the input of apply, @param dy the gradient of the loss with respect to y; neither modified */
                    public DMatrixRMaj backward(DMatrixRMaj x, DMatrixRMaj dy) {
                        Matrices.requireShape("dy", dy, "N, D", x.numRows, x.numCols);
                        // TODO: dx = 2 x dy element by element.
                        // BEGIN SOLUTION
                        DMatrixRMaj dx = new DMatrixRMaj(x.numRows, x.numCols);
                        for (int i = 0; i < dx.data.length; i++) {
                            dx.data[i] = 2 * x.data[i] * dy.data[i];
                        }
                        return dx;
                        // END SOLUTION
                    }
                }
                """);
        Files.writeString(kit.resolve("solutions/src/test/java/dlkit/layers/SquareTest.java"), """
                package dlkit.layers;

                import static dlkit.testing.KitAssertions.assertThat;

                import dlkit.core.Matrices;
                import org.junit.jupiter.api.Test;

                class SquareTest {

                    @Test
                    void applyByHand() {
                        // x = (1, -2): y = (1, 4).
                        assertThat(new Square().apply(Matrices.row(1, -2))).as("Square.apply y").isCloseTo(Matrices.row(1, 4), 1e-15);
                    }

                    @Test
                    void backwardByHand() {
                        // x = (1, -2), dy = (1, 0.5): dx = (2 * 1 * 1, 2 * -2 * 0.5) = (2, -2).
                        assertThat(new Square().backward(Matrices.row(1, -2), Matrices.row(1, 0.5))).as("Square.backward dx")
                                .isCloseTo(Matrices.row(2, -2), 1e-15);
                    }
                }
                """);
        Files.writeString(kit.resolve("grader/src/main/java/dlkit/hidden/layers/SquareHiddenTest.java"), """
                package dlkit.hidden.layers;

                import dlkit.grader.api.Check;
                import dlkit.grader.api.Check.Known;
                import dlkit.grader.api.Draw;
                import dlkit.grader.api.Given;
                import dlkit.grader.api.Grades;
                import dlkit.grader.api.GradingRandom;
                import dlkit.grader.api.Points;
                import dlkit.layers.Square;
                import java.util.random.RandomGenerator;
                import org.ejml.data.DMatrixRMaj;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.api.extension.ExtendWith;

                @Grades(Square.class)
                @ExtendWith(GradingRandom.class)
                class SquareHiddenTest {

                    private static final Known RETURNS_INPUT = new Known("Square/returns-input", "returns x; y is x * x");
                    private static final Known NOT_DOUBLED = new Known("Square/derivative-not-doubled",
                            "dx = x dy; the derivative of x^2 is 2x, so dx = 2 x dy");

                    @Test
                    @Points(1)
                    void applyMatchesReference(RandomGenerator rng) {
                        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 1.0));
                        DMatrixRMaj student = new Square().apply(x.student());
                        x.unchanged("Square.apply");
                        DMatrixRMaj expected = new dlkit.reference.layers.Square().apply(x.copy());
                        // One product per element: the student's and the reference's agree to the last bit or two.
                        Check.close("Square.apply", student, expected, 1e-12, RETURNS_INPUT.wouldGive(x.copy()));
                    }

                    @Test
                    @Points(2)
                    void backwardMatchesReference(RandomGenerator rng) {
                        DMatrixRMaj drawn = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 1.0);
                        Given<DMatrixRMaj> x = Given.of("x", drawn);
                        Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, drawn.numRows, drawn.numCols, 1.0));
                        DMatrixRMaj student = new Square().backward(x.student(), dy.student());
                        Given.unchanged("Square.backward", x, dy);
                        DMatrixRMaj expected = new dlkit.reference.layers.Square().backward(x.copy(), dy.copy());
                        DMatrixRMaj notDoubled = x.copy();
                        DMatrixRMaj g = dy.copy();
                        for (int i = 0; i < notDoubled.data.length; i++) {
                            notDoubled.data[i] *= g.data[i];
                        }
                        Check.close("dX of Square.backward", student, expected, 1e-12, NOT_DOUBLED.wouldGive(notDoubled));
                    }
                }
                """);
        Path variants = kit.resolve("grader/src/main/resources/variants/Square");
        Files.writeString(variants.resolve("returns-input.variant"), """
                # Square.apply returns its input, not its square.
                file: dlkit/layers/Square.java
                mistake: Square/returns-input
                --- find
                        return Matrices.map(x, v -> v * v);
                --- replace
                        return x.copy();
                """);
        Files.writeString(variants.resolve("derivative-not-doubled.variant"), """
                # Square.backward takes the derivative as x, not 2x.
                file: dlkit/layers/Square.java
                mistake: Square/derivative-not-doubled
                --- find
                            dx.data[i] = 2 * x.data[i] * dy.data[i];
                --- replace
                            dx.data[i] = x.data[i] * dy.data[i];
                """);
    }
}
