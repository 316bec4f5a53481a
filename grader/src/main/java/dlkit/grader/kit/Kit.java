package dlkit.grader.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Everything a grading run needs from the kit, prepared once: the exercises (derived from the
 * packaged stubs), the hidden tests, the "given classes" students compile against, and the
 * class path of the JVM that runs a submission.
 *
 * <p>How the reference stays out of students' reach: it is the solutions relocated to
 * {@code dlkit.reference.*} (see solutions/pom.xml), on the test JVM's class path for the hidden
 * tests, and the bytecode policy refuses any student reference to {@code dlkit.reference}. The
 * original {@code dlkit.*} solutions are on that class path only as given classes, with the
 * exercise classes removed, so the student's (or the stub's) class is the only one there is.
 *
 * <p>Works from the packaged jar ({@code lib/} beside it) and from Maven's class folders alike:
 * each library is found from where one of its classes was loaded. Everything the test JVM reads
 * is copied into the run's temporary folder, so it can be shared with the user that runs student
 * code ({@link #shareWithOtherUsers()}) while the grader's own installation stays private. Close
 * the kit to delete that folder.
 */
public final class Kit implements AutoCloseable {

    /** The grader's version, as {@code --version} prints it and shard outputs record it. */
    public static final String VERSION = "dlkit 1.0";
    /** Resource folder of the generated stubs, packaged by grader/pom.xml. */
    public static final String STUBS = "kit/stubs/";
    /** The message every stub throws starts with this. */
    public static final String NOT_IMPLEMENTED = "not implemented yet: ";

    /** Classes whose jars (or folders) the test JVM needs, besides the given and grader classes. */
    private static final List<String> RUNTIME_MARKERS = List.of(
            "dlkit.reference.core.Matrices", "dlkit.testing.KitAssertions",
            "org.ejml.data.DMatrixRMaj", "org.ejml.dense.row.CommonOps_DDRM",
            "org.junit.platform.launcher.Launcher", "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.JUnitException", "org.junit.jupiter.api.Test",
            "org.junit.jupiter.engine.JupiterTestEngine", "org.junit.jupiter.params.ParameterizedTest",
            "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API",
            "org.assertj.core.api.Assertions", "net.bytebuddy.ByteBuddy",
            "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonProperty");
    /** Libraries student code compiles against, besides the given classes. */
    private static final List<String> COMPILE_MARKERS = List.of(
            "org.ejml.data.DMatrixRMaj", "org.ejml.dense.row.CommonOps_DDRM");

    private final Path workDir;
    private final Path scratchRoot;
    private final List<Exercise> exercises;
    private final Path givenClasses;
    private final Path graderClasses;
    private final List<Path> compileClasspath;
    private final List<Path> runtimeClasspath;
    private final TestCatalog catalog;
    private volatile boolean shared;
    private volatile boolean keepWork;
    private final Path referenceExercisesJar;

    private Kit(Path workDir, Path scratchRoot, List<Exercise> exercises, Path givenClasses, Path graderClasses,
                List<Path> compileClasspath, List<Path> runtimeClasspath, Path referenceExercisesJar, TestCatalog catalog) {
        this.referenceExercisesJar = referenceExercisesJar;
        this.workDir = workDir;
        this.scratchRoot = scratchRoot;
        this.exercises = exercises;
        this.givenClasses = givenClasses;
        this.graderClasses = graderClasses;
        this.compileClasspath = compileClasspath;
        this.runtimeClasspath = runtimeClasspath;
        this.catalog = catalog;
    }

    /** Prepares the kit in a new temporary folder. */
    public static Kit open() throws IOException {
        List<Exercise> exercises = packagedExercises();
        if (exercises.isEmpty()) {
            throw new IllegalStateException("the grader holds no stubs under " + STUBS + "; rebuild it with mvn package");
        }
        Path workDir = Files.createTempDirectory("dlkit-grading-");
        Path scratchRoot = null;
        try {
            scratchRoot = Files.createTempDirectory("dlkit-scratch-");
            Path given = workDir.resolve("given");
            copyFiles(Resources.location("dlkit.core.Matrices"), given, name -> exercises.stream().noneMatch(e -> e.ownsClassFile(name)));
            // The grader's own classes, without its jar: the jar's manifest would drag in the complete solutions.
            Path grader = workDir.resolve("grader");
            copyFiles(Resources.location(Kit.class), grader, name -> true);
            LinkedHashSet<Path> libraries = new LinkedHashSet<>();
            RUNTIME_MARKERS.forEach(m -> libraries.add(Resources.location(m)));
            // Copies, so the test JVM reads only this run's folder (see shareWithOtherUsers); all
            // jars, as class-data sharing archives classes from jars only (see TestRunner).
            Path lib = Files.createDirectories(workDir.resolve("lib"));
            List<Path> runtime = new ArrayList<>(List.of(jar(given, lib.resolve("given.jar")), jar(grader, lib.resolve("grader.jar"))));
            int n = 0;
            for (Path library : libraries) {
                Path copy = lib.resolve(n++ + "-" + library.getFileName() + (Files.isDirectory(library) ? ".jar" : ""));
                if (Files.isDirectory(library)) {
                    jar(library, copy);
                } else {
                    Files.copy(library, copy);
                }
                runtime.add(copy);
            }
            // The reference's exercise classes under their own names, read-only like the other jars:
            // a test JVM must not change what the next submission is graded against.
            Path referenceClasses = workDir.resolve("reference-exercises");
            copyFiles(Resources.location("dlkit.core.Matrices"), referenceClasses,
                    name -> exercises.stream().anyMatch(e -> e.ownsClassFile(name)));
            Path referenceJar = jar(referenceClasses, lib.resolve("reference-exercises.jar"));
            deleteRecursively(referenceClasses);
            readOnly(lib);
            List<Path> compile = new ArrayList<>();
            compile.add(given);
            COMPILE_MARKERS.forEach(m -> compile.add(Resources.location(m)));
            return new Kit(workDir, scratchRoot, exercises, given, grader, List.copyOf(compile), List.copyOf(runtime),
                    referenceJar, TestCatalog.discover(exercises, grader));
        } catch (IOException | RuntimeException e) {
            writable(workDir.resolve("lib"));
            deleteRecursively(workDir);
            deleteRecursively(scratchRoot);
            throw e;
        }
    }

    /** The stub files (those that throw "not implemented yet: ") among the packaged kit sources. */
    public static List<Exercise> packagedExercises() {
        List<Exercise> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : Resources.readTree(STUBS).entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            if (e.getKey().endsWith(".java") && text.contains(NOT_IMPLEMENTED)) {
                found.add(new Exercise(e.getKey(), text));
            }
        }
        found.sort(Comparator.comparing(Exercise::file));
        return List.copyOf(found);
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    public Optional<Exercise> exercise(String file) {
        return exercises.stream().filter(e -> e.file().equals(file)).findFirst();
    }

    /**
     * The exercises named, each by class name ({@code Adam}), qualified name or file
     * ({@code dlkit/optim/Adam.java}); every exercise if {@code names} is empty.
     *
     * @throws IllegalArgumentException for a name that is no exercise, listing the exercises
     */
    public List<Exercise> exercisesNamed(List<String> names) {
        if (names.isEmpty()) {
            return exercises;
        }
        List<Exercise> named = new ArrayList<>();
        for (String name : names) {
            named.add(exercises.stream()
                    .filter(x -> x.simpleName().equals(name) || x.file().equals(name) || x.qualifiedName().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no exercise named " + name + " (" + suggest(name) + ")")));
        }
        return List.copyOf(named);
    }

    /** The exercises whose class name starts as {@code name} does (its first three letters, in any case), else all of them. */
    private String suggest(String name) {
        String start = name.strip();
        return suggestion(start.substring(start.lastIndexOf('/') + 1), exercises.stream().map(Exercise::simpleName).toList());
    }

    /**
     * For a message on a name that is no exercise's: those of {@code names} that start as {@code name}
     * does (its first three letters, in any case), else all of them, in their order.
     */
    public static String suggestion(String name, List<String> names) {
        String start = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        String prefix = start.substring(0, Math.min(3, start.length()));
        List<String> like = names.stream().filter(n -> !prefix.isEmpty() && n.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().toList();
        return like.isEmpty() ? "there are: " + String.join(", ", names) : "did you mean " + String.join(" or ", like) + "?";
    }

    public TestCatalog catalog() {
        return catalog;
    }

    /** The solutions' classes minus the exercises: the code students compile and run against. */
    public Path givenClasses() {
        return givenClasses;
    }

    /**
     * The reference's own exercise classes, under their own names, as a read-only jar in the
     * run's folder: never on a test JVM's class path. The test JVM's loader of each hidden test
     * class reads from it every exercise class but the one the class grades (a bug is charged
     * once: {@code dlkit.grader.run.OneExerciseLoader}); the run that makes the class-data
     * sharing archive runs the tests on it.
     */
    public Path referenceExercisesJar() {
        return referenceExercisesJar;
    }

    /** The folder of the grader's own classes, hidden tests included. */
    public Path graderClasses() {
        return graderClasses;
    }

    /** Given classes and EJML. */
    public List<Path> compileClasspath() {
        return compileClasspath;
    }

    /** The test JVM's class path (jars), to be placed before the student's classes. */
    public List<Path> runtimeClasspath() {
        return runtimeClasspath;
    }

    /**
     * Where test JVMs work: each in an empty folder of its own made here ({@code TestRunner}), a
     * temporary folder apart from the run's, so that nothing of the grader is near.
     */
    public Path scratchRoot() {
        return scratchRoot;
    }

    /**
     * Keeps the run's folder when the kit closes ({@code --keep-work}) and returns it: what each
     * submission compiled to, the unzipped submissions, the plots' inputs. What student code can
     * read and write while it runs is unchanged; a finished submission's folder is the grader's
     * user's alone ({@link #discard}).
     */
    public Path keepWork() {
        keepWork = true;
        return workDir.toAbsolutePath().normalize();
    }

    /**
     * Done with a folder from {@link #newWorkFolder}: deleted, or, when the work is kept, left
     * readable by the grader's user alone, so that a test JVM started later as another user
     * ({@code --launcher}) cannot read one student's classes while it runs another's.
     */
    public void discard(Path folder) {
        if (!keepWork) {
            deleteRecursively(folder);
            return;
        }
        try {
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            deleteRecursively(folder);
        }
    }

    /**
     * The instructor's cache of what is worked out once per kit (see {@code Parts.find}):
     * {@code $XDG_CACHE_HOME/dlkit}, else {@code ~/.cache/dlkit}. Safe to delete; never read by test JVMs.
     */
    public static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dlkit");
    }

    /** A new empty folder inside the run's temporary folder. */
    public Path newWorkFolder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(workDir, prefix);
        if (shared) {
            shareWithOtherUsers(folder);
        }
        return folder;
    }

    /**
     * Makes the run's folder readable by every user (folders rwxr-xr-x, files rw-r--r--), for a
     * test JVM started as another, unprivileged user ({@code grade --launcher}); folders made
     * later are readable too. Without this, the folder is the grader's user's alone.
     */
    public void shareWithOtherUsers() throws IOException {
        shared = true;
        shareWithOtherUsers(workDir);
        readOnly(workDir.resolve("lib"));
        if (scratchRoot.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Others may go through to their JVM's folder (made writable for them), not list or change it.
            Files.setPosixFilePermissions(scratchRoot, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    /** {@link #shareWithOtherUsers()} for one folder and what it holds; nothing on file systems without POSIX permissions. */
    public static void shareWithOtherUsers(Path tree) throws IOException {
        if (!tree.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        writable(workDir.resolve("lib"));
        if (!keepWork) {
            deleteRecursively(workDir);
        }
        deleteRecursively(scratchRoot);
    }

    /** The run's jars read-only, files and folder, for every user: a test JVM cannot change them for the next submission. */
    private static void readOnly(Path lib) throws IOException {
        setPermissions(lib, "r--r--r--", "r-xr-xr-x");
    }

    /** {@code lib} writable again by the grader's user, so that it can be deleted. */
    private static void writable(Path lib) throws IOException {
        setPermissions(lib, "rw-r--r--", "rwxr-xr-x");
    }

    private static void setPermissions(Path folder, String files, String folders) throws IOException {
        if (!Files.isDirectory(folder) || !folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        // The folder last when closing it, first when opening it: a file in a read-only folder cannot be changed.
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(files));
            }
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(folders));
    }

    /**
     * Copies the files accepted by {@code keep} (classes and resources, by their path inside),
     * from a jar or folder into {@code to}; a jar's META-INF is left out.
     */
    private static void copyFiles(Path from, Path to, java.util.function.Predicate<String> keep) throws IOException {
        Files.createDirectories(to);
        if (Files.isDirectory(from)) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String name = from.relativize(p).toString().replace('\\', '/');
                    if (!name.startsWith("META-INF/") && keep.test(name)) {
                        Path target = to.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(from.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/") && keep.test(e.getName())) {
                    Path target = to.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    /** Packs the files of {@code folder} (META-INF aside) into the new jar {@code jar}, which is returned. */
    private static Path jar(Path folder, Path jar) throws IOException {
        try (Stream<Path> s = Files.walk(folder);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (!name.startsWith("META-INF/")) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
