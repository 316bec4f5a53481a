package dlkit.grader.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code release}: regenerates the student kit from the solutions. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Writes the student kit (exercises/) from solutions/: solution regions become stubs.")
public final class ReleaseCommand implements Callable<Integer> {

    @Option(names = "--solutions", description = "the solutions folder (default: ${DEFAULT-VALUE})")
    Path solutions = Path.of("solutions");

    @Option(names = "--out", description = "the student kit folder to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("exercises");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(solutions.resolve("src/main/java"))) {
            spec.commandLine().getErr().println("dlkit: no solutions at " + solutions.toAbsolutePath()
                    + " (run from the kit's top folder, or pass --solutions)");
            return 2;
        }
        ExerciseGenerator.Result result = new ExerciseGenerator().generate(solutions, out);
        spec.commandLine().getOut().printf("Wrote %s: %d files, %d methods for students to complete.%n",
                out, result.filesWritten(), result.stubs().size());
        return 0;
    }
}
