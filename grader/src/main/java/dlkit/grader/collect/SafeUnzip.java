package dlkit.grader.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a submitted zip into a folder, refusing what could harm the grader: entries whose
 * path is absolute or leads outside the folder ("zip slip"), and archives with too many entries
 * or too many bytes once uncompressed (counted while extracting, not trusted from the header).
 */
public final class SafeUnzip {

    public static final int MAX_ENTRIES = 5_000;
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    private SafeUnzip() {}

    /** Why a zip was not extracted, in words for the instructor and the student. */
    public static final class RefusedZip extends IOException {
        public RefusedZip(String message) {
            super(message);
        }
    }

    /**
     * Extracts {@code zip} into the empty folder {@code into}.
     *
     * @throws RefusedZip if the zip is unreadable or unsafe; {@code into} may then hold part of it
     */
    public static void extract(Path zip, Path into) throws RefusedZip {
        String zipName = zip.getFileName().toString();
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > MAX_ENTRIES) {
                throw new RefusedZip(zipName + " has " + file.size() + " entries; at most " + MAX_ENTRIES + " are accepted");
            }
            long total = 0;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().replace('\\', '/');
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
                    throw new RefusedZip(zipName + " holds an entry with an absolute path, '" + entry.getName() + "'; refused");
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new RefusedZip(zipName + " holds the entry '" + entry.getName()
                            + "', which would be written outside the submission folder; refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_BYTES) {
                            throw new RefusedZip(zipName + " is larger than " + MAX_BYTES / (1024 * 1024)
                                    + " MB once uncompressed; refused");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (RefusedZip e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RefusedZip(zipName + " could not be read as a zip file (" + e.getMessage()
                    + "); it may be damaged or not a zip at all");
        }
    }
}
