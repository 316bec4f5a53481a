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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
     * text), most similar first.
     *
     * @param work an empty folder for JPlag's copies of the files
     */
    public static List<Pair> flagged(Map<String, Map<String, String>> students, List<Exercise> exercises, Path work)
            throws IOException {
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
        Map<String, Double> similar = jplag(kept, stubs, work);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                List<String> identical = new ArrayList<>();
                kept.get(a).forEach((file, text) -> {
                    if (hash(text).equals(hash(kept.get(b).get(file)))) {
                        identical.add(file);
                    }
                });
                double s = similar.getOrDefault(key(a, b), 0.0);
                if (s >= FLAGGED_FROM || !identical.isEmpty()) {
                    pairs.add(new Pair(a, b, s, List.copyOf(identical)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed()
                .thenComparing(p -> -p.identical().size()));
        return pairs;
    }

    /** JPlag's similarity of every pair of students with code of their own, by {@link #key}. */
    private static Map<String, Double> jplag(Map<String, Map<String, String>> students, Map<String, String> stubs, Path work)
            throws IOException {
        Path root = Files.createDirectories(work.resolve("submissions"));
        Map<String, String> byFolder = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, Map<String, String>> s : students.entrySet()) {
            if (s.getValue().isEmpty()) {
                continue;
            }
            String folder = "s" + n++;
            byFolder.put(folder, s.getKey());
            write(root.resolve(folder), s.getValue());
        }
        if (byFolder.size() < 2) {
            return Map.of();
        }
        Path base = work.resolve("stubs");
        write(base, stubs);
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(root.toFile()), Set.of())
                .withBaseCodeSubmissionDirectory(base.toFile());
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

    private static String hash(String text) {
        if (text == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
