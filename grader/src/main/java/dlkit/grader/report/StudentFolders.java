package dlkit.grader.report;

import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The students' report folders under {@code --out}, each written whole: a student's reports and
 * plots go into a staging folder beside theirs, which then takes the old folder's place in one
 * move. So a run stopped at any moment (Ctrl-C, a full disk) leaves each student either the last
 * complete reports or the new ones, never plots of one run beside reports of another.
 */
public final class StudentFolders {

    /** How a folder being written begins; never a student's folder ({@link ReportFiles#safeName} never starts with a dot). */
    static final String STAGING = ".dlkit-staging-";
    /** How a replaced folder, deleted once its successor is in place, begins. */
    static final String REPLACED = ".dlkit-replaced-";

    private final Path out;

    public StudentFolders(Path out) {
        this.out = out;
    }

    /**
     * Makes {@code out} ready before any grading: creates it, proves a file can be written there,
     * and puts back what an interrupted run left half done (a replaced folder whose successor never
     * arrived comes back; a staging folder goes).
     *
     * @return null if reports can be written there, else why not, for the instructor
     */
    public static String prepare(Path out) {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".dlkit-probe-", ".tmp");
            Files.delete(probe);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(out, ".dlkit-*")) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(STAGING)) {
                        Kit.deleteRecursively(p);
                    } else if (name.startsWith(REPLACED)) {
                        Path original = out.resolve(name.substring(REPLACED.length()));
                        if (Files.exists(original)) {
                            Kit.deleteRecursively(p);
                        } else {
                            Files.move(p, original);
                        }
                    }
                }
            }
            return null;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return "cannot write reports to " + out.toAbsolutePath().normalize() + " (" + e + "); choose another --out";
        }
    }

    /** Where the student whose folder is {@code folder} is written during this run, made empty. */
    public Path begin(String folder) throws IOException {
        Path staging = staging(folder);
        Kit.deleteRecursively(staging);
        return Files.createDirectories(staging);
    }

    /** The staging folder of {@code folder} (see {@link #begin}), whether made or not. */
    public Path staging(String folder) {
        return out.resolve(STAGING + folder);
    }

    /** The student's folder once written. */
    public Path folder(String folder) {
        return out.resolve(folder);
    }

    /** Puts the staging folder of {@code folder} in place of the student's folder, whole. */
    public void commit(String folder) throws IOException {
        Path target = folder(folder);
        Path replaced = out.resolve(REPLACED + folder);
        Kit.deleteRecursively(replaced);
        if (Files.exists(target)) {
            move(target, replaced);
        }
        move(staging(folder), target);
        Kit.deleteRecursively(replaced);
    }

    /** Drops what was staged for {@code folder}: the student's folder stays as it was. */
    public void discard(String folder) {
        Kit.deleteRecursively(staging(folder));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
