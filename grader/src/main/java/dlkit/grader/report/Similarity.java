package dlkit.grader.report;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.options.JPlagOptions;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.OwnStack;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Submissions that look copied from one another, for the instructor to look at (never a score):
 * pairs of students with the same file byte for byte (the kit's stub aside), and pairs whose
 * code JPlag finds similar, the kit's stubs given to it as base code so that what everyone got
 * handed out counts for nothing.
 */
public final class Similarity {

    /** A pair is flagged from this JPlag (maximal) similarity on (0 to 1). */
    public static final double FLAGGED_FROM = 0.8;

    /**
     * Two students whose submissions look alike.
     *
     * @param similarity JPlag's maximal similarity of their code, 0 to 1, base code left out: the share of the
     *                   smaller submission's code found in the other (one file copied among others counts)
     * @param identical  the exercise files they handed in byte for byte the same, the kit's stub aside
     */
    public record Pair(String first, String second, double similarity, List<String> identical) {}

    private Similarity() {}

    /**
     * The flagged pairs among {@code students} (each student's handed-in exercise files, file to
     * text, in the class's order), most similar first.
     *
     * @param work an empty folder for JPlag's copies of the files
     */
    public static List<Pair> flagged(Map<String, Map<String, String>> students, List<Exercise> exercises, Path work)
            throws IOException {
        return flagged(students, students.keySet(), exercises, work);
    }

    /**
     * The flagged pairs among {@code students} that have one of {@code newer} in them: the
     * {@code newer} are compared with each other and with the rest, never the rest with each
     * other (JPlag's new and old submissions). So a shard of a class, given its own students as
     * the newer and those of the shards it compares with as the rest, finds its share of the
     * class's pairs, and the shards together find each pair once. Each pair names its students
     * in the order of {@code students}; the list is in {@link #inClassOrder}.
     *
     * @param work an empty folder for JPlag's copies of the files
     */
    public static List<Pair> flagged(Map<String, Map<String, String>> students, Set<String> newer, List<Exercise> exercises,
                                     Path work) throws IOException {
        Map<String, String> stubs = new LinkedHashMap<>();
        exercises.forEach(e -> stubs.put(e.file(), e.stub()));
        List<String> names = new ArrayList<>(students.keySet());
        Map<String, Map<String, String>> kept = new LinkedHashMap<>();
        for (String student : names) {
            Map<String, String> own = new LinkedHashMap<>();
            students.get(student).forEach((file, text) -> {
                if (stubs.containsKey(file) && !sameText(text, stubs.get(file))) {
                    own.put(file, text);
                }
            });
            kept.put(student, own);
        }
        Map<String, Double> similar = jplag(kept, newer, stubs, work);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                if (!newer.contains(a) && !newer.contains(b)) {
                    continue;
                }
                List<String> identical = new ArrayList<>();
                kept.get(a).forEach((file, text) -> {
                    if (text.equals(kept.get(b).get(file))) {
                        identical.add(file);
                    }
                });
                double s = similar.getOrDefault(key(a, b), 0.0);
                if (s >= FLAGGED_FROM || !identical.isEmpty()) {
                    pairs.add(new Pair(a, b, s, List.copyOf(identical)));
                }
            }
        }
        return inClassOrder(pairs, names);
    }

    /**
     * {@code pairs} most similar first, then by the files they share byte for byte, then in the
     * order of {@code roster}: the order one run lists them in, however they were found.
     */
    public static List<Pair> inClassOrder(Collection<Pair> pairs, List<String> roster) {
        Map<String, Integer> place = new HashMap<>();
        for (int i = 0; i < roster.size(); i++) {
            place.putIfAbsent(roster.get(i), i);
        }
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(Pair::similarity).reversed()
                .thenComparing(p -> -p.identical().size())
                .thenComparing(p -> place.getOrDefault(p.first(), Integer.MAX_VALUE))
                .thenComparing(p -> place.getOrDefault(p.second(), Integer.MAX_VALUE)));
        return sorted;
    }

    /** JPlag's similarity of every pair of students with code of their own and one of {@code newer}, by {@link #key}. */
    private static Map<String, Double> jplag(Map<String, Map<String, String>> students, Set<String> newer,
                                             Map<String, String> stubs, Path work) throws IOException {
        Path newRoot = work.resolve("submissions");
        Path oldRoot = work.resolve("others");
        Map<String, String> byFolder = new LinkedHashMap<>();
        int n = 0;
        boolean anyNew = false;
        boolean anyOld = false;
        for (Map.Entry<String, Map<String, String>> s : students.entrySet()) {
            if (s.getValue().isEmpty()) {
                continue;
            }
            boolean isNew = newer.contains(s.getKey());
            anyNew |= isNew;
            anyOld |= !isNew;
            String folder = "s" + n++;
            byFolder.put(folder, s.getKey());
            write((isNew ? newRoot : oldRoot).resolve(folder), s.getValue());
        }
        if (byFolder.size() < 2 || !anyNew) {
            return Map.of();
        }
        Path base = work.resolve("stubs");
        write(base, stubs);
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(newRoot.toFile()),
                anyOld ? Set.of(oldRoot.toFile()) : Set.of()).withBaseCodeSubmissionDirectory(base.toFile());
        JPlagResult result = run(options);
        if (result == null) {
            return Map.of();
        }
        Map<String, Double> similar = new LinkedHashMap<>();
        for (JPlagComparison c : result.getAllComparisons()) {
            String a = byFolder.get(new File(c.firstSubmission().getName()).getName());
            String b = byFolder.get(new File(c.secondSubmission().getName()).getName());
            if (a != null && b != null) {
                similar.put(key(a, b), c.maximalSimilarity());
            }
        }
        return similar;
    }

    /**
     * JPlag's run, in a thread with a deep stack (its parser recurses as deep as a student's
     * expression nests); null if it failed, said on the console: a similarity check that cannot
     * run costs the index its section, never the grades.
     */
    private static JPlagResult run(JPlagOptions options) {
        try {
            return OwnStack.call("similarity", PARSER_STACK, () -> new JPlag(options).run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception | StackOverflowError | LinkageError e) {
            System.err.println("dlkit: the similarity check did not run: " + e);
            return null;
        }
    }

    /** The stack of JPlag's thread, bytes. */
    private static final long PARSER_STACK = 512L << 20;

    private static void write(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = folder.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static String key(String a, String b) {
        Set<String> pair = new TreeSet<>(List.of(a, b));
        return String.join("\u0000", pair);
    }

    private static boolean sameText(String a, String b) {
        return a.strip().replace("\r\n", "\n").equals(b.strip().replace("\r\n", "\n"));
    }

    /** The section of {@code index.html}; empty if there is nothing to say. */
    static String html(List<Pair> pairs) {
        if (pairs == null) {
            return "";
        }
        StringBuilder h = new StringBuilder("<section class=\"similarity\"><h2>Submissions that look alike</h2>");
        if (pairs.isEmpty()) {
            return h.append("<p class=\"meta\">No pair of students handed in the same file, nor code that JPlag finds ")
                    .append(Math.round(FLAGGED_FROM * 100)).append("% similar or more (the kit's stubs left out).</p></section>\n")
                    .toString();
        }
        h.append("<p class=\"meta\">For you to look at, not a verdict: JPlag's similarity (the share of the smaller")
                .append(" submission's code found in the other, the kit's stubs left out as base code), and the files that are")
                .append(" the same byte for byte.</p>");
        h.append("<table class=\"summary\"><thead><tr><th>students</th><th>similarity</th><th>identical files</th></tr></thead><tbody>");
        for (Pair p : pairs) {
            h.append("<tr class=\"pair\"><td>").append(HtmlReport.escape(p.first())).append(" and ")
                    .append(HtmlReport.escape(p.second())).append("</td><td class=\"num\">")
                    .append(Math.round(p.similarity() * 100)).append("%</td><td>")
                    .append(HtmlReport.escape(String.join(", ", p.identical()))).append("</td></tr>");
        }
        return h.append("</tbody></table></section>\n").toString();
    }
}
