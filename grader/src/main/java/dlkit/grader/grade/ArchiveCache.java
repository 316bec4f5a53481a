package dlkit.grader.grade;

import dlkit.grader.kit.Kit;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The test JVMs' class-data sharing archive ({@code TestRunner.shareClassData}) kept in the
 * instructor's cache ({@link Kit#cacheFolder()}) from run to run: made once per kit, JDK and
 * choice of exercises, it spares every later run its making (some 10 s): each shard of a class,
 * a regrade, a class too small to be worth making one for.
 *
 * <p>The JVM maps an archive only with the very jars, at the very paths, it was made with, and
 * each run copies its jars into a folder of its own; so the cache's folder holds copies of the
 * jars beside the archive, and test JVMs that use the archive read those copies. Before each use
 * the copies are checked to hold the same classes as the run's jars (every entry's name, CRC-32
 * and size); a folder that does not is made again. The folder is named by a SHA-256 of those
 * classes, the JDK and the tests the archive was made with. Test JVMs cannot write it (the
 * sandbox, the policy); it is trusted as far as the grader's own jar, in the same user's files.
 */
final class ArchiveCache {

    private static final String ARCHIVE = TestRunner.ARCHIVE;
    private static final String LIB = "lib";

    /** Where test JVMs read the jars and the archive from. */
    record Copies(List<Path> classpath, Path referenceJar, Path archive) {}

    private final Path folder;
    private final List<Path> jars;
    private final String classes;

    private ArchiveCache(Path folder, List<Path> jars, String classes) {
        this.folder = folder;
        this.jars = jars;
        this.classes = classes;
    }

    /**
     * The cache's folder for test JVMs on {@code classpath} (jars) with {@code referenceJar},
     * running {@code testIds}, on this JDK.
     */
    static ArchiveCache of(Path cache, List<Path> classpath, Path referenceJar, List<String> testIds) throws IOException {
        List<Path> jars = new ArrayList<>(classpath);
        jars.add(referenceJar);
        String classes = classesOf(jars);
        MessageDigest sha = Parts.sha256();
        sha.update((classes + "\n" + Runtime.version() + "\n" + System.getProperty("java.home") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        testIds.forEach(id -> sha.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
        return new ArchiveCache(cache.resolve("test-jvm-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32)), jars, classes);
    }

    /** The copies and the archive, if the cache holds both and the copies hold the run's classes; else null. */
    Copies find() throws IOException {
        Copies copies = copies();
        if (!Files.isRegularFile(copies.archive()) || !holdsTheRunsClasses(copies)) {
            return null;
        }
        return copies;
    }

    /** The copies of the run's jars, made if the cache's folder does not hold them (its archive then still to make). */
    Copies prepare() throws IOException {
        Copies copies = copies();
        if (Files.isDirectory(folder) && holdsTheRunsClasses(copies)) {
            return copies;
        }
        Path parent = Files.createDirectories(folder.getParent());
        Path temporary = Files.createTempDirectory(parent, folder.getFileName() + ".tmp-");
        try {
            Path lib = Files.createDirectories(temporary.resolve(LIB));
            for (Path jar : jars) {
                Files.copy(jar, lib.resolve(jar.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (Files.exists(folder)) {
                // Another kit's or a damaged copy: made again.
                Kit.deleteRecursively(folder);
            }
            try {
                Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another run made it at the same moment: use theirs if it holds the same classes.
                if (!holdsTheRunsClasses(copies)) {
                    throw e;
                }
            }
        } finally {
            Kit.deleteRecursively(temporary);
        }
        return copies;
    }

    /** Keeps {@code archive}, made by test JVMs on the copies, as the cache's archive for the next runs. */
    Path keep(Path archive) throws IOException {
        Path temporary = Files.createTempFile(folder, ARCHIVE, ".tmp");
        try {
            Files.copy(archive, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, folder.resolve(ARCHIVE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return folder.resolve(ARCHIVE);
    }

    /**
     * True if every user can read the archive and the copies of the jars, and reach them (each
     * folder above them searchable by all), and only the grader's own user can change them or
     * their folders: test JVMs started as another user can then map it, and that user cannot
     * have put an archive of their own there.
     */
    static boolean readableByEveryone(Copies copies) {
        List<Path> files = new ArrayList<>(copies.classpath());
        files.add(copies.referenceJar());
        files.add(copies.archive());
        files.add(copies.referenceJar().getParent());
        files.add(copies.archive().getParent());
        files.add(copies.archive().getParent().getParent()); // the cache folder: no one else may swap the folder above
        String me = System.getProperty("user.name");
        try {
            for (Path file : files) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                        || mode.contains(PosixFilePermission.GROUP_WRITE) || !Files.getOwner(file).getName().equals(me)) {
                    return false;
                }
            }
            // Every file is in lib/ or the folder above it: lib/ and each folder above must be searchable by all.
            for (Path dir = copies.referenceJar().toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private Copies copies() {
        List<Path> copied = jars.stream().map(j -> folder.resolve(LIB).resolve(j.getFileName().toString())).toList();
        return new Copies(copied.subList(0, copied.size() - 1), copied.get(copied.size() - 1), folder.resolve(ARCHIVE));
    }

    private boolean holdsTheRunsClasses(Copies copies) {
        List<Path> copied = new ArrayList<>(copies.classpath());
        copied.add(copies.referenceJar());
        try {
            return classes.equals(classesOf(copied));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A SHA-256 of every entry of the jars ({@link Parts#addEntries}); a jar not there is refused. */
    private static String classesOf(List<Path> jars) throws IOException {
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is not there");
            }
        }
        MessageDigest sha = Parts.sha256();
        Parts.addEntries(sha, jars, name -> true);
        return HexFormat.of().formatHex(sha.digest());
    }
}
