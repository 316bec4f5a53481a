package dlkit.grader.course;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --course FILE --assignment NAME}, shared by {@code release}, {@code gradescope} and {@code grade}. */
public final class CourseOptions {

    @Option(names = "--course", paramLabel = "FILE",
            description = "the course file (default: course.yaml in the current folder, read when --assignment is given)")
    public Path course;

    @Option(names = "--assignment", paramLabel = "NAME",
            description = "only this assignment of the course file: its exercises, points, due date, late policy and visibility")
    public String assignment;

    /** A usage problem: the command prints it and exits with 2. */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message);
        }
    }

    /** The course file read, or null if neither option is given. */
    public Course course() throws IOException, Problem {
        if (course == null && assignment == null) {
            return null;
        }
        Path file = course == null ? Course.DEFAULT_FILE : course;
        if (!Files.isRegularFile(file)) {
            throw new Problem("no course file " + file + (course == null ? " here: pass --course FILE (see the kit's sample course.yaml)" : ""));
        }
        try {
            return Course.read(file, Kit.packagedExercises(), TestCatalog.ofGrader().pointsByExercise());
        } catch (Course.Invalid e) {
            throw new Problem("the course file " + file + " cannot be used:\n  " + String.join("\n  ", e.problems()));
        }
    }

    /** The assignment chosen, or null if {@code --assignment} is not given. */
    public Assignment assignment() throws IOException, Problem {
        Course c = course();
        if (assignment == null) {
            return null;
        }
        Assignment a = c.assignment(assignment);
        if (a == null) {
            throw new Problem("the course file has no assignment named " + assignment + " (it has: "
                    + c.assignments().stream().map(Assignment::name).collect(Collectors.joining(", ")) + ")");
        }
        return a;
    }

    /** Whether {@code e} is handed in for {@code a} (every exercise when there is no assignment). */
    public static boolean holds(Assignment a, Exercise e) {
        return a == null || a.exercises().contains(e.file());
    }
}
