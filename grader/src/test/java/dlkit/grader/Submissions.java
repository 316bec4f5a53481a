package dlkit.grader;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds submissions for tests from the kit's own solutions and stubs. */
public final class Submissions {

    public static final Path ROOT = Path.of(System.getProperty("dlkit.root", ".."));
    public static final String ADAM = "dlkit/optim/Adam.java";
    /** What Adam's hidden tests are worth, from their {@code @Points}. */
    public static final double ADAM_POINTS = dlkit.grader.kit.TestCatalog.ofGrader().pointsByExercise().get(ADAM);
    /**
     * Where Adam's update rule starts in the solution (and in the stub); code inserted here runs at
     * every step, once for each parameter that is not frozen.
     */
    public static final String STEP = "    protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {\n";
    /** The line that opens Adam's class, in the solution and in the stub. */
    public static final String ADAM_CLASS = "public final class Adam extends OptimizerBase {\n";

    private Submissions() {}

    /** The reference solution of an exercise file. */
    public static String solution(String file) {
        try {
            return Files.readString(ROOT.resolve("solutions/src/main/java").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stub of an exercise file, as the grader has it. */
    public static String stub(String file) {
        return Kit.packagedExercises().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow().stub();
    }

    /** Adam's solution with {@code code} run first in update(), at every step. */
    public static String adamWithStepPrefix(String code) {
        String s = solution(ADAM);
        if (!s.contains(STEP)) {
            throw new IllegalStateException("Adam.update not found in the solution");
        }
        return s.replace(STEP, STEP + code);
    }

    /** {@code ((( ... 1 ... )))}, {@code depth} parentheses deep: an expression that overflows javac's stack at 3,000. */
    public static String nested(int depth) {
        return "(".repeat(depth) + "1" + ")".repeat(depth);
    }

    /** The 1-based line of the first line containing {@code snippet}. */
    public static int lineOf(String text, String snippet) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(snippet + " not found");
    }

    /**
     * A student folder {@code dir/name} with every exercise's reference solution under
     * src/main/java, except the files in {@code overrides} (by exercise file), written as given.
     */
    public static Path solvedExcept(Path dir, String name, Map<String, String> overrides) throws IOException {
        Path root = dir.resolve(name);
        for (Exercise e : Kit.packagedExercises()) {
            Path target = root.resolve("src/main/java").resolve(e.file());
            Files.createDirectories(target.getParent());
            Files.writeString(target, overrides.getOrDefault(e.file(), solution(e.file())));
        }
        return root;
    }
}
