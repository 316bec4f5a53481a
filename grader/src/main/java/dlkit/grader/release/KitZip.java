package dlkit.grader.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs the files a release wrote, and nothing else that may sit in the kit's folder (a
 * {@code target/} from a trial build, say), into a zip with every entry below {@code exercises/}.
 * Entries carry a fixed time, so the same release gives the same bytes.
 */
final class KitZip {

    static final String PREFIX = "exercises/";
    /** The default zip: {@code release --zip} without a file name. */
    static final String DEFAULT = "target/dlkit-exercises.zip";
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01, zip's own epoch

    private KitZip() {}

    static void write(Path kitDir, List<String> files, Path zipFile) throws IOException {
        Path parent = zipFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String file : files) {
                ZipEntry entry = new ZipEntry(PREFIX + file);
                entry.setLastModifiedTime(EPOCH);
                zip.putNextEntry(entry);
                Files.copy(kitDir.resolve(file), zip);
                zip.closeEntry();
            }
        }
    }
}
