package dlkit.grader.validate;

import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog.ExpectedTest;
import dlkit.grader.policy.BytecodePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs variants into as few submissions as is safe, so {@code validate} starts a few test JVMs
 * instead of one per variant. Two variants share a submission only if they patch different
 * exercises and neither exercise's hidden tests can reach the other's code (followed through
 * the compiled reference, the given code and the hidden tests); each exercise's score then is
 * exactly what its variant would score alone.
 */
final class VariantBatches {

    private static final Pattern TEST_CLASS = Pattern.compile("\\[class:([^\\]]+)]");

    private VariantBatches() {}

    /**
     * For each exercise file, the exercise files whose classes its hidden tests can reach
     * (itself included).
     *
     * @param referenceClasses the reference solutions compiled as a submission
     */
    static Map<String, Set<String>> reach(Kit kit, Path referenceClasses) throws IOException {
        List<Path> roots = List.of(referenceClasses, kit.givenClasses(), kit.graderClasses());
        Map<String, Set<String>> reach = new HashMap<>();
        for (Exercise e : kit.exercises()) {
            Deque<String> todo = new ArrayDeque<>();
            for (ExpectedTest t : kit.catalog().testsOf(List.of(e.file()))) {
                Matcher m = TEST_CLASS.matcher(t.uniqueId());
                if (m.find()) {
                    todo.add(m.group(1).replace('.', '/'));
                }
            }
            Set<String> visited = new HashSet<>();
            Set<String> files = new TreeSet<>(Set.of(e.file()));
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (!visited.add(name)) {
                    continue;
                }
                kit.exercises().stream().filter(x -> x.ownsClassFile(name + ".class")).forEach(x -> files.add(x.file()));
                Path file = find(roots, name);
                if (file != null) {
                    todo.addAll(BytecodePolicy.referencedClasses(Files.readAllBytes(file)));
                    addNested(file, name, todo);
                }
            }
            reach.put(e.file(), files);
        }
        return reach;
    }

    /** Groups of variants that can be graded together, in order. */
    static List<List<Variant>> group(List<Variant> variants, Map<String, Set<String>> reach) {
        List<List<Variant>> groups = new ArrayList<>();
        for (Variant v : variants) {
            List<Variant> home = groups.stream().filter(g -> g.stream().allMatch(w -> independent(v, w, reach)))
                    .findFirst().orElse(null);
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(v);
        }
        return groups;
    }

    private static boolean independent(Variant a, Variant b, Map<String, Set<String>> reach) {
        return !a.file().equals(b.file())
                && !reach.getOrDefault(a.file(), Set.of(b.file())).contains(b.file())
                && !reach.getOrDefault(b.file(), Set.of(a.file())).contains(a.file());
    }

    private static Path find(List<Path> roots, String internalName) {
        for (Path root : roots) {
            Path p = root.resolve(internalName + ".class");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Nested classes (lambdas' hosts, inner helpers) go with their outer class. */
    private static void addNested(Path classFile, String name, Deque<String> todo) throws IOException {
        String simple = name.substring(name.lastIndexOf('/') + 1);
        try (var siblings = Files.list(classFile.getParent())) {
            siblings.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith(simple + "$") && f.endsWith(".class"))
                    .forEach(f -> todo.add(name.substring(0, name.lastIndexOf('/') + 1) + f.substring(0, f.length() - 6)));
        }
    }
}
