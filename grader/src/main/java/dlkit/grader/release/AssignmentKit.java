package dlkit.grader.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit of one assignment, cut from the whole kit: its exercises' stubs, their public tests,
 * and every source those need, found by following names from file to file (a class of the same
 * package named as a word, or one imported). Where that reaches another exercise's file, its
 * stub comes too (the student's own from an earlier week can replace it), and the release says
 * so. Resources (data sets, golden values) are all kept. A test compiles the cut kit and runs its
 * public tests.
 */
final class AssignmentKit {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z]\\w*\\b");

    /**
     * What the cut kit holds.
     *
     * @param files     every file kept, relative to the kit's folder
     * @param exercises the assignment's exercises
     * @param alsoNeeded exercises outside the assignment whose stubs its code needs
     */
    record Cut(List<String> files, List<Listing> exercises, List<Listing> alsoNeeded) {}

    private AssignmentKit() {}

    /**
     * Deletes from {@code kitDir} what {@code assignmentFiles} (exercise files, {@code dlkit/optim/Adam.java})
     * do not need, of the {@code written} files of a whole-kit release.
     */
    static Cut cut(Path kitDir, List<String> written, List<Listing> all, List<String> assignmentFiles) throws IOException {
        Map<String, String> sourceOfClass = new LinkedHashMap<>();
        for (String f : written) {
            for (String root : List.of("src/main/java/", "src/test/java/")) {
                if (f.startsWith(root) && f.endsWith(".java")) {
                    sourceOfClass.put(f.substring(root.length(), f.length() - 5).replace('/', '.'), f);
                }
            }
        }
        Deque<String> todo = new ArrayDeque<>();
        Set<String> needed = new LinkedHashSet<>();
        List<Listing> chosen = all.stream().filter(e -> assignmentFiles.contains(e.file())).toList();
        for (Listing e : chosen) {
            todo.add("src/main/java/" + e.file());
            e.publicTests().stream().map(t -> t.contains("#") ? t.substring(0, t.indexOf('#')) : t).forEach(t -> {
                if (sourceOfClass.containsKey(t)) {
                    todo.add(sourceOfClass.get(t));
                }
            });
        }
        // The test support the kit registers as a service (the summary, the stack-trace trimmer) is named by no source.
        for (String f : written) {
            if (f.startsWith("src/test/resources/META-INF/services/")) {
                Files.readAllLines(kitDir.resolve(f)).stream().map(String::strip).filter(sourceOfClass::containsKey)
                        .map(sourceOfClass::get).forEach(todo::add);
            }
        }
        while (!todo.isEmpty()) {
            String f = todo.poll();
            if (!needed.add(f)) {
                continue;
            }
            String text = Files.readString(kitDir.resolve(f));
            boolean test = f.startsWith("src/test/java/");
            for (String c : references(f, text, sourceOfClass.keySet())) {
                String source = sourceOfClass.get(c);
                // Main code never needs a test; a test may use another's helpers (a static import of BatchNormTest.random).
                if (source.startsWith("src/test/java/") && !test) {
                    continue;
                }
                todo.add(source);
            }
        }
        List<String> kept = new ArrayList<>();
        for (String f : written) {
            boolean source = f.endsWith(".java") && (f.startsWith("src/main/java/") || f.startsWith("src/test/java/"));
            if (!source || needed.contains(f)) {
                kept.add(f);
            } else {
                Files.delete(kitDir.resolve(f));
            }
        }
        List<Listing> alsoNeeded = all.stream()
                .filter(e -> !assignmentFiles.contains(e.file()) && needed.contains("src/main/java/" + e.file())).toList();
        return new Cut(List.copyOf(kept), chosen, alsoNeeded);
    }

    /** The kit classes {@code text} (the file {@code f}) names: of its own package as words, or imported. */
    static Set<String> references(String f, String text, Set<String> classes) {
        String root = f.startsWith("src/main/java/") ? "src/main/java/" : "src/test/java/";
        String path = f.substring(root.length());
        String pkg = path.contains("/") ? path.substring(0, path.lastIndexOf('/')).replace('/', '.') : "";
        Set<String> packages = new TreeSet<>(List.of(pkg));
        Set<String> found = new TreeSet<>();
        Matcher imports = IMPORT.matcher(text);
        while (imports.find()) {
            String name = imports.group(1);
            if (imports.group(2) != null) {
                packages.add(name);
            }
            // An import of a class, or of a static member of one.
            for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
                if (classes.contains(n)) {
                    found.add(n);
                    break;
                }
            }
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            for (String p : packages) {
                String c = p.isEmpty() ? words.group() : p + "." + words.group();
                if (classes.contains(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }
}
