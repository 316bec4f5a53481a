package dlkit.grader.grade;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.policy.BytecodePolicy;
import dlkit.grader.run.ChildMain;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** What this class finds for a kit, all at once: see {@link #usedByReference}, {@link #referenceFor}, {@link #sharedByLoaders}. */
    public record Found(Map<String, List<String>> usedByReference, Map<String, Set<String>> referenceFor,
                        Set<String> sharedByLoaders) {

        /** In order of name throughout (the lists keep the kit's order), so that it reads back as it was written. */
        public Found {
            Map<String, List<String>> used = new TreeMap<>();
            usedByReference.forEach((file, list) -> used.put(file, List.copyOf(list)));
            usedByReference = Collections.unmodifiableMap(used);
            Map<String, Set<String>> reference = new TreeMap<>();
            referenceFor.forEach((test, classes) -> reference.put(test, Collections.unmodifiableSet(new TreeSet<>(classes))));
            referenceFor = Collections.unmodifiableMap(reference);
            sharedByLoaders = Collections.unmodifiableSet(new TreeSet<>(sharedByLoaders));
        }

        /** {@link Parts#usedByReference}: for each exercise file, the exercises its reference uses. */
        public Map<String, List<Exercise>> usedByReference(Kit kit) {
            Map<String, List<Exercise>> parts = new LinkedHashMap<>();
            usedByReference.forEach((file, used) -> parts.put(file, used.stream().map(f -> kit.exercise(f).orElseThrow()).toList()));
            return parts;
        }
    }

    /** The cache's format: a change of what is found, or how, changes it, so older files are found again. */
    static final int CACHE_FORMAT = 1;

    /** One cache file: the format, the hash of the kit it was found for, what was found, and a digest of all three. */
    record Cached(int format, String kit, Found found, String digest) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What this class finds for {@code kit}, read from {@code cache} (a folder; null for none) if
     * it was found there for the same kit, else found (some 1.5 s of reading class files) and
     * written there. The file is named by a SHA-256 of the kit's class files (the given code,
     * the hidden tests, the API, the public tests, the reference's exercises) and records that
     * hash, the cache's format and a digest of its content: a file of another kit, another
     * format, edited or damaged, is found again and replaced. The folder is the instructor's
     * (see {@link Kit#cacheFolder()}): a test JVM cannot write it (the sandbox, or another user);
     * it is trusted as far as the grader's own jar, which sits beside it in the same user's files.
     */
    public static Found find(Kit kit, Path cache) throws IOException {
        String hash = kitHash(kit);
        Path file = cache == null ? null : cache.resolve("parts-" + hash + ".json");
        if (file != null && Files.isRegularFile(file)) {
            try {
                Cached c = JSON.readValue(file.toFile(), Cached.class);
                if (c.format() == CACHE_FORMAT && hash.equals(c.kit()) && digest(c.format(), c.kit(), c.found()).equals(c.digest())) {
                    return c.found();
                }
            } catch (IOException | RuntimeException e) {
                // damaged: found again below
            }
        }
        Map<String, List<String>> used = new LinkedHashMap<>();
        usedByReference(kit).forEach((f, list) -> used.put(f, list.stream().map(Exercise::file).toList()));
        Found found = new Found(used, referenceFor(kit), sharedByLoaders(kit));
        if (file != null) {
            Path temporary = null;
            try {
                Files.createDirectories(cache);
                temporary = Files.createTempFile(cache, "parts-", ".tmp");
                JSON.writeValue(temporary.toFile(), new Cached(CACHE_FORMAT, hash, found, digest(CACHE_FORMAT, hash, found)));
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // no cache here: found again next time
                if (temporary != null) {
                    temporary.toFile().delete();
                }
            }
        }
        return found;
    }

    /** The SHA-256 of the kit's own class files (their names, CRC-32s and sizes, in order of name), in hex. */
    static String kitHash(Kit kit) throws IOException {
        MessageDigest sha = sha256();
        List<Path> jars = new ArrayList<>(kit.runtimeClasspath());
        jars.add(kit.referenceExercisesJar());
        addEntries(sha, jars, name -> name.startsWith("dlkit/"));
        for (Exercise e : kit.exercises()) {
            sha.update((e.file() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Adds to {@code sha} each jar's file name and, in order of name, its entries named as
     * {@code names} takes: each name with the jar's own CRC-32 and size of it (reading the bytes
     * of them all took seconds). Jars that are not there are left out.
     */
    static void addEntries(MessageDigest sha, List<Path> jars, java.util.function.Predicate<String> names) throws IOException {
        for (Path path : jars) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                List<JarEntry> entries = jar.stream().filter(e -> names.test(e.getName()))
                        .sorted(java.util.Comparator.comparing(JarEntry::getName)).toList();
                sha.update((path.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                for (JarEntry entry : entries) {
                    sha.update((entry.getName() + " " + entry.getCrc() + " " + entry.getSize() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static String digest(int format, String kit, Found found) throws IOException {
        MessageDigest sha = sha256();
        sha.update((format + "\n" + kit + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(JSON.writeValueAsBytes(found));
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

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
