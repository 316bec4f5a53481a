package dlkit.grader.report;

import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.List;
import java.util.regex.Pattern;

/** Plain-text tables for the terminal, and the summary Gradescope shows above the tests. */
public final class ConsoleTable {

    private ConsoleTable() {}

    /** Escape sequences a terminal acts on: CSI ({@code ESC [ ... m}, {@code ESC [2J}), OSC ({@code ESC ] ... BEL}) and two-character ones. */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-_]|\u009B[0-?]*[ -/]*[@-~]");

    /**
     * Text safe to print on a terminal: escape sequences removed, and every other control
     * character (carriage return, backspace, the rest of C0 and C1, and the bidirectional
     * overrides that reorder what a line shows) replaced by U+FFFD; newlines and tabs stay. What
     * student code printed or threw can then neither clear the screen nor draw a line of its own
     * over the grader's.
     */
    public static String printable(String text) {
        String withoutSequences = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(withoutSequences.length());
        withoutSequences.codePoints().forEach(c -> {
            boolean control = c != '\n' && c != '\t' && Character.isISOControl(c);
            boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
            out.appendCodePoint(control || bidi ? '\uFFFD' : c);
        });
        return out.toString();
    }

    /** One submission: a row per exercise, then what went wrong, test by test; {@link #printable}. */
    public static String summary(GradeReport r) {
        return printable(rawSummary(r));
    }

    private static String rawSummary(GradeReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.student()).append(": ").append(ReportFiles.points(r.score())).append(" / ")
                .append(ReportFiles.points(r.maxScore())).append(" points (seed ").append(r.seed()).append(")\n");
        out.append("  student code ran under: ").append(ReportFiles.layers(r)).append('\n');
        if (r.late() != null) {
            out.append("  late: ").append(ReportFiles.lateness(r.late())).append('\n');
        }
        r.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
        int width = Math.max(8, r.exercises().stream().mapToInt(e -> e.file().length()).max().orElse(0));
        out.append(String.format("  %-" + width + "s  %7s  %s%n", "exercise", "points", "tests passed"));
        for (ExerciseReport e : r.exercises()) {
            long passed = e.tests().stream().filter(TestReport::passed).count();
            out.append(String.format("  %-" + width + "s  %7s  %d/%d%s%n", e.file(),
                    ReportFiles.points(e.score()) + "/" + ReportFiles.points(e.maxScore()), passed, e.tests().size(),
                    e.override() == null ? "" : "  (set by the instructor)"));
        }
        for (ExerciseReport e : r.exercises()) {
            List<TestReport> failed = e.tests().stream().filter(t -> !t.passed()).toList();
            if (failed.isEmpty() && e.notes().isEmpty() && e.override() == null) {
                continue;
            }
            out.append('\n').append(e.name()).append(":\n");
            if (e.override() != null) {
                out.append("  ").append(ReportFiles.override(e)).append('\n');
            }
            e.notes().forEach(n -> out.append("  ").append(n).append('\n'));
            for (TestReport t : failed) {
                out.append("  - ").append(t.name()).append(" (0/").append(ReportFiles.points(t.maxScore())).append("): ")
                        .append(feedback(t).replace("\n", "\n      ")).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A class, short enough to read in a terminal whatever the number of exercises: a line per
     * student (points, and how many exercises earned full, partial or no marks), each file that
     * did not compile or was refused named under its student with the first reason; then a line
     * per exercise someone submitted. Every exercise and test is in the gradebook and the reports.
     * {@link #printable}.
     */
    public static String classSummary(List<GradeReport> reports) {
        return printable(rawClassSummary(reports));
    }

    private static String rawClassSummary(List<GradeReport> reports) {
        if (reports.isEmpty()) {
            return "no submissions\n";
        }
        StringBuilder out = new StringBuilder();
        int nameWidth = Math.max(7, reports.stream().mapToInt(r -> r.student().length()).max().orElse(0));
        int pointsWidth = Math.max(6, reports.stream().mapToInt(r -> pointsOf(r.score(), r.maxScore()).length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %" + pointsWidth + "s  %4s  %7s  %4s  %13s%n";
        out.append(String.format(row, "student", "points", "full", "partial", "zero", "not submitted"));
        for (GradeReport r : reports) {
            int full = 0, partial = 0, zero = 0, missing = 0;
            for (ExerciseReport e : r.exercises()) {
                if (!submitted(e)) {
                    missing++;
                } else if (e.score() >= e.maxScore()) {
                    full++;
                } else if (e.score() > 0) {
                    partial++;
                } else {
                    zero++;
                }
            }
            out.append(String.format(row, r.student(), pointsOf(r.score(), r.maxScore()), full, partial, zero, missing));
            r.notes().forEach(n -> out.append("    note: ").append(firstLine(n)).append('\n'));
            for (ExerciseReport e : r.exercises()) {
                if (e.override() != null) {
                    out.append("    ").append(e.name()).append(' ').append(ReportFiles.override(e)).append('\n');
                }
                if (submitted(e) && !e.notes().isEmpty()) {
                    String detail = e.notes().size() > 1 ? ": " + e.notes().get(1).strip() : "";
                    out.append("    ").append(e.name()).append(' ').append(headline(e.notes().get(0))).append(detail).append('\n');
                }
            }
        }
        List<ExerciseReport> columns = reports.get(0).exercises();
        int exerciseWidth = Math.max(8, columns.stream().mapToInt(e -> e.name().length()).max().orElse(0));
        String exerciseRow = "%-" + exerciseWidth + "s  %6s  %9s  %10s  %10s%n";
        StringBuilder table = new StringBuilder();
        int unsubmitted = 0;
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            List<ExerciseReport> column = reports.stream().map(r -> r.exercises().get(index)).toList();
            long submitted = column.stream().filter(ConsoleTable::submitted).count();
            if (submitted == 0) {
                unsubmitted++;
                continue;
            }
            long fullMarks = column.stream().filter(e -> e.score() >= e.maxScore()).count();
            double mean = column.stream().filter(ConsoleTable::submitted).mapToDouble(ExerciseReport::score).average().orElse(0);
            table.append(String.format(java.util.Locale.ROOT, exerciseRow, columns.get(i).name(),
                    ReportFiles.points(columns.get(i).maxScore()), submitted, fullMarks, String.format(java.util.Locale.ROOT, "%.1f", mean)));
        }
        if (table.length() > 0) {
            out.append('\n').append(String.format(exerciseRow, "exercise", "points", "submitted", "full marks", "mean score")).append(table);
        }
        if (unsubmitted > 0) {
            out.append(unsubmitted).append(unsubmitted == 1 ? " exercise" : " exercises").append(" no one submitted ")
                    .append(unsubmitted == 1 ? "is" : "are").append(" left out here; the gradebook has every exercise.\n");
        }
        return out.toString();
    }

    /** A failed test in words: its failed check made text, or the feedback as it came. */
    /** A failed test's feedback: its check's summary and, for a quiz item, the answer (as far as it may be shown). */
    static String feedback(TestReport t) {
        if (t.check() == null) {
            return t.feedback();
        }
        return t.check().summary() + (t.check().answer() == null ? "" : "\n" + t.check().answer());
    }

    private static boolean submitted(ExerciseReport e) {
        return e.handed() != GradeReport.Handed.NOT_SUBMITTED;
    }

    private static String pointsOf(double score, double max) {
        return ReportFiles.points(score) + "/" + ReportFiles.points(max);
    }

    /** "did not compile, so it was graded as the stub (0 points); ..." becomes "did not compile". */
    static String headline(String note) {
        int cut = note.indexOf(", so it was graded as the stub");
        String head = firstLine(cut < 0 ? note : note.substring(0, cut));
        return head.equals("uses something the kit does not allow") ? "refused" : head;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
