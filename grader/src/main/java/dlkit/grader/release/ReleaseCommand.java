package dlkit.grader.release;

import dlkit.grader.course.Assignment;
import dlkit.grader.course.CourseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release}: regenerates the student kit from the solutions, and packs it for students on request. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Writes the student kit (exercises/) from solutions/: solution regions become stubs.",
                "With --zip, also packs the kit for students: exercises/ and nothing else."})
public final class ReleaseCommand implements Callable<Integer> {

    @Option(names = "--solutions", description = "the solutions folder (default: ${DEFAULT-VALUE})")
    Path solutions = Path.of("solutions");

    @Option(names = "--out", description = "the student kit folder to write (default: exercises, or with --assignment NAME "
            + "target/exercises-NAME, so the whole kit in exercises/ stays as committed)")
    Path out;

    @Option(names = "--zip", arity = "0..1", paramLabel = "FILE", fallbackValue = KitZip.DEFAULT,
            description = "also write the kit as a zip to hand out (default file: " + KitZip.DEFAULT + ")")
    Path zip;

    @Mixin
    CourseOptions course = new CourseOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(solutions.resolve("src/main/java"))) {
            spec.commandLine().getErr().println("dlkit: no solutions at " + solutions.toAbsolutePath()
                    + " (run from the kit's top folder, or pass --solutions)");
            return 2;
        }
        Assignment assignment;
        try {
            assignment = course.assignment();
        } catch (CourseOptions.Problem p) {
            spec.commandLine().getErr().println("dlkit: " + p.getMessage());
            return 2;
        }
        if (out == null) {
            out = assignment == null ? Path.of("exercises") : Path.of("target", "exercises-" + assignment.name());
        }
        ExerciseGenerator generator = new ExerciseGenerator();
        ExerciseGenerator.Result result = generator.generate(solutions, out, assignment == null ? null : assignment.exercises());
        spec.commandLine().getOut().printf("Wrote %s: %d files, %d exercises%s.%n", out, result.files().size(),
                result.listings().size(), assignment == null ? ", " + result.stubs().size() + " methods for students to complete"
                        : " of " + assignment.name() + " (" + assignment.title() + ")");
        if (!generator.alsoNeeded().isEmpty()) {
            spec.commandLine().getOut().printf("Also holds, as stubs, exercises of other assignments its code needs (students "
                    + "may copy in their own): %s%n", generator.alsoNeeded().stream().map(Listing::simpleName).toList());
        }
        Path root = solutions.toAbsolutePath().normalize().getParent();
        if (assignment == null && root != null && Files.isRegularFile(root.resolve(Manifest.FILE))
                && Manifest.read(root).writeCurriculumTable(root)) {
            spec.commandLine().getOut().printf("Wrote the curriculum table of %s from %s.%n",
                    root.resolve("README.md"), Manifest.FILE);
        }
        if (zip != null) {
            KitZip.write(out, result.files(), zip);
            spec.commandLine().getOut().printf("Wrote %s: the student kit, to hand out.%n", zip);
        }
        return 0;
    }
}
