package dlkit.grader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** A folder name for a student that is safe on every file system (at most 120 characters). */
    public static String safeName(String student) {
        String s = student.replaceAll("[^\\p{L}\\p{N}._ -]", "_").strip();
        s = s.length() > MAX_NAME ? s.substring(0, MAX_NAME).strip() : s;
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    private static final int MAX_NAME = 120;

    /**
     * A report folder per student, by student, each distinct from the others even where
     * {@link #safeName} makes two names one ({@code 66_report+collision}, {@code 66_report_collision})
     * or where they differ only in case (one folder on macOS and Windows): a name that is already
     * safe keeps it as its folder, a later clash gets {@code " (2)"}, {@code " (3)"}.
     */
    public static Map<String, String> folders(List<String> students) {
        Map<String, String> folders = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (boolean alreadySafe : new boolean[] {true, false}) {
            for (String student : students) {
                String safe = safeName(student);
                if (safe.equals(student) != alreadySafe || folders.containsKey(student)) {
                    continue;
                }
                String folder = safe;
                for (int i = 2; !taken.add(folder.toLowerCase(Locale.ROOT)); i++) {
                    folder = safe + " (" + i + ")";
                }
                folders.put(student, folder);
            }
        }
        Map<String, String> inOrder = new LinkedHashMap<>();
        students.forEach(s -> inOrder.put(s, folders.get(s)));
        return inOrder;
    }

    /** What confined the student's code, for people: {@code policy + os:bubblewrap}, or {@code policy only}. */
    public static String layers(GradeReport r) {
        List<String> layers = r.layers() == null ? List.of() : r.layers();
        return layers.isEmpty() ? "not recorded" : layers.size() == 1 ? layers.get(0) + " only" : String.join(" + ", layers);
    }

    /** An instructor's override, for people: {@code set to 6/8 by the instructor (the tests gave 3): the reason}; null if none. */
    public static String override(GradeReport.ExerciseReport e) {
        return e.override() == null ? null : "set to " + points(e.override().points()) + "/" + points(e.maxScore())
                + " by the instructor (the tests gave " + points(e.override().graded()) + "): " + e.override().reason();
    }

    /** 7, 2.5: points without noise. */
    public static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(java.util.Locale.ROOT, "%.2f", p);
    }

    /** A late penalty in one line: {@code 2 days late: 20% off (52 of 65 points; due ..., submitted ...)}. */
    public static String lateness(GradeReport.Late late) {
        return late.why() + " (" + points(late.score()) + " of the " + points(late.earned()) + " points earned; due "
                + late.due() + (late.submitted() == null ? "" : ", submitted " + late.submitted()) + ")";
    }
}
