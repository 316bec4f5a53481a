package dlkit.grader.kit;

import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.policy.BytecodePolicy;
import dlkit.grader.run.ChildMain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
                if (e != graded && classes.add(e.className())) {
                    todo.addAll(byReference.get(e.file()));
                }
            }
            out.put(testClass, classes);
        }
        return out;
    }

    /**
     * The kit's classes that the loader of a hidden test class ({@code OneExerciseLoader}) may
     * take from the test JVM's class path instead of defining them again (binary names): those of
     * the class path's jars that it would define itself ({@link ChildMain#definedPerTestClass})
     * and that need not be defined per loader. Defined per loader are the exercises' classes and,
     * to a fixed point, every class that refers to one defined per loader (it must see that
     * loader's copy); the classes nested with one (they share private members); and a class of
     * the same package that such a class refers to (for an exercise, whose student's code is not
     * known here, any class of its package), if it is not public or has members that are neither
     * public nor private (a class of another loader cannot use those). What is left
     * (the API's {@code Draw} and {@code Given}, the given {@code Dataset}) runs the same in every
     * loader, so one copy serves all: loaded, verified and compiled once per JVM, not once per test class.
     */
    public static Set<String> sharedByLoaders(Kit kit) throws IOException {
        Map<String, ClassFacts> facts = new HashMap<>();
        for (Path path : kit.runtimeClasspath()) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && ChildMain.definedPerTestClass(binaryName(name))) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            facts.put(name.substring(0, name.length() - ".class".length()), ClassFacts.of(in.readAllBytes()));
                        }
                    }
                }
            }
        }
        Map<String, Set<String>> referredBy = new HashMap<>();
        Map<String, Set<String>> nests = new HashMap<>();
        Map<String, Set<String>> packages = new HashMap<>();
        facts.forEach((from, f) -> {
            packages.computeIfAbsent(packageOf(from), k -> new HashSet<>()).add(from);
            f.refersTo().forEach(n -> referredBy.computeIfAbsent(n, k -> new HashSet<>()).add(from));
            nests.computeIfAbsent(nestOf(from), k -> new HashSet<>()).add(from);
        });
        Deque<String> todo = new ArrayDeque<>();
        Set<String> perLoader = new HashSet<>();
        // The exercises' classes are not on the class path (the student's, the stubs, the
        // reference's come from elsewhere): they are found as what the kit's classes refer to.
        Set<String> named = new HashSet<>(facts.keySet());
        named.addAll(referredBy.keySet());
        for (String name : named) {
            if (kit.exercises().stream().anyMatch(e -> e.ownsClassFile(name + ".class")) && perLoader.add(name)) {
                todo.add(name);
            }
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            Set<String> next = new HashSet<>(referredBy.getOrDefault(name, Set.of()));
            next.addAll(nests.getOrDefault(nestOf(name), Set.of()));
            // What an exercise's class refers to is not known here (the student's is compiled later): all of its package.
            ClassFacts f = facts.get(name);
            Set<String> uses = f == null ? packages.getOrDefault(packageOf(name), Set.of()) : f.refersTo();
            uses.stream().filter(n -> packageOf(n).equals(packageOf(name)) && facts.containsKey(n)
                    && facts.get(n).openToItsPackage()).forEach(next::add);
            for (String other : next) {
                if (facts.containsKey(other) && perLoader.add(other)) {
                    todo.add(other);
                }
            }
        }
        Set<String> shared = new TreeSet<>();
        facts.keySet().stream().filter(n -> !perLoader.contains(n)).forEach(n -> shared.add(binaryName(n + ".class")));
        return shared;
    }

    /**
     * Of one class file: the classes it refers to (internal names), and whether it is open to
     * its package (not public, or with a field or method neither public nor private).
     */
    private record ClassFacts(Set<String> refersTo, boolean openToItsPackage) {
        static ClassFacts of(byte[] classFile) {
            boolean[] open = new boolean[1];
            new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                    open[0] |= (access & Opcodes.ACC_PUBLIC) == 0;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    open[0] |= openTo(access);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    open[0] |= openTo(access);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
            return new ClassFacts(BytecodePolicy.referencedClasses(classFile), open[0]);
        }

        private static boolean openTo(int access) {
            return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE)) == 0;
        }
    }

    /** The top-level class a class is nested in (itself if none), by internal name. */
    private static String nestOf(String internalName) {
        int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }

    private static String packageOf(String internalName) {
        return internalName.substring(0, Math.max(0, internalName.lastIndexOf('/')));
    }

    private static String binaryName(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
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
