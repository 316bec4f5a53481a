package dlkit.grader.validate;

import dlkit.grader.kit.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A known-wrong version of a solution file, to prove the hidden tests catch that mistake. Kept
 * as {@code variants/<Class>/<name>.variant} in the grader's resources:
 * <pre>
 *   # Adam without bias correction: mHat = m and vHat = v.
 *   file: dlkit/optim/Adam.java
 *   mistake: Adam/no-bias-correction
 *   --- find
 *               double mHat = m[i] / correction1;
 *   --- replace
 *               double mHat = m[i];
 * </pre>
 * Each find block (whole lines, indentation included) must occur exactly once in the solution
 * file and is replaced by the replace block that follows (which may be empty).
 *
 * @param name    {@code Adam/no-bias-correction}
 * @param mistake the first line, in plain words
 * The optional {@code mistake:} line names the {@code Check.Known} mistake the hidden tests
 * should name when they catch this variant.
 *
 * @param file      the solution file it patches, below src/main/java
 * @param mistakeId the known mistake's id, or null if the variant names none yet
 */
public record Variant(String name, String mistake, String file, String mistakeId, List<Edit> edits) {

    public Variant(String name, String mistake, String file, List<Edit> edits) {
        this(name, mistake, file, null, edits);
    }

    public static final String RESOURCES = "variants/";

    /** One find block and its replacement, each a list of whole lines. */
    public record Edit(List<String> find, List<String> replace) {}

    /** All variants packaged with the grader, by name. */
    public static List<Variant> packaged() {
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : Resources.readTree(RESOURCES).entrySet()) {
            if (e.getKey().endsWith(".variant")) {
                String name = e.getKey().substring(0, e.getKey().length() - ".variant".length());
                variants.add(parse(name, new String(e.getValue(), StandardCharsets.UTF_8)));
            }
        }
        return variants;
    }

    /** @throws IllegalArgumentException naming the variant and the line, if the text breaks the format */
    public static Variant parse(String name, String text) {
        List<String> lines = Arrays.asList(text.replace("\r\n", "\n").split("\n", -1));
        if (lines.size() < 2 || !lines.get(0).startsWith("# ") || !lines.get(1).startsWith("file: ")) {
            throw new IllegalArgumentException("variant " + name + ": the first lines must be '# <the mistake>' and 'file: <path>'");
        }
        List<Edit> edits = new ArrayList<>();
        int i = 2;
        String mistakeId = null;
        if (i < lines.size() && lines.get(i).startsWith("mistake: ")) {
            mistakeId = lines.get(i).substring("mistake: ".length()).strip();
            i++;
        }
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        while (i < lines.size()) {
            if (!lines.get(i).equals("--- find")) {
                throw new IllegalArgumentException("variant " + name + ", line " + (i + 1) + ": expected '--- find'");
            }
            int replaceAt = lines.subList(i, lines.size()).indexOf("--- replace") + i;
            if (replaceAt < i) {
                throw new IllegalArgumentException("variant " + name + ", line " + (i + 1) + ": '--- find' without '--- replace'");
            }
            int next = lines.subList(replaceAt, lines.size()).indexOf("--- find");
            int end = next < 0 ? lines.size() : replaceAt + next;
            List<String> find = trimTrailingBlank(lines.subList(i + 1, replaceAt));
            if (find.isEmpty()) {
                throw new IllegalArgumentException("variant " + name + ", line " + (i + 1) + ": empty find block");
            }
            edits.add(new Edit(find, trimTrailingBlank(lines.subList(replaceAt + 1, end))));
            i = end;
        }
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("variant " + name + ": no '--- find' block");
        }
        return new Variant(name, lines.get(0).substring(2).strip(), lines.get(1).substring("file: ".length()).strip(),
                mistakeId, List.copyOf(edits));
    }

    /**
     * The solution with every edit applied.
     *
     * @throws IllegalArgumentException if a find block does not occur exactly once
     */
    public String apply(String source) {
        List<String> lines = new ArrayList<>(Arrays.asList(source.split("\n", -1)));
        for (Edit edit : edits) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i + edit.find().size() <= lines.size(); i++) {
                if (lines.subList(i, i + edit.find().size()).equals(edit.find())) {
                    at.add(i);
                }
            }
            if (at.size() != 1) {
                throw new IllegalArgumentException("variant " + name + ": the find block starting '"
                        + edit.find().get(0).strip() + "' occurs " + at.size() + " times in " + file + "; it must occur once");
            }
            List<String> window = lines.subList(at.get(0), at.get(0) + edit.find().size());
            window.clear();
            window.addAll(edit.replace());
        }
        return String.join("\n", lines);
    }

    private static List<String> trimTrailingBlank(List<String> block) {
        int end = block.size();
        while (end > 0 && block.get(end - 1).isBlank()) {
            end--;
        }
        return List.copyOf(block.subList(0, end));
    }
}
