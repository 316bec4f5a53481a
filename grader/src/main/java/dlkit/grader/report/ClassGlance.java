package dlkit.grader.report;

import dlkit.grader.api.Failure;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.Handed;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The class at a glance, for the next lecture: per exercise, how many students earned full,
 * partial or no marks, and how many files did not compile, were refused, were not submitted or
 * came in a submission that could not be graded (an unreadable zip); and the named mistakes
 * the class makes most. Counted from the typed reports ({@link Handed}, {@link Failure#mistakeId}),
 * never from their text.
 */
public final class ClassGlance {

    /** Where an exercise of one student stands; one per student and exercise. */
    public enum Standing {
        FULL("full marks"), PARTIAL("partial"), ZERO("zero"), DID_NOT_COMPILE("did not compile"), REFUSED("refused"),
        NOT_SUBMITTED("not submitted"), NOT_GRADED("submission unreadable");

        public final String words;

        Standing(String words) {
            this.words = words;
        }

        static Standing of(ExerciseReport e) {
            return switch (e.handed()) {
                case NOT_SUBMITTED, UNCHANGED -> e.override() != null ? scored(e) : NOT_SUBMITTED;
                case DID_NOT_COMPILE -> e.override() != null ? scored(e) : DID_NOT_COMPILE;
                case REFUSED -> e.override() != null ? scored(e) : REFUSED;
                case NOT_GRADED -> NOT_GRADED;
                case SUBMITTED -> scored(e);
            };
        }

        private static Standing scored(ExerciseReport e) {
            return e.score() >= e.maxScore() ? FULL : e.score() > 0 ? PARTIAL : ZERO;
        }
    }

    /** One exercise: how many students stand where. */
    public record Shares(String exercise, Map<Standing, Integer> counts, int students) {
        public int count(Standing s) {
            return counts.getOrDefault(s, 0);
        }
    }

    /** A known mistake and the students whose submissions made it (in at least one check). */
    public record Mistake(String id, String text, String exercise, int students) {}

    private ClassGlance() {}

    /** Per exercise, in the order of the first report's columns. */
    public static List<Shares> shares(List<GradeReport> reports) {
        Map<String, Map<Standing, Integer>> counts = new LinkedHashMap<>();
        Map<String, Integer> students = new LinkedHashMap<>();
        for (GradeReport r : reports) {
            for (ExerciseReport e : r.exercises()) {
                counts.computeIfAbsent(e.name(), k -> new EnumMap<>(Standing.class)).merge(Standing.of(e), 1, Integer::sum);
                students.merge(e.name(), 1, Integer::sum);
            }
        }
        List<Shares> out = new ArrayList<>();
        counts.forEach((name, c) -> out.add(new Shares(name, Map.copyOf(c), students.get(name))));
        return out;
    }

    /** The known mistakes made, the most frequent first (by students, then id), at most {@code limit}. */
    public static List<Mistake> mistakes(List<GradeReport> reports, int limit) {
        Map<String, Set<String>> who = new LinkedHashMap<>();
        Map<String, Mistake> what = new LinkedHashMap<>();
        for (GradeReport r : reports) {
            for (ExerciseReport e : r.exercises()) {
                for (TestReport t : e.tests()) {
                    Failure f = t.check();
                    if (!t.passed() && f != null && f.mistakeId() != null) {
                        who.computeIfAbsent(f.mistakeId(), k -> new LinkedHashSet<>()).add(r.student());
                        what.putIfAbsent(f.mistakeId(), new Mistake(f.mistakeId(), f.mistake(), e.name(), 0));
                    }
                }
            }
        }
        return what.values().stream().map(m -> new Mistake(m.id(), m.text(), m.exercise(), who.get(m.id()).size()))
                .sorted(Comparator.comparingInt(Mistake::students).reversed().thenComparing(Mistake::id))
                .limit(limit).toList();
    }

    /** The section of {@code index.html}: the table of shares and the list of mistakes. */
    static String html(List<GradeReport> reports) {
        StringBuilder h = new StringBuilder("<section class=\"glance\"><h2>The class at a glance</h2>");
        h.append("<table class=\"summary\"><thead><tr><th>exercise</th>");
        for (Standing s : Standing.values()) {
            h.append("<th>").append(HtmlReport.escape(s.words)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Shares s : shares(reports)) {
            h.append("<tr><td>").append(HtmlReport.escape(s.exercise())).append("</td>");
            for (Standing standing : Standing.values()) {
                int n = s.count(standing);
                h.append("<td class=\"num\" data-standing=\"").append(standing.name()).append("\" data-count=\"").append(n)
                        .append("\">").append(n == 0 ? "" : percent(n, s.students())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        List<Mistake> mistakes = mistakes(reports, 10);
        h.append("<h2>Mistakes the class makes most</h2>");
        if (mistakes.isEmpty()) {
            h.append("<p class=\"meta\">No failed check matched a known mistake.</p>");
        } else {
            h.append("<table class=\"summary mistakes\"><thead><tr><th>students</th><th>exercise</th><th>mistake</th>")
                    .append("</tr></thead><tbody>");
            for (Mistake m : mistakes) {
                h.append("<tr data-mistake=\"").append(HtmlReport.escape(m.id())).append("\"><td class=\"num\">")
                        .append(m.students()).append(" of ").append(reports.size()).append("</td><td>")
                        .append(HtmlReport.escape(m.exercise())).append("</td><td>").append(HtmlReport.escape(m.text()))
                        .append(" <code>").append(HtmlReport.escape(m.id())).append("</code></td></tr>");
            }
            h.append("</tbody></table>");
        }
        return h.append("</section>\n").toString();
    }

    private static String percent(int n, int of) {
        return Math.round(100.0 * n / of) + "% (" + n + ")";
    }
}
