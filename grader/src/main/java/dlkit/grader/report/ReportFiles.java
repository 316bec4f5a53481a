package dlkit.grader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes report files whole or not at all: a reader never sees half a gradebook. */
public final class ReportFiles {

    private ReportFiles() {}

    /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A folder name for a student that is safe on every file system. */
    public static String safeName(String student) {
        String s = student.replaceAll("[^\\p{L}\\p{N}._ -]", "_").strip();
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    /** What confined the student's code, for people: {@code policy + os:bubblewrap}, or {@code policy only}. */
    public static String layers(GradeReport r) {
        List<String> layers = r.layers() == null ? List.of() : r.layers();
        return layers.isEmpty() ? "not recorded" : layers.size() == 1 ? layers.get(0) + " only" : String.join(" + ", layers);
    }

    /** 7, 2.5: points without noise. */
    public static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(java.util.Locale.ROOT, "%.2f", p);
    }
}
