package dlkit.grader.report;

import dlkit.grader.api.Failure;
import dlkit.grader.collect.Entry;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTML pages of a grading run: {@code report.html} per student, beside its
 * {@code report.json}, and {@code index.html} for a class. Each page stands alone: inline CSS, no
 * script, images only as files beside it. Every piece of text that a student can influence
 * (names, messages, compiler output, what the code printed) goes through {@link #escape}.
 *
 * <p>A student's page puts the exercises the student handed in first: those that lost points,
 * most points lost first, with each failed check's first wrong element (expected and actual) and
 * the known mistake it looks like, then those with full marks, folded. The exercises not started
 * (not handed in, or handed in as the kit's stub) follow on one line. The instructor's copy
 * ({@link #instructorPage}) adds what only an instructor can use, such as the command that
 * replays the run.
 */
public final class HtmlReport {

    /**
     * An image beside the page.
     *
     * @param file    the PNG's file name, in the page's folder
     * @param alt     what it shows, for screen readers
     * @param caption a line under it
     */
    public record Figure(String file, String alt, String caption) {}

    /**
     * What a page shows besides the report.
     *
     * @param teaches what each exercise teaches, by exercise file ({@code dlkit/optim/Adam.java})
     * @param figures images shown with an exercise, by exercise file
     * @param general images for the submission as a whole (training curves), with a heading
     * @param replay  how to replay the run, shown under the seed; empty for none
     */
    public record Extras(Map<String, String> teaches, Map<String, List<Figure>> figures,
                         Map<String, List<Figure>> general, String replay) {
        public static Extras none() {
            return new Extras(Map.of(), Map.of(), Map.of(), "");
        }
    }

    private HtmlReport() {}

    /** Writes {@link #studentPage} to {@code file}. */
    public static void write(GradeReport report, Extras extras, Path file) throws IOException {
        ReportFiles.writeAtomically(file, studentPage(report, extras));
    }

    /** Writes {@link #instructorPage} to {@code file}. */
    public static void writeInstructorCopy(GradeReport report, Extras extras, Path file) throws IOException {
        ReportFiles.writeAtomically(file, instructorPage(report, extras));
    }

    /** Writes {@link #classIndex} to {@code file}, linking each student to {@code <folder>/report.html}. */
    public static void writeIndex(List<GradeReport> reports, Path file) throws IOException {
        writeIndex(reports, ReportFiles.folders(reports.stream().map(GradeReport::student).toList()), file);
    }

    /** {@link #writeIndex(List, Path)} with each student's folder given ({@link ReportFiles#folders}). */
    public static void writeIndex(List<GradeReport> reports, java.util.Map<String, String> folders, Path file) throws IOException {
        writeIndex(reports, folders, null, List.of(), file);
    }

    /**
     * {@link #writeIndex(List, java.util.Map, Path)} with the pairs that look alike ({@link Similarity};
     * null: not checked) and, below the table, what became of every file and folder of the class
     * folder ({@link #entriesSection}; empty: nothing to account for).
     */
    public static void writeIndex(List<GradeReport> reports, Map<String, String> folders, List<Similarity.Pair> alike,
                                  List<Entry> entries, Path file) throws IOException {
        String page = classIndex(reports, r -> folders.get(r.student()) + "/report.html", alike);
        int end = page.lastIndexOf("</body>");
        ReportFiles.writeAtomically(file, page.substring(0, end) + entriesSection(entries) + page.substring(end));
    }

    /**
     * Every entry of the class folder with its fate, the refused and merged first, so the
     * instructor sees that no one's work was lost; empty text if there are none.
     */
    public static String entriesSection(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.fate() == Entry.Fate.GRADED));
        long graded = entries.stream().filter(e -> e.fate() == Entry.Fate.GRADED).count();
        StringBuilder h = new StringBuilder("<section class=\"entries\"><h2>The class folder</h2><p class=\"meta\">")
                .append(entries.size()).append(" entries: ").append(graded).append(" graded, ")
                .append(entries.size() - graded).append(" merged into a student or not graded, each with the reason.</p>")
                .append("<table><thead><tr><th>entry</th><th>what became of it</th><th>student</th><th>why</th></tr></thead><tbody>");
        for (Entry e : sorted) {
            String fate = switch (e.fate()) {
                case GRADED -> "graded";
                case MERGED -> "merged";
                case REFUSED -> "not graded";
            };
            h.append("<tr><td><code>").append(escape(e.name())).append("</code></td><td>").append(fate).append("</td><td>")
                    .append(e.student() == null ? "" : escape(e.student())).append("</td><td>").append(escape(e.reason()))
                    .append("</td></tr>");
        }
        return h.append("</tbody></table></section>\n").toString();
    }

    // ---------------------------------------------------------------- the student's page

    /** The page for the student: everything but the instructor's replay command. */
    public static String studentPage(GradeReport r, Extras x) {
        return page(r, x, false);
    }

    /** The student's page with the command that replays the run ({@link Extras#replay}). */
    public static String instructorPage(GradeReport r, Extras x) {
        return page(r, x, true);
    }

    private static String page(GradeReport r, Extras x, boolean instructor) {
        boolean replay = instructor && !x.replay().isEmpty();
        StringBuilder h = new StringBuilder();
        h.append(head("dlkit report: " + r.student()));
        h.append("<header><h1>").append(escape(r.student())).append("</h1>");
        h.append("<div class=\"total\"><span class=\"big\">").append(points(r.score())).append("</span> / ")
                .append(points(r.maxScore())).append(" points").append(bar(r.score(), r.maxScore(), true)).append("</div>");
        h.append("<p class=\"meta\">Graded with seed <code>").append(r.seed()).append("</code> on Java ")
                .append(escape(r.jdk())).append(". The hidden tests draw their inputs from the seed: the same seed replays")
                .append(" this exact run").append(replay ? ": <code>" + escape(x.replay()) + "</code>." : ".")
                .append("</p>");
        if (r.late() != null) {
            h.append("<p class=\"late\">Late: ").append(escape(ReportFiles.lateness(r.late()))).append(".</p>");
        }
        h.append("<p class=\"meta\">Your code ran under: ").append(escape(ReportFiles.layers(r))).append(".</p></header>\n");
        if (!r.notes().isEmpty()) {
            h.append("<section class=\"notes\"><h2>About your submission</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(escape(n)).append("</li>"));
            h.append("</ul></section>\n");
        }

        List<ExerciseReport> lost = new ArrayList<>();
        List<ExerciseReport> missing = new ArrayList<>();
        List<ExerciseReport> full = new ArrayList<>();
        for (ExerciseReport e : r.exercises()) {
            if (notStarted(e)) {
                missing.add(e);
            } else if (e.score() >= e.maxScore()) {
                full.add(e);
            } else {
                lost.add(e);
            }
        }
        lost.sort(Comparator.comparingDouble((ExerciseReport e) -> e.score() - e.maxScore()));

        h.append("<section><h2>Summary</h2><table class=\"summary\"><thead><tr><th>exercise</th><th>points</th>")
                .append("<th></th><th>checks passed</th></tr></thead><tbody>");
        for (List<ExerciseReport> group : List.of(lost, full)) {
            for (ExerciseReport e : group) {
                summaryRow(h, e, e.name());
            }
        }
        if (!missing.isEmpty()) {
            double max = missing.stream().mapToDouble(ExerciseReport::maxScore).sum();
            h.append("<tr class=\"zero\"><td><a href=\"#not-submitted\">").append(missing.size())
                    .append(missing.size() == 1 ? " exercise" : " exercises").append(" not started</a></td><td class=\"num\">0 / ")
                    .append(points(max)).append("</td><td>").append(bar(0, max, false)).append("</td><td></td></tr>");
        }
        h.append("</tbody></table></section>\n");

        if (!lost.isEmpty()) {
            h.append("<h2>Exercises that lost points</h2>\n");
            lost.forEach(e -> exercise(h, e, x, true));
        }
        if (!x.general().isEmpty()) {
            x.general().forEach((title, figures) -> {
                h.append("<section class=\"card\"><h2>").append(escape(title)).append("</h2>");
                figures(h, figures);
                h.append("</section>\n");
            });
        }
        if (!full.isEmpty()) {
            h.append("<h2>Full marks</h2>\n");
            full.forEach(e -> exercise(h, e, x, false));
        }
        if (!missing.isEmpty()) {
            // Folded into one line: a kit handed in whole holds thirty untouched stubs, which say nothing each.
            h.append("<section class=\"card zero\" id=\"not-submitted\"><p><strong>Not started</strong> (0 / ")
                    .append(points(missing.stream().mapToDouble(ExerciseReport::maxScore).sum()))
                    .append(" points): not handed in, or handed in as the kit's stub, so graded as the stub: ");
            for (int i = 0; i < missing.size(); i++) {
                ExerciseReport e = missing.get(i);
                h.append(i == 0 ? "" : ", ").append("<span id=\"").append(anchor(e)).append("\" title=\"")
                        .append(escape(e.file())).append("\">").append(escape(e.name())).append("</span>");
            }
            h.append(".</p></section>\n");
        }
        if (!r.output().isBlank()) {
            h.append("<details class=\"card\"><summary>What your code printed (shown, never graded)</summary><pre>")
                    .append(escape(r.output())).append("</pre></details>\n");
        }
        h.append("<footer>dlkit grader &middot; seed ").append(r.seed()).append(" &middot; ")
                .append(String.format(Locale.ROOT, "graded in %.1f s", r.timings().total())).append("</footer>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void summaryRow(StringBuilder h, ExerciseReport e, String label) {
        long passed = e.tests().stream().filter(TestReport::passed).count();
        h.append("<tr class=\"").append(status(e)).append("\"><td><a href=\"#").append(anchor(e)).append("\">")
                .append(escape(label)).append("</a></td><td class=\"num\">").append(points(e.score()))
                .append(" / ").append(points(e.maxScore())).append("</td><td>").append(bar(e.score(), e.maxScore(), false))
                .append("</td><td class=\"num\">").append(passed).append(" / ").append(e.tests().size()).append("</td></tr>");
    }

    private static void exercise(StringBuilder h, ExerciseReport e, Extras x, boolean open) {
        h.append("<section class=\"card ").append(status(e)).append("\" id=\"").append(anchor(e)).append("\">");
        h.append(open ? "<details open>" : "<details>");
        h.append("<summary><span class=\"name\">").append(escape(e.name())).append("</span> <span class=\"score\">")
                .append(points(e.score())).append(" / ").append(points(e.maxScore())).append("</span>")
                .append(bar(e.score(), e.maxScore(), false)).append("<code class=\"file\">").append(escape(e.file()))
                .append("</code></summary>");
        String teaches = x.teaches().getOrDefault(e.file(), "");
        if (!teaches.isEmpty()) {
            h.append("<p class=\"teaches\">").append(escape(teaches)).append("</p>");
        }
        if (e.override() != null) {
            h.append("<p class=\"override\"><strong>Score ").append(escape(ReportFiles.override(e))).append("</strong></p>");
        }
        if (!e.notes().isEmpty() && !notSubmitted(e)) {
            h.append("<div class=\"problem\"><pre>");
            e.notes().forEach(n -> h.append(escape(n)).append('\n'));
            h.append("</pre></div>");
        }
        // A file graded as its stub scores 0 on every check without running it: say it once.
        boolean stub = e.handed() != GradeReport.Handed.SUBMITTED && e.handed() != GradeReport.Handed.NOT_GRADED;
        if (stub) {
            h.append("<p class=\"meta\">The stub was graded in place of ")
                    .append(notSubmitted(e) ? "the missing file" : "your file")
                    .append(", so every check below scores 0 (the stub only says <code>not implemented yet</code>).</p>");
        }
        List<TestReport> tests = new ArrayList<>(e.tests());
        tests.sort(Comparator.comparing(TestReport::passed));
        h.append("<ul class=\"tests\">");
        for (TestReport t : tests) {
            h.append("<li class=\"").append(t.passed() ? "pass" : "fail").append("\"><span class=\"mark\">")
                    .append(t.passed() ? "&#10003;" : "&#10007;").append("</span> <span class=\"check\" title=\"")
                    .append(escape(t.name())).append("\">").append(escape(checkName(t.name()))).append("</span> <span class=\"pts\">")
                    .append(points(t.score())).append(" / ").append(points(t.maxScore())).append("</span>");
            if (!t.passed() && !t.feedback().isBlank() && !(stub && (t.feedback().startsWith(Kit.NOT_IMPLEMENTED)
                    || t.feedback().equals(GradeReport.STUB_NOT_RUN)))) {
                feedback(h, t);
            }
            h.append("</li>");
        }
        h.append("</ul>");
        figures(h, x.figures().getOrDefault(e.file(), List.of()));
        h.append("</details></section>\n");
    }

    private static void figures(StringBuilder h, List<Figure> figures) {
        if (figures.isEmpty()) {
            return;
        }
        h.append("<div class=\"figures\">");
        for (Figure f : figures) {
            h.append("<figure><img src=\"").append(escape(encodePath(f.file()))).append("\" alt=\"").append(escape(f.alt()))
                    .append("\" loading=\"lazy\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure>");
        }
        h.append("</div>");
    }

    /**
     * One failed test's feedback: for a failed check, the known mistake it looks like, what was
     * checked, the first wrong element, expected and actual, the error against the tolerance;
     * for anything else, the message as it came.
     */
    private static void feedback(StringBuilder h, TestReport t) {
        Failure f = t.check();
        h.append("<div class=\"feedback\">");
        if (f == null) {
            h.append("<pre>").append(escape(t.feedback())).append("</pre></div>");
            return;
        }
        if (f.mistake() != null) {
            h.append("<p class=\"hint\"><strong>Looks like</strong> ").append(escape(f.mistake())).append("</p>");
        }
        h.append("<table class=\"diff\"><tr><th>checked</th><td>").append(escape(f.check()))
                .append(f.row() == null || f.col() == null ? "" : ", element <code>(" + f.row() + ", " + f.col() + ")</code>")
                .append("</td></tr>");
        if (f.hasNumbers()) {
            h.append("<tr><th>expected</th><td><code>").append(f.expected()).append("</code></td></tr>")
                    .append("<tr><th>yours</th><td><code class=\"actual\">").append(f.actual()).append("</code></td></tr>");
        }
        if (f.error() != null && f.tolerance() != null) {
            h.append("<tr><th>").append(escape(f.measure() == null ? "error" : f.measure())).append("</th><td>")
                    .append(Failure.number(f.error())).append(" (tolerance ")
                    .append(Failure.limit(f.tolerance())).append(")</td></tr>");
        }
        if (f.detail() != null) {
            h.append("<tr><th>found</th><td>").append(escape(f.detail())).append("</td></tr>");
        }
        if (f.answer() != null) {
            h.append("<tr><th>answer</th><td><pre>").append(escape(f.answer())).append("</pre></td></tr>");
        }
        h.append("</table></div>");
    }

    // ---------------------------------------------------------------- a page of figures

    /**
     * A page of figures under headings ({@code explore}): {@code notes} first (what happened to
     * the files), then each section's figures.
     */
    public static String figuresPage(String title, String intro, List<String> notes, Map<String, List<Figure>> sections) {
        StringBuilder h = new StringBuilder(head(title));
        h.append("<header><h1>").append(escape(title)).append("</h1><p class=\"meta\">").append(escape(intro))
                .append("</p></header>\n");
        if (!notes.isEmpty()) {
            h.append("<section class=\"card zero\"><pre>");
            notes.forEach(n -> h.append(escape(n)).append('\n'));
            h.append("</pre></section>\n");
        }
        sections.forEach((heading, figures) -> {
            h.append("<section class=\"card\"><h2>").append(escape(heading)).append("</h2>");
            figures(h, figures);
            h.append("</section>\n");
        });
        return h.append("</body></html>\n").toString();
    }

    // ---------------------------------------------------------------- the class's index

    /**
     * The class: a row per student linking to their page ({@code link} gives the relative URL
     * path, not yet encoded), a column per exercise, the total; the class mean below.
     */
    public static String classIndex(List<GradeReport> reports, Function<GradeReport, String> link) {
        return classIndex(reports, link, null);
    }

    /** {@link #classIndex(List, Function)} with the pairs that look alike ({@link Similarity}; null: not checked). */
    public static String classIndex(List<GradeReport> reports, Function<GradeReport, String> link, List<Similarity.Pair> alike) {
        StringBuilder h = new StringBuilder(head("dlkit gradebook"));
        h.append("<header><h1>Gradebook</h1><p class=\"meta\">").append(reports.size()).append(" submission")
                .append(reports.size() == 1 ? "" : "s");
        // Students graded again in a class's folder keep their own seed: each seed is named, with how many it graded.
        java.util.Map<Long, Long> seeds = reports.stream().collect(java.util.stream.Collectors.groupingBy(
                GradeReport::seed, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        if (seeds.size() == 1) {
            h.append(", graded with seed <code>").append(seeds.keySet().iterator().next()).append("</code>");
        } else if (seeds.size() > 1) {
            h.append(", graded with seeds ").append(seeds.entrySet().stream()
                    .map(e -> "<code>" + e.getKey() + "</code> (" + e.getValue() + ")").collect(java.util.stream.Collectors.joining(", ")));
        }
        h.append(". The same table is in <a href=\"gradebook.csv\">gradebook.csv</a>.</p></header>\n");
        if (reports.isEmpty()) {
            return h.append("</body></html>\n").toString();
        }
        h.append(ClassGlance.html(reports));
        h.append(Similarity.html(alike));
        List<ExerciseReport> columns = reports.get(0).exercises();
        h.append("<div class=\"scroll\"><table class=\"gradebook\"><thead><tr><th class=\"sticky\">student</th>")
                .append("<th>total</th><th></th>");
        columns.forEach(c -> h.append("<th class=\"rot\"><span>").append(escape(c.name())).append("</span></th>"));
        h.append("</tr></thead><tbody>");
        for (GradeReport r : reports) {
            h.append("<tr><td class=\"sticky\"><a href=\"").append(escape(encodePath(link.apply(r)))).append("\">")
                    .append(escape(r.student())).append("</a></td><td class=\"num\">").append(points(r.score())).append(" / ")
                    .append(points(r.maxScore())).append(r.late() == null ? "" : " <span class=\"late\" title=\""
                            + escape(ReportFiles.lateness(r.late())) + "\">late</span>")
                    .append("</td><td>").append(bar(r.score(), r.maxScore(), false)).append("</td>");
            for (int i = 0; i < columns.size(); i++) {
                ExerciseReport e = i < r.exercises().size() ? r.exercises().get(i) : null;
                h.append(e == null ? "<td></td>" : "<td class=\"num " + status(e) + "\" title=\"" + escape(e.name()) + ": "
                        + points(e.score()) + " / " + points(e.maxScore()) + "\">" + points(e.score()) + "</td>");
            }
            h.append("</tr>");
        }
        double meanTotal = reports.stream().mapToDouble(GradeReport::score).average().orElse(0);
        h.append("</tbody><tfoot><tr><td class=\"sticky\">mean</td><td class=\"num\">").append(points(round(meanTotal)))
                .append(" / ").append(points(reports.get(0).maxScore())).append("</td><td></td>");
        for (int i = 0; i < columns.size(); i++) {
            int column = i;
            double mean = reports.stream().filter(r -> column < r.exercises().size())
                    .mapToDouble(r -> r.exercises().get(column).score()).average().orElse(0);
            h.append("<td class=\"num\">").append(points(round(mean))).append("</td>");
        }
        return h.append("</tr></tfoot></table></div></body></html>\n").toString();
    }

    // ---------------------------------------------------------------- pieces

    /** Text made safe for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newline would make the page invalid (or, a
                    // carriage return, hide what comes before it in a copied line).
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A relative path with each segment percent-encoded, so a name with spaces or '#' still links. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /**
     * {@code AdamHiddenTest.firstStepMatchesReference} reads "first step matches reference";
     * {@code testAccuracyAtLeast080} reads "test accuracy at least 0.80" (three digits after a
     * word, the first a 0, are a fraction), {@code logitsOfPlusMinus1000} "logits of plus minus 1000".
     */
    static String checkName(String testName) {
        String method = testName.substring(testName.lastIndexOf('.') + 1)
                .replaceAll("(?<=[a-z])0(\\d\\d)(?=[A-Z]|$)", " 0.$1")
                .replaceAll("(?<=[a-z]{2})([1-9]\\d*)(?=[A-Z]|$)", " $1");
        String words = method.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z])([A-Z][a-z])", "$1 $2");
        StringBuilder out = new StringBuilder();
        for (String w : words.split(" ")) {
            // Keep acronyms (ReLU, RMSprop) as they are; lower-case ordinary words.
            boolean acronym = w.length() > 1 && w.chars().skip(1).anyMatch(Character::isUpperCase);
            out.append(out.length() == 0 ? "" : " ").append(acronym ? w : w.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    private static boolean notSubmitted(ExerciseReport e) {
        return e.handed() == GradeReport.Handed.NOT_SUBMITTED;
    }

    /** Not handed in, or handed in exactly as the kit's stub. */
    private static boolean notStarted(ExerciseReport e) {
        return notSubmitted(e) || e.handed() == GradeReport.Handed.UNCHANGED;
    }

    private static String status(ExerciseReport e) {
        return e.score() >= e.maxScore() ? "full" : e.score() > 0 ? "partial" : "zero";
    }

    private static String anchor(ExerciseReport e) {
        return "ex-" + e.file().replaceAll("[^A-Za-z0-9]", "-");
    }

    private static String bar(double score, double max, boolean large) {
        double fraction = max > 0 ? Math.max(0, Math.min(1, score / max)) : 0;
        String cls = fraction >= 1 ? "full" : fraction > 0 ? "partial" : "zero";
        return String.format(Locale.ROOT, "<span class=\"bar%s\" role=\"img\" aria-label=\"%.0f%%\"><span class=\"%s\" "
                + "style=\"width:%.1f%%\"></span></span>", large ? " large" : "", 100 * fraction, cls, 100 * fraction);
    }

    private static String points(double p) {
        return ReportFiles.points(p);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + CSS + "</style></head><body>\n";
    }

    private static final String CSS = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f5f6f8;\
            max-width:1040px;margin:0 auto;padding:1.5em}
            h1{margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em}
            header{background:#fff;border-radius:8px;padding:1em 1.4em;box-shadow:0 1px 3px #0002}
            .late{color:#a40}.total{font-size:1.1em}.big{font-size:2.2em;font-weight:700}
            .meta{color:#555;font-size:.92em}code{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#eef0f4;\
            padding:0 .25em;border-radius:3px}
            pre{font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;background:#f3f4f7;padding:.6em .8em;border-radius:4px;\
            white-space:pre-wrap;word-break:break-word;margin:.4em 0}
            .bar{display:inline-block;vertical-align:middle;width:120px;height:10px;background:#e3e5ea;border-radius:5px;\
            overflow:hidden;margin:0 .6em}.bar.large{width:260px;height:14px;border-radius:7px}
            .bar span{display:block;height:100%}.bar .full{background:#2e9d4f}.bar .partial{background:#e8a10a}\
            .bar .zero{background:#d64545}
            table{border-collapse:collapse}td,th{padding:.25em .6em;text-align:left}.num{text-align:right;white-space:nowrap}
            table.summary{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
            table.summary tr+tr td{border-top:1px solid #eee}
            tr.zero a,tr.partial a{font-weight:600}
            .card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin:.7em 0;padding:.2em 1.2em;\
            border-left:5px solid #2e9d4f}
            .card.partial{border-left-color:#e8a10a}.card.zero{border-left-color:#d64545}
            summary{cursor:pointer;padding:.5em 0}.name{font-weight:700;font-size:1.05em}.score{font-weight:600}
            .file{float:right;color:#666;background:none}
            .teaches{color:#444;font-style:italic;margin:.2em 0 .6em}
            ul.tests{list-style:none;padding:0}ul.tests li{padding:.3em 0;border-top:1px solid #f0f0f0}
            .mark{display:inline-block;width:1.2em;font-weight:700}.pass .mark{color:#2e9d4f}.fail .mark{color:#d64545}
            .pass .check{color:#555}.fail .check{font-weight:600}.pts{color:#666;font-size:.9em;margin-left:.4em}
            .feedback{margin:.3em 0 .5em 1.6em}
            .hint{background:#fff6d6;border:1px solid #f0d675;border-radius:4px;padding:.4em .7em;margin:.3em 0}
            table.diff th{color:#666;font-weight:normal;width:8em}table.diff td{word-break:break-all}
            code.actual{background:#fde3e3}
            .problem pre{background:#fdecec;border-left:3px solid #d64545}
            .notes{background:#fff6d6;border-radius:8px;padding:.2em 1.2em;margin-top:1em}
            .figures{display:flex;flex-wrap:wrap;gap:1em;margin:.6em 0}figure{margin:0;flex:1 1 400px;max-width:560px}
            figure img{width:100%;height:auto;border:1px solid #ddd;border-radius:4px}figcaption{font-size:.88em;color:#444}
            .scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin-top:1em}
            table.gradebook td,table.gradebook th{border-bottom:1px solid #eee;font-size:.9em}
            table.gradebook td.zero{color:#c33}table.gradebook td.partial{color:#b07000}table.gradebook td.full{color:#1f7a3a}
            th.rot{height:8em;vertical-align:bottom;padding:0 .2em}th.rot span{writing-mode:vertical-rl;transform:rotate(180deg);\
            white-space:nowrap;font-weight:normal}
            .sticky{position:sticky;left:0;background:#fff;white-space:nowrap}tfoot td{font-weight:600}
            footer{color:#888;font-size:.85em;margin:2em 0 1em}
            """;
}
