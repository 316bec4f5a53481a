package dlkit.grader.report;

import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.List;

/** Plain-text tables for the terminal, and the summary Gradescope shows above the tests. */
public final class ConsoleTable {

    private ConsoleTable() {}

    /** One submission: a row per exercise, then what went wrong, test by test. */
    public static String summary(GradeReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.student()).append(": ").append(ReportFiles.points(r.score())).append(" / ")
                .append(ReportFiles.points(r.maxScore())).append(" points (seed ").append(r.seed()).append(")\n");
        r.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
        int width = Math.max(8, r.exercises().stream().mapToInt(e -> e.file().length()).max().orElse(0));
        out.append(String.format("  %-" + width + "s  %7s  %s%n", "exercise", "points", "tests passed"));
        for (ExerciseReport e : r.exercises()) {
            long passed = e.tests().stream().filter(TestReport::passed).count();
            out.append(String.format("  %-" + width + "s  %7s  %d/%d%n", e.file(),
                    ReportFiles.points(e.score()) + "/" + ReportFiles.points(e.maxScore()), passed, e.tests().size()));
        }
        for (ExerciseReport e : r.exercises()) {
            List<TestReport> failed = e.tests().stream().filter(t -> !t.passed()).toList();
            if (failed.isEmpty() && e.notes().isEmpty()) {
                continue;
            }
            out.append('\n').append(e.name()).append(":\n");
            e.notes().forEach(n -> out.append("  ").append(n).append('\n'));
            for (TestReport t : failed) {
                out.append("  - ").append(t.name()).append(" (0/").append(ReportFiles.points(t.maxScore())).append("): ")
                        .append(t.feedback().replace("\n", "\n      ")).append('\n');
            }
        }
        return out.toString();
    }

    /** A class: a row per student, a column per exercise. */
    public static String classTable(List<GradeReport> reports) {
        if (reports.isEmpty()) {
            return "no submissions\n";
        }
        List<ExerciseReport> columns = reports.get(0).exercises();
        int nameWidth = Math.max(7, reports.stream().mapToInt(r -> r.student().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format("%-" + nameWidth + "s", "student"));
        columns.forEach(c -> out.append("  ").append(String.format("%" + Math.max(5, c.name().length()) + "s", c.name())));
        out.append(String.format("  %9s%n", "total"));
        for (GradeReport r : reports) {
            out.append(String.format("%-" + nameWidth + "s", r.student()));
            for (int i = 0; i < columns.size(); i++) {
                ExerciseReport e = r.exercises().get(i);
                out.append("  ").append(String.format("%" + Math.max(5, columns.get(i).name().length()) + "s",
                        ReportFiles.points(e.score())));
            }
            out.append(String.format("  %9s%n", ReportFiles.points(r.score()) + "/" + ReportFiles.points(r.maxScore())));
        }
        return out.toString();
    }
}
