package dlkit.grader.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--out", description = "the student kit folder to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("exercises");

    @Option(names = "--zip", arity = "0..1", paramLabel = "FILE", fallbackValue = KitZip.DEFAULT,
            description = "also write the kit as a zip to hand out (default file: " + KitZip.DEFAULT + ")")
    Path zip;

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
        spec.commandLine().getOut().printf("Wrote %s: %d files, %d exercises, %d methods for students to complete.%n",
                out, result.files().size(), result.exercises().size(), result.stubs().size());
        if (zip != null) {
            KitZip.write(out, result.files(), zip);
            spec.commandLine().getOut().printf("Wrote %s: the student kit, to hand out.%n", zip);
        }
        return 0;
    }
}
