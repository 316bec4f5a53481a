package dlkit.grader.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run by the grader's build after its classes compile ({@code process-classes}, see
 * grader/pom.xml): writes the student kit {@code exercises/} from {@code solutions/} as
 * {@code release} does, and copies its sources into the grader's classes as the stubs the grader
 * packs ({@code kit/stubs}), and the README's curriculum table from {@value Manifest#FILE}. So one {@code mvn package} (or {@code verify}) takes a changed
 * solution to a grader and a kit that agree; no second build after {@code release}.
 */
public final class BuildKit {

    private BuildKit() {}

    /** @param args the solutions folder, the kit folder to write, and the folder of the packed stubs */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BuildKit SOLUTIONS EXERCISES STUBS");
        }
        Path solutions = Path.of(args[0]).normalize();
        Path exercises = Path.of(args[1]).normalize();
        Path stubs = Path.of(args[2]).normalize();
        ExerciseGenerator.Result result = new ExerciseGenerator().generate(solutions, exercises);
        ExerciseGenerator.deleteRecursively(stubs);
        Path sources = exercises.resolve("src/main/java");
        try (Stream<Path> s = Files.walk(sources)) {
            for (Path file : s.filter(Files::isRegularFile).toList()) {
                Path to = stubs.resolve(sources.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        Path root = solutions.toAbsolutePath().getParent();
        boolean table = Manifest.read(root).writeCurriculumTable(root);
        System.out.printf("dlkit: wrote %s (%d exercises) and the grader's stubs from %s%s%n", exercises,
                result.listings().size(), solutions, table ? "; the README's curriculum table from " + Manifest.FILE : "");
    }
}
