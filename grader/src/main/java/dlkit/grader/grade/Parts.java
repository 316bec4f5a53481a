package dlkit.grader.grade;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.policy.BytecodePolicy;
import dlkit.grader.run.ChildMain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which exercises use which, read with ASM from the class files (never from a student's): the
 * other exercises the reference's solution of an exercise names (the capstone's Dense, ReLU,
 * Adam, ...), and those its hidden test class names. The test JVM takes these, and only these,
 * from the reference when it runs that test class (a bug is charged once); the capstone's
 * feedback names those of its parts that lost points.
 */
public final class Parts {

    private Parts() {}

    /** For each exercise file, the other exercises the reference's solution of it uses, in the kit's order. */
    public static Map<String, List<Exercise>> usedByReference(Kit kit) throws IOException {
        Map<String, List<Exercise>> parts = new LinkedHashMap<>();
        for (Exercise whole : kit.exercises()) {
            parts.put(whole.file(), exercisesNamed(kit.exercises(), whole, referenceClassesOf(kit, whole)));
        }
        return parts;
    }

    /**
     * For each hidden test class (binary name), the binary names of the other exercises' classes
     * it meets as the reference's: those its exercise's reference solution uses, and those the
     * test class itself (with its nested classes and the hidden helpers it names) uses, and, of
     * each of these, what its reference uses in turn.
     */
    public static Map<String, Set<String>> referenceFor(Kit kit) throws IOException {
        Map<String, List<Exercise>> byReference = usedByReference(kit);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ExpectedTest t : kit.catalog().tests()) {
            String testClass = ChildMain.testClassOf(t.uniqueId());
            Exercise graded = kit.exercise(t.exercise()).orElseThrow();
            if (testClass == null || out.containsKey(testClass)) {
                continue;
            }
            Set<String> named = testClassesNamedBy(kit.graderClasses(), testClass.replace('.', '/'));
            // What the reference's classes use is the reference's too, all the way down: the
            // reference's DigitClassifier.train, met by DigitCnn's test, trains with the reference's Adam.
            Deque<Exercise> todo = new ArrayDeque<>(exercisesNamed(kit.exercises(), graded, named));
            todo.addAll(byReference.get(graded.file()));
            Set<String> classes = new TreeSet<>();
            while (!todo.isEmpty()) {
                Exercise e = todo.poll();
                if (e != graded && classes.add(e.qualifiedName())) {
                    todo.addAll(byReference.get(e.file()));
                }
            }
            out.put(testClass, classes);
        }
        return out;
    }

    /** The internal names the reference's class files of {@code exercise} refer to. */
    private static Set<String> referenceClassesOf(Kit kit, Exercise exercise) throws IOException {
        Set<String> named = new TreeSet<>();
        try (JarFile jar = new JarFile(kit.referenceExercisesJar().toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().endsWith(".class") && exercise.ownsClassFile(entry.getName())) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        named.addAll(BytecodePolicy.referencedClasses(in.readAllBytes()));
                    }
                }
            }
        }
        return named;
    }

    /**
     * The internal names a hidden test class refers to, with its nested classes and, one step
     * further, the hidden helper classes it names ({@code CapstoneData}, {@code LayerPair}).
     */
    private static Set<String> testClassesNamedBy(Path graderClasses, String testClass) throws IOException {
        Set<String> named = new TreeSet<>(classFilesOf(graderClasses, testClass));
        for (String helper : List.copyOf(named)) {
            if (helper.startsWith(TestCatalog.HIDDEN_PACKAGE.replace('.', '/') + "/") && !helper.startsWith(testClass)) {
                named.addAll(classFilesOf(graderClasses, helper));
            }
        }
        return named;
    }

    /** What the class file of {@code internal} and those of its nested classes refer to. */
    private static Set<String> classFilesOf(Path classes, String internal) throws IOException {
        Set<String> named = new TreeSet<>();
        Path folder = classes.resolve(internal).getParent();
        String simple = internal.substring(internal.lastIndexOf('/') + 1);
        if (folder == null || !Files.isDirectory(folder)) {
            return named;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals(simple + ".class") || name.startsWith(simple + "$") && name.endsWith(".class")) {
                    named.addAll(BytecodePolicy.referencedClasses(Files.readAllBytes(f)));
                }
            }
        }
        return named;
    }

    /** The exercises other than {@code whole} that own one of the {@code named} classes, in the kit's order. */
    private static List<Exercise> exercisesNamed(List<Exercise> exercises, Exercise whole, Set<String> named) {
        List<Exercise> used = new ArrayList<>();
        for (Exercise e : exercises) {
            if (e != whole && named.stream().anyMatch(n -> e.ownsClassFile(n + ".class"))) {
                used.add(e);
            }
        }
        return List.copyOf(used);
    }
}
