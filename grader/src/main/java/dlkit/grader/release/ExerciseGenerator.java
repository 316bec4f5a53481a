package dlkit.grader.release;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the student kit ({@code exercises/}) from {@code solutions/}, the single source.
 *
 * <p>In {@code solutions/src/main/java}, a solution region is the rest of a method body between
 * a line {@code // BEGIN SOLUTION} and a line {@code // END SOLUTION}; the TODO comment above it
 * stays. In the kit the region becomes one line,
 * {@code throw new UnsupportedOperationException("not implemented yet: Adam.update");}, so the stub
 * compiles and its public tests fail with that message until the student works. Files without a
 * region are given code, copied as they are. The given resources ({@code src/main/resources}, such
 * as a data set), the public tests and their resources are copied.
 */
public final class ExerciseGenerator {

    public static final String BEGIN = "// BEGIN SOLUTION";
    public static final String END = "// END SOLUTION";
    /** The options of the JVM that runs Maven in the kit. */
    static final String JVM_CONFIG = ".mvn/jvm.config";

    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*"
                    + "(?:<[^>]+>\\s+)?(?:[\\w.<>\\[\\],? ]+\\s+)?(\\w+)\\s*\\(.*");
    private static final Pattern GOLDEN_SCRIPT = Pattern.compile("solutions/golden/\\w+\\.py");
    private static final Pattern CONTROL = Pattern.compile("^\\s*(?:if|for|while|switch|catch|synchronized|return|throw|new|else|try|do|yield|assert|case)\\b.*");

    /** One solution region turned into a stub: the exercise method a student writes. */
    public record Stub(String file, String className, String method, int line) {
        public String qualifiedMethod() {
            return className + "." + method;
        }
    }

    /**
     * What a release wrote.
     *
     * @param stubs     one per solution region
     * @param listings  one per exercise (file with stubs), in file order
     * @param files     every file written, relative to the kit's folder, sorted
     */
    public record Result(List<Stub> stubs, List<Listing> listings, List<String> files) {}

    /** The whole kit: {@link #generate(Path, Path, List)} with every exercise. */
    public Result generate(Path solutionsDir, Path exercisesDir) throws IOException {
        return generate(solutionsDir, exercisesDir, null);
    }

    /**
     * Writes the kit into {@code exercisesDir}: everything the generator owns there is deleted
     * first, so a class removed from solutions/ disappears from the kit too. Next to the sources
     * and public tests it writes the kit's pom, its README with the table of exercises, and the
     * GitHub Classroom workflow ({@link ClassroomWorkflow}).
     *
     * @param assignment the exercise files of one assignment ({@code dlkit/optim/Adam.java}): the
     *                   kit then holds their stubs, their public tests and the code those need
     *                   ({@link AssignmentKit}), and its README and workflow only them; null for all
     */
    public Result generate(Path solutionsDir, Path exercisesDir, List<String> assignment) throws IOException {
        Path mainJava = solutionsDir.resolve("src/main/java");
        if (!Files.isDirectory(mainJava)) {
            throw new IOException("no solutions found: " + mainJava + " is not a folder");
        }
        deleteRecursively(exercisesDir.resolve("src"));
        deleteRecursively(exercisesDir.resolve(".github"));
        deleteRecursively(exercisesDir.resolve(".mvn"));
        Files.createDirectories(exercisesDir);

        List<Stub> stubs = new ArrayList<>();
        List<Exercise> exercises = new ArrayList<>();
        Set<String> written = new TreeSet<>();
        for (Path file : listFiles(mainJava)) {
            String relative = mainJava.relativize(file).toString().replace('\\', '/');
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (relative.endsWith(".java")) {
                int before = stubs.size();
                text = stubSource(text, relative, stubs);
                if (stubs.size() > before) {
                    exercises.add(new Exercise(relative, text));
                }
            }
            written.add(write(exercisesDir, "src/main/java/" + relative, text));
        }
        Map<String, List<String>> testMethods = new TreeMap<>();
        for (String folder : List.of("src/main/resources", "src/test/java", "src/test/resources")) {
            Path from = solutionsDir.resolve(folder);
            if (!Files.isDirectory(from)) {
                continue;
            }
            for (Path file : listFiles(from)) {
                String relative = from.relativize(file).toString().replace('\\', '/');
                Path to = exercisesDir.resolve(folder).resolve(relative);
                Files.createDirectories(to.getParent());
                if (folder.startsWith("src/test/") && (relative.endsWith(".java") || relative.endsWith(".json"))) {
                    Files.writeString(to, forStudents(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, to);
                }
                if (folder.equals("src/test/java") && relative.endsWith(".java")) {
                    testMethods.put(relative.substring(0, relative.length() - 5).replace('/', '.'),
                            testMethods(Files.readString(file, StandardCharsets.UTF_8)));
                }
                written.add(folder + "/" + relative);
            }
        }
        List<Listing> listings = Listing.of(exercises, testMethods, TestCatalog.ofGrader().pointsByExercise());
        if (assignment != null) {
            AssignmentKit.Cut cut = AssignmentKit.cut(exercisesDir, List.copyOf(written), listings, assignment);
            written = new TreeSet<>(cut.files());
            listings = cut.exercises();
            alsoNeeded = cut.alsoNeeded();
        } else {
            alsoNeeded = List.of();
        }
        written.add(write(exercisesDir, "pom.xml", resource("kit/exercises-pom.xml")));
        written.add(write(exercisesDir, ".gitignore", resource("kit/exercises-gitignore")));
        // Maven's own JVM with the quick compiler only: a short build takes half the CPU time.
        written.add(write(exercisesDir, JVM_CONFIG, resource("kit/exercises-mvn-jvm.config")));
        Path root = solutionsDir.toAbsolutePath().normalize().getParent();
        List<String> courseOrder = root != null && Files.isRegularFile(root.resolve(Manifest.FILE))
                ? List.copyOf(Manifest.read(root).exercises().keySet()) : List.of();
        written.add(write(exercisesDir, "README.md", StudentReadme.render(resource("kit/exercises-README.md"), listings,
                readmeTexts(listings, exercisesDir), alsoNeeded, courseOrder)));
        written.add(write(exercisesDir, ClassroomWorkflow.PATH, ClassroomWorkflow.render(listings)));
        written.add(write(exercisesDir, ClassroomWorkflow.HELPER, resource("kit/classroom-CompileOrStub.java")));
        return new Result(List.copyOf(stubs), listings, List.copyOf(written));
    }

    /** Of the last {@link #generate}: exercises outside the assignment whose stubs its code needs (empty for the whole kit). */
    public List<Listing> alsoNeeded() {
        return alsoNeeded;
    }

    private List<Listing> alsoNeeded = List.of();

    /** For each exercise, its kit source and its own public tests (named after it), as {@link StudentReadme} reads them. */
    private static java.util.Map<String, String> readmeTexts(List<Listing> exercises, Path kit) throws IOException {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        for (Listing e : exercises) {
            StringBuilder text = new StringBuilder(Files.readString(kit.resolve("src/main/java").resolve(e.file())));
            for (String test : e.publicTests()) {
                Path file = kit.resolve("src/test/java").resolve(test.replace('.', '/') + ".java");
                if (test.substring(test.lastIndexOf('.') + 1).startsWith(e.simpleName()) && Files.isRegularFile(file)) {
                    text.append('\n').append(Files.readString(file));
                }
            }
            texts.put(e.file(), text.toString());
        }
        return texts;
    }

    /**
     * A public test or golden file as students get it: the scripts that computed the golden
     * values stay with the instructor, so their path in {@code solutions/} is not named.
     */
    static String forStudents(String text) {
        return GOLDEN_SCRIPT.matcher(text).replaceAll("the instructor's PyTorch script");
    }

    /**
     * The stub version of one source file: each solution region replaced by a throw.
     *
     * @param source   the complete file; not modified
     * @param fileName its path below src/main/java, for messages and the class name
     * @param stubs    receives one entry per region found
     * @throws IllegalArgumentException if a region is unclosed, nested, or not at the end of a method
     */
    public static String stubSource(String source, String fileName, List<Stub> stubs) {
        String className = fileName.substring(fileName.lastIndexOf('/') + 1).replace(".java", "");
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.trim().equals(BEGIN)) {
                if (line.trim().equals(END)) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": " + END + " without " + BEGIN);
                }
                out.append(line).append(i == lines.length - 1 ? "" : "\n");
                continue;
            }
            int begin = i;
            String method = enclosingMethod(lines, begin, fileName);
            int end = begin + 1;
            while (end < lines.length && !lines[end].trim().equals(END)) {
                if (lines[end].trim().equals(BEGIN)) {
                    throw new IllegalArgumentException(fileName + ":" + (end + 1) + ": nested " + BEGIN);
                }
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException(fileName + ":" + (begin + 1) + ": " + BEGIN + " is never closed");
            }
            int next = end + 1;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            if (next == lines.length || !lines[next].trim().equals("}")) {
                throw new IllegalArgumentException(fileName + ":" + (end + 1)
                        + ": a solution region must be the rest of its method body (the next line must be '}')");
            }
            String indent = line.substring(0, line.indexOf('/'));
            out.append(indent).append("throw new UnsupportedOperationException(\"")
                    .append(Kit.NOT_IMPLEMENTED).append(className).append('.').append(method).append("\");\n");
            stubs.add(new Stub(fileName, className, method, begin + 1));
            i = end;
        }
        return out.toString();
    }

    private static String enclosingMethod(String[] lines, int begin, String fileName) {
        for (int i = begin - 1; i >= 0; i--) {
            String line = lines[i];
            String trimmed = line.trim();
            if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
                continue;
            }
            Matcher m = METHOD.matcher(line);
            if (m.matches() && !CONTROL.matcher(line).matches() && !trimmed.contains("=") && !trimmed.endsWith(";")) {
                return m.group(1);
            }
        }
        throw new IllegalArgumentException(fileName + ":" + (begin + 1) + ": " + BEGIN + " is not inside a method");
    }

    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest)\\b(?:\\([^)]*\\))?(?:\\s*@[\\w.]+(?:\\([^)]*\\))?)*\\s*(?:public\\s+)?void\\s+(\\w+)\\s*\\(");

    /** The names of a test class's test methods, in file order. */
    static List<String> testMethods(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = TEST_METHOD.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String resource(String name) {
        try (InputStream in = ExerciseGenerator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the grader is missing its resource " + name + "; rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Writes {@code dir/relative} and returns {@code relative}. */
    private static String write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return relative;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
