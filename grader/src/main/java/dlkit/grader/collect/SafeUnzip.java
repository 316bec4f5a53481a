package dlkit.grader.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts a submitted zip into a folder, refusing what could harm the grader: entries whose
 * path is absolute or leads outside the folder ("zip slip"), and archives with more entries, or
 * more files and folders or bytes once extracted, than the submission's {@link Budget} allows
 * (counted while extracting, over all the zips inside zips too, not trusted from the header).
 * Each file keeps the modification time its entry records. Entries that are symbolic links or special files
 * (by the Unix mode a zip records) are left out with a note; of a name held twice the last copy
 * is kept, as unzip tools do, with a note; names are cleaned of control characters and of
 * characters some file systems refuse.
 */
public final class SafeUnzip {

    /** A submission's budget of files and folders extracted, over all its zips (see {@link Collector}). */
    public static final int MAX_ENTRIES = 5_000;
    /** A submission's budget, over all its zips and files (see {@link Collector}). */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    private static final int TYPE_BITS = 0170000;
    private static final int REGULAR = 0100000;
    private static final int FOLDER = 0040000;
    private static final int LINK = 0120000;

    private SafeUnzip() {}

    /** Why a zip was not extracted, in words for the instructor and the student. */
    public static final class RefusedZip extends IOException {
        private final boolean budgetSpent;

        public RefusedZip(String message) {
            this(message, false);
        }

        RefusedZip(String message, boolean budgetSpent) {
            super(message);
            this.budgetSpent = budgetSpent;
        }

        /** True if it was refused because the budget it drew on ran out: no other zip of it will fit either. */
        public boolean budgetSpent() {
            return budgetSpent;
        }
    }

    /**
     * Extracts {@code zip} into the empty folder {@code into}, drawing on {@code budget}.
     *
     * @param shown the zip's name as the student sees it ({@code hw/part2.zip}), for messages
     * @return notes on entries left out or chosen between
     * @throws RefusedZip if the zip is unreadable or unsafe; {@code into} may then hold part of
     *                    it, for the caller to delete
     */
    static List<String> extract(Path zip, String shown, Path into, Budget budget) throws RefusedZip {
        Path root = into.toAbsolutePath().normalize();
        List<String> notes = new ArrayList<>();
        try {
            if (Files.size(zip) > budget.max()) {
                throw new RefusedZip(shown + " is larger than " + Budget.size(budget.max()) + "; refused");
            }
        } catch (IOException e) {
            throw new RefusedZip(shown + " could not be read (" + reason(e) + ")");
        }
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> all = Collections.list(file.getEntries());
            if (all.size() > budget.maxEntries()) {
                throw new RefusedZip(shown + " has " + all.size() + " entries; at most " + budget.maxEntries() + " are accepted");
            }
            // The last entry of each name wins, in the zip's own order.
            Map<Path, List<ZipArchiveEntry>> byTarget = new LinkedHashMap<>();
            for (ZipArchiveEntry entry : all) {
                String name = entry.getName().replace('\\', '/');
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
                    throw new RefusedZip(shown + " holds an entry with an absolute path, '" + printable(entry.getName()) + "'; refused");
                }
                Path target = root.resolve(cleanName(name)).normalize();
                if (!target.startsWith(root)) {
                    throw new RefusedZip(shown + " holds the entry '" + printable(entry.getName())
                            + "', which would be written outside the submission folder; refused");
                }
                byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(entry);
            }
            for (Map.Entry<Path, List<ZipArchiveEntry>> e : byTarget.entrySet()) {
                Path target = e.getKey();
                List<ZipArchiveEntry> copies = e.getValue();
                ZipArchiveEntry entry = copies.get(copies.size() - 1);
                String entryName = root.equals(target) ? "/" : root.relativize(target).toString().replace('\\', '/');
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_BITS : 0;
                if (copies.size() > 1 && !entry.isDirectory()) {
                    notes.add(shown + " holds " + entryName + " " + copies.size() + " times; the last copy in the zip was kept "
                            + "(as unzip tools keep the copy written last)");
                }
                if (entry.isUnixSymlink() || type == LINK) {
                    notes.add(shown + ": " + entryName + " is a symbolic link, which the grader never follows; "
                            + "it was left out (treated as not submitted)");
                } else if (entry.isDirectory() || type == FOLDER) {
                    createFolders(target, root, budget);
                } else if (type != 0 && type != REGULAR) {
                    notes.add(shown + ": " + entryName + " is not a regular file (a device, pipe or socket); it was left out");
                } else if (!file.canReadEntryData(entry)) {
                    notes.add(shown + ": " + entryName + " is encrypted or compressed in a way the grader cannot read; it was left out");
                } else {
                    write(file, entry, root, target, shown, entryName, budget, notes);
                }
            }
        } catch (RefusedZip e) {
            throw e;
        } catch (Budget.Exceeded e) {
            throw new RefusedZip(shown + " was refused: with it, " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            throw new RefusedZip(shown + " could not be read as a zip file (" + reason(e)
                    + "); it may be damaged or not a zip at all");
        }
        return notes;
    }

    private static void write(ZipFile file, ZipArchiveEntry entry, Path root, Path target, String shown, String entryName,
                              Budget budget, List<String> notes) throws RefusedZip {
        try {
            createFolders(target.getParent(), root, budget);
            budget.takeEntry();
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(file.getInputStream(entry), crc);
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    budget.take(n);
                    out.write(buffer, 0, n);
                }
            }
            // The reader does not check: a damaged entry would be read as whatever it inflates to.
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                Files.delete(target);
                notes.add(shown + ": " + entryName + " could not be extracted (it is damaged: its checksum does not match); "
                        + "it was left out");
            } else if (entry.getTime() != -1) {
                // Which of two copies of a file is newer is read from these times, not from the order they were written in.
                Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
            }
        } catch (Budget.Exceeded e) {
            throw new RefusedZip(shown + " was refused: with it, " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            notes.add(shown + ": " + entryName + " could not be extracted (" + reason(e) + "); it was left out");
            try {
                Files.deleteIfExists(target);
            } catch (IOException notWritten) {
                // Nothing was written, or the folder goes as a whole.
            }
        }
    }

    /** Creates {@code folder} below {@code root}, each folder it makes counted against the budget. */
    private static void createFolders(Path folder, Path root, Budget budget) throws IOException, Budget.Exceeded {
        for (Path p = folder; p.startsWith(root) && !p.equals(root) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) {
            budget.takeEntry();
        }
        Files.createDirectories(folder);
    }

    /**
     * An entry's path with each part cleaned: control characters dropped; characters Windows or
     * macOS refuse, and trailing dots and spaces, replaced by {@code _}.
     */
    static String cleanName(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            String p = printable(part).replace("\uFFFD", "").replaceAll("[:*?\"<>|]", "_").replaceAll("[. ]+$", "_");
            if (part.equals("..") || part.equals(".")) {
                p = part;
            }
            if (!p.isEmpty()) {
                out.append(out.length() == 0 ? "" : "/").append(p);
            }
        }
        return out.toString();
    }

    /** {@code text} with control characters and bidirectional overrides replaced by U+FFFD, safe to show anywhere. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || isBidiControl(c) ? '\uFFFD' : c));
        return out.toString();
    }

    /**
     * The invisible marks that reorder text (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C):
     * in a name they could make one student's name or file read as another's on the page.
     */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Why an I/O operation failed, without the paths of the grading machine an exception message holds. */
    static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.contains("/") || message.contains("\\") ? e.getClass().getSimpleName() : message;
    }
}
