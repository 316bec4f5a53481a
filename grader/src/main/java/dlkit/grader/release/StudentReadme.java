package dlkit.grader.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills the student README's table of exercises, in the order to do them: step 1 holds the
 * files that need no other exercise, step 2 those that need only files of step 1, and so on.
 * A file needs another when the other's class is named in its source (as students get it) or in
 * its own public tests: {@code SequentialTest} builds its networks of {@code Dense} and
 * {@code Tanh}, so Sequential needs them.
 */
final class StudentReadme {

    static final String TABLE = "{{EXERCISES}}";
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*");

    private StudentReadme() {}

    /**
     * @param texts      for each exercise's file, its source as students get it and its own public
     *                   tests, read together for the names of the other exercises it needs
     * @param alsoNeeded exercises of other assignments whose stubs this kit holds because its code needs them
     * @param courseOrder the exercises' simple names in the course's order (the manifest's), which
     *                   orders the table within a step; a name not listed comes last
     */
    static String render(String template, List<Listing> exercises, Map<String, String> texts, List<Listing> alsoNeeded,
                         List<String> courseOrder) {
        Map<Listing, List<String>> needs = needs(exercises, texts);
        Map<Listing, Integer> steps = steps(needs);
        StringBuilder table = new StringBuilder("| step | file to complete | methods | needs | check it with | points |\n"
                + "|---|---|---|---|---|---|\n");
        exercises.stream().sorted(Comparator.<Listing, Integer>comparing(steps::get).thenComparing(e -> place(courseOrder, e))).forEach(e -> table
                .append("| ").append(steps.get(e)).append(" | `src/main/java/").append(e.file()).append("` | ")
                .append(e.exercise().methods().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")))
                .append(" | ").append(needs.get(e).isEmpty() ? "" : String.join(", ", needs.get(e)))
                .append(" | `mvn -q ").append(e.testGoal()).append("` | ").append(points(e.points())).append(" |\n"));
        if (!alsoNeeded.isEmpty()) {
            table.append("\nThis assignment's code also uses ").append(alsoNeeded.stream()
                            .map(e -> "`src/main/java/" + e.file() + "`").collect(Collectors.joining(", ")))
                    .append(", from another assignment and not graded in this one: the kit holds their stubs; copy in your own"
                            + " if you have written them, so the tests that use them can pass.\n");
        }
        return template.replace(TABLE, table.toString().strip());
    }

    /** The other exercises whose class each exercise's text names, in the exercises' order. */
    static Map<Listing, List<String>> needs(List<Listing> exercises, Map<String, String> texts) {
        Map<Listing, List<String>> needs = new LinkedHashMap<>();
        for (Listing e : exercises) {
            String code = COMMENT.matcher(texts.getOrDefault(e.file(), "")).replaceAll(" ");
            List<String> names = new ArrayList<>();
            for (Listing other : exercises) {
                if (other != e && Pattern.compile("\\b" + Pattern.quote(other.simpleName()) + "\\b").matcher(code).find()) {
                    names.add(other.simpleName());
                }
            }
            needs.put(e, names);
        }
        return needs;
    }

    /**
     * Each exercise's step: 1 without needs, else one more than the latest step it needs. The
     * exercises of a cycle (each needing the other) share the step after everything else.
     */
    static Map<Listing, Integer> steps(Map<Listing, List<String>> needs) {
        Map<String, Integer> byClass = new LinkedHashMap<>();
        Map<Listing, Integer> steps = new LinkedHashMap<>();
        for (int step = 1; steps.size() < needs.size(); step++) {
            Map<Listing, Integer> ready = new LinkedHashMap<>();
            for (Map.Entry<Listing, List<String>> n : needs.entrySet()) {
                if (!steps.containsKey(n.getKey()) && byClass.keySet().containsAll(n.getValue())) {
                    ready.put(n.getKey(), step);
                }
            }
            if (ready.isEmpty()) {
                for (Listing e : needs.keySet()) {
                    ready.putIfAbsent(e, step);
                }
                ready.keySet().removeAll(steps.keySet());
            }
            steps.putAll(ready);
            ready.keySet().forEach(e -> byClass.put(e.simpleName(), steps.get(e)));
        }
        return steps;
    }

    private static int place(List<String> courseOrder, Listing e) {
        int i = courseOrder.indexOf(e.simpleName());
        return i < 0 ? courseOrder.size() : i;
    }

    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
