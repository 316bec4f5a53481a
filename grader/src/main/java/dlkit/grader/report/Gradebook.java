package dlkit.grader.report;

import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A class's gradebook as CSV: one row per student, a column per exercise, the total and the maximum. */
public final class Gradebook {

    private Gradebook() {}

    public static String csv(List<GradeReport> reports) {
        StringBuilder out = new StringBuilder("student");
        List<ExerciseReport> columns = reports.isEmpty() ? List.of() : reports.get(0).exercises();
        columns.forEach(e -> out.append(',').append(quote(e.name())));
        // The instructor's overrides with their reasons, in a column of their own where there are any.
        boolean overridden = reports.stream().flatMap(r -> r.exercises().stream()).anyMatch(e -> e.override() != null);
        out.append(",total,max").append(overridden ? ",overrides\n" : "\n");
        for (GradeReport r : reports) {
            out.append(quote(r.student()));
            r.exercises().forEach(e -> out.append(',').append(ReportFiles.points(e.score())));
            out.append(',').append(ReportFiles.points(r.score())).append(',').append(ReportFiles.points(r.maxScore()));
            if (overridden) {
                out.append(',').append(quote(String.join("; ", r.exercises().stream().filter(e -> e.override() != null)
                        .map(e -> e.name() + " " + ReportFiles.override(e)).toList())));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static void write(List<GradeReport> reports, Path file) throws IOException {
        ReportFiles.writeAtomically(file, csv(reports));
    }

    /**
     * A text cell: a leading apostrophe if it starts like a formula ({@code = + - @}, tab or
     * carriage return), so a spreadsheet shows it rather than runs it (OWASP's advice on CSV
     * injection); quoted if it holds a comma, a quote or a line break. Numbers are written as
     * numbers, never through here.
     */
    static String quote(String field) {
        String text = !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        return text.matches("[^,\"\\r\\n]*") ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
