package dlkit.grader.release;

import dlkit.grader.course.Assignment;
import dlkit.grader.course.CourseOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradescope}: writes {@code autograder.zip} for a Gradescope programming assignment, as
 * Gradescope's autograder specification lays it out: {@code setup.sh} and {@code run_autograder}
 * at the root, next to {@code grader/} (this grader's jar and its {@code lib/}), so that nothing
 * is built or downloaded on Gradescope but the JDK.
 */
@Command(name = "gradescope", mixinStandardHelpOptions = true,
        description = {"Writes autograder.zip for Gradescope: setup.sh, run_autograder and this grader.",
                "Run it from the packaged jar (mvn package)."})
public final class GradescopeCommand implements Callable<Integer> {

    /** The scripts, as packaged resources, and their names in the zip. */
    static final List<String> SCRIPTS = List.of("setup.sh", "run_autograder");
    static final String GRADER_DIR = "grader/";

    @Option(names = "--out", paramLabel = "FILE", description = "the zip to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("target/autograder.zip");

    /** With {@code --assignment}: the course file and the assignment's name, which run_autograder passes to grade. */
    static final String COURSE = "course.yaml";
    static final String ASSIGNMENT = "assignment.txt";

    @Mixin
    CourseOptions course = new CourseOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Assignment assignment;
        try {
            assignment = course.assignment();
        } catch (CourseOptions.Problem p) {
            spec.commandLine().getErr().println("dlkit: " + p.getMessage());
            return 2;
        }
        Path jar = Path.of(URI.create(GradescopeCommand.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("dlkit: gradescope packs the grader's jar; build it with "
                    + "`mvn -B -q package -DskipTests` and run `java -jar grader/target/dlkit-grader.jar gradescope`");
            return 2;
        }
        List<Path> libraries = libraries(jar);
        write(out, jar, libraries, assignment == null ? null : course.course == null ? Path.of(COURSE) : course.course,
                assignment == null ? null : assignment.name());
        spec.commandLine().getOut().printf("Wrote %s: setup.sh, run_autograder and the grader (%d libraries). "
                + "Upload it as the autograder of a Gradescope programming assignment.%n", out, libraries.size());
        if (assignment != null) {
            spec.commandLine().getOut().printf("It grades %s only (%d exercises, %s points, due %s; results %s, "
                            + "quiz explanations %s). Set the same due date on Gradescope: its after_due_date uses its own.%n",
                    assignment.name(), assignment.exercises().size(), StudentReadme.points(assignment.total()), assignment.due(),
                    assignment.results().word(), assignment.explanations().word());
        }
        return 0;
    }

    static void write(Path zipFile, Path jar, List<Path> libraries) throws IOException {
        write(zipFile, jar, libraries, null, null);
    }

    /**
     * Writes the zip: the scripts executable, the grader's jar and the libraries its manifest
     * names, and, for one assignment, the course file and the assignment's name (else null both).
     */
    static void write(Path zipFile, Path jar, List<Path> libraries, Path courseFile, String assignment) throws IOException {
        Files.createDirectories(zipFile.toAbsolutePath().getParent());
        Files.deleteIfExists(zipFile);
        try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            for (String script : SCRIPTS) {
                Path to = zip.getPath(script);
                Files.writeString(to, ExerciseGenerator.resource("gradescope/" + script));
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path grader = zip.getPath(GRADER_DIR);
            for (Path dir : List.of(grader, grader.resolve("lib"))) {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            List<Path> files = new ArrayList<>(List.of(Files.copy(jar, grader.resolve("dlkit-grader.jar"))));
            for (Path lib : libraries) {
                files.add(Files.copy(lib, grader.resolve("lib").resolve(lib.getFileName().toString())));
            }
            if (courseFile != null) {
                files.add(Files.copy(courseFile, zip.getPath(COURSE)));
                files.add(Files.writeString(zip.getPath(ASSIGNMENT), assignment + "\n"));
            }
            for (Path file : files) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    /** The jars of the grader's manifest Class-Path, which the build copies to {@code lib/} beside it. */
    static List<Path> libraries(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String classPath = j.getManifest().getMainAttributes().getValue("Class-Path");
            List<Path> libs = new ArrayList<>();
            for (String entry : classPath == null ? new String[0] : classPath.trim().split("\\s+")) {
                Path lib = jar.resolveSibling(entry);
                if (!Files.isRegularFile(lib)) {
                    throw new IOException("the grader's library " + lib + " is missing; rebuild with mvn package");
                }
                libs.add(lib);
            }
            return libs;
        }
    }
}
