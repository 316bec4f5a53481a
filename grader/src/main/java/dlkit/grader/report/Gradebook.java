package dlkit.grader.report;

import dlkit.grader.collect.Identity;
import dlkit.grader.collect.Identity.Lms;
import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A class's gradebook as CSV, in each form an LMS imports as it is:
 * <ul>
 *   <li>{@link Format#WIDE}: one row per student, a column per exercise, the total and the maximum;
 *       where any submission came late, two more columns: days late and the penalty in percent
 *       (the total is after the penalty);</li>
 *   <li>{@link Format#CANVAS}: Canvas's gradebook import, the columns of Canvas's own export
 *       ({@code Student, ID, SIS User ID, SIS Login ID, Section}, then the assignment) and its
 *       {@code "    Points Possible"} row; students match by {@code ID}, Canvas's user id, which its
 *       download names carry;</li>
 *   <li>{@link Format#MOODLE}: the assignment's offline grading worksheet ({@code Identifier, Full name,
 *       Email address, Grade, Maximum Grade, Last modified (grade)}), matched by {@code Participant N},
 *       the number in Moodle's download names; upload it under the assignment's "Upload grading worksheet"
 *       (the "Offline grading worksheet" feedback type must be on, the site in English);</li>
 *   <li>{@link Format#GRADESCOPE}: Gradescope's grade export ({@code Name, SID, Email}, then the
 *       assignment's score, maximum, submission time and lateness), for a roster matched by e-mail;</li>
 *   <li>{@link Format#BRIGHTSPACE}: Brightspace's grade import, the layout of its own grades export
 *       ({@code OrgDefinedId, Username, Last Name, First Name}, the assignment's {@code Points Grade},
 *       {@code End-of-Line Indicator}); it matches by OrgDefinedId or Username, which Brightspace's
 *       download does not give, so those cells are left for the instructor;</li>
 *   <li>{@link Format#BLACKBOARD}: Blackboard's Grade Center upload ({@code Last Name, First Name,
 *       Username, Student ID}, then the assignment), matched by Username, the one in Blackboard's
 *       download names.</li>
 * </ul>
 * A student the export gave no id for has an empty id cell: the LMS then asks whom the row is for.
 */
public final class Gradebook {

    /** The gradebooks written for a class, each under its own file name. */
    public enum Format {
        WIDE("gradebook.csv"), CANVAS("gradebook-canvas.csv"), MOODLE("gradebook-moodle.csv"), GRADESCOPE("gradebook-gradescope.csv"),
        BRIGHTSPACE("gradebook-brightspace.csv"), BLACKBOARD("gradebook-blackboard.csv");

        public final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }
    }

    /**
     * One student's row: the graded report, who the export said they are, and the name the row
     * shows (the report's student, or a group member's own name).
     */
    public record Row(GradeReport report, Identity identity, String name) {

        /** The row of the report's own student. */
        public Row(GradeReport report, Identity identity) {
            this(report, identity, report.student());
        }

        /**
         * The class's rows: for each report, a row for each student its identity grades it for
         * ({@link Identity#everyone()}: a group's members too). A member of a group who also has
         * a submission of their own keeps only the row of their own.
         */
        public static List<Row> forClass(List<GradeReport> reports, Function<GradeReport, Identity> identityOf) {
            Set<String> own = new HashSet<>();
            reports.forEach(r -> own.add(identityOf.apply(r).key()));
            List<Row> rows = new ArrayList<>();
            for (GradeReport r : reports) {
                Identity who = identityOf.apply(r);
                rows.add(new Row(r, who));
                who.everyone().stream().skip(1).filter(m -> own.add(m.key())).forEach(m ->
                        rows.add(new Row(r, m, m.displayName() != null ? m.displayName() : orEmpty(m.email()))));
            }
            return rows;
        }
    }

    /** Canvas's label of the row with each column's maximum, four spaces first, as its gradebook export writes it. */
    static final String CANVAS_POINTS_POSSIBLE = "    Points Possible";

    private Gradebook() {}

    public static String csv(List<GradeReport> reports) {
        return wide(reports.stream().map(r -> new Row(r, Identity.named(r.student()))).toList());
    }

    /** The instructor's gradebook, a column per exercise, a row per {@link Row}. */
    private static String wide(List<Row> rows) {
        List<GradeReport> reports = rows.stream().map(Row::report).toList();
        StringBuilder out = new StringBuilder("student");
        List<ExerciseReport> columns = reports.isEmpty() ? List.of() : reports.get(0).exercises();
        columns.forEach(e -> out.append(',').append(quote(e.name())));
        boolean late = reports.stream().anyMatch(r -> r.late() != null);
        // The instructor's overrides with their reasons, in a column of their own where there are any.
        boolean overridden = reports.stream().flatMap(r -> r.exercises().stream()).anyMatch(e -> e.override() != null);
        out.append(",total,max").append(late ? ",days late,late penalty %" : "").append(overridden ? ",overrides" : "").append('\n');
        for (Row row : rows) {
            GradeReport r = row.report();
            out.append(quote(row.name()));
            r.exercises().forEach(e -> out.append(',').append(ReportFiles.points(e.score())));
            out.append(',').append(ReportFiles.points(r.score())).append(',').append(ReportFiles.points(r.maxScore()));
            if (late) {
                out.append(',').append(r.late() == null ? 0 : r.late().days())
                        .append(',').append(ReportFiles.points(r.late() == null ? 0 : r.late().percent()));
            }
            if (overridden) {
                out.append(',').append(quote(String.join("; ", r.exercises().stream().filter(e -> e.override() != null)
                        .map(e -> e.name() + " " + ReportFiles.override(e)).toList())));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Canvas's import: {@code column} names the assignment (a new name makes a new assignment on import). */
    public static String canvas(List<Row> rows, String column) {
        StringBuilder out = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section,").append(quote(column)).append('\n');
        double max = rows.isEmpty() ? 0 : rows.get(0).report().maxScore();
        out.append(CANVAS_POINTS_POSSIBLE).append(",,,,,").append(ReportFiles.points(max)).append('\n');
        for (Row r : rows) {
            Identity who = r.identity();
            String id = who.lms() == Lms.CANVAS && who.userId() != null && who.userId().matches("\\d+") ? who.userId() : "";
            out.append(quote(r.name())).append(',').append(id).append(",,,,")
                    .append(ReportFiles.points(r.report().score())).append('\n');
        }
        return out.toString();
    }

    /** Moodle's offline grading worksheet, the grades stamped {@code gradedAt} (Moodle keeps a grade changed later). */
    public static String moodle(List<Row> rows, Instant gradedAt) {
        StringBuilder out = new StringBuilder("Identifier,Full name,Email address,Grade,Maximum Grade,Last modified (grade)\n");
        String stamp = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(gradedAt.atOffset(ZoneOffset.UTC).withNano(0));
        for (Row r : rows) {
            Identity who = r.identity();
            String id = who.lms() == Lms.MOODLE && who.userId() != null ? "Participant " + who.userId() : "";
            out.append(quote(id)).append(',').append(quote(r.name())).append(',').append(quote(orEmpty(who.email())))
                    .append(',').append(ReportFiles.points(r.report().score())).append(',')
                    .append(ReportFiles.points(r.report().maxScore())).append(',').append(stamp).append('\n');
        }
        return out.toString();
    }

    /**
     * Gradescope's grade export for one assignment named {@code column}: {@code Name, SID, Email}, then
     * the score, {@code - Max Points}, {@code - Submission Time}, {@code - Lateness (H:M:S)} and
     * {@code Total Lateness (H:M:S)}. {@code SID} holds the export's id of the student (the
     * student id of Gradescope's export, else the LMS's user id or login); the lateness is the time
     * handed in past {@code due} (null: not known, so empty for a late submission, 00:00:00 for the others).
     */
    public static String gradescope(List<Row> rows, String column, Instant due) {
        String c = quote(column);
        StringBuilder out = new StringBuilder("Name,SID,Email,").append(c).append(',').append(quote(column + " - Max Points"))
                .append(',').append(quote(column + " - Submission Time")).append(',').append(quote(column + " - Lateness (H:M:S)"))
                .append(",Total Lateness (H:M:S)\n");
        for (Row r : rows) {
            Identity who = r.identity();
            String sid = who.lms() == Lms.NONE ? "" : who.userId() != null ? who.userId() : orEmpty(who.login());
            String lateness = lateness(who, due);
            out.append(quote(r.name())).append(',').append(quote(sid)).append(',').append(quote(orEmpty(who.email())))
                    .append(',').append(ReportFiles.points(r.report().score())).append(',')
                    .append(ReportFiles.points(r.report().maxScore())).append(',')
                    .append(who.submittedAt() == null ? "" : who.submittedAt().toString()).append(',')
                    .append(lateness).append(',').append(lateness).append('\n');
        }
        return out.toString();
    }

    /**
     * Brightspace's grade import for one numeric grade item named {@code column}: the columns of
     * Brightspace's own grades export ({@code OrgDefinedId, Username, Last Name, First Name}), the item as
     * {@code <column> Points Grade <Numeric MaxPoints:N>} (the form that also makes the item if the course
     * has none of that name), and {@code End-of-Line Indicator}, {@code #} on every row. Ids are written
     * {@code #}-first, as Brightspace's export writes them (so a spreadsheet keeps leading zeros); the
     * import matches by them alone. Brightspace's download gives neither, so they are empty, for the
     * instructor to fill in from the course's grades export before importing.
     */
    public static String brightspace(List<Row> rows, String column) {
        double max = rows.isEmpty() ? 0 : rows.get(0).report().maxScore();
        StringBuilder out = new StringBuilder("OrgDefinedId,Username,Last Name,First Name,")
                .append(quote(column + " Points Grade <Numeric MaxPoints:" + ReportFiles.points(max) + ">"))
                .append(",End-of-Line Indicator\n");
        for (Row r : rows) {
            String[] name = firstAndLast(r.name());
            out.append(",,").append(quote(name[1])).append(',').append(quote(name[0])).append(',')
                    .append(ReportFiles.points(r.report().score())).append(",#\n");
        }
        return out.toString();
    }

    /**
     * Blackboard's Grade Center upload: {@code Last Name, First Name, Username, Student ID} and the
     * assignment's column, each cell in quotes as its comma-delimited upload requires. Rows match by
     * {@code Username}, Blackboard's in its download names (empty for a student of another export).
     * {@code column} as Grade Center's own download heads an existing column
     * ({@code Week 1 [Total Pts: 12 Score] |12345}) updates that column; any other name makes a new one.
     */
    public static String blackboard(List<Row> rows, String column) {
        StringBuilder out = new StringBuilder("\"Last Name\",\"First Name\",\"Username\",\"Student ID\",")
                .append(quoted(column)).append('\n');
        for (Row r : rows) {
            Identity who = r.identity();
            String[] name = firstAndLast(r.name());
            String username = who.lms() == Lms.BLACKBOARD ? orEmpty(who.login()) : "";
            out.append(quoted(name[1])).append(',').append(quoted(name[0])).append(',').append(quoted(username))
                    .append(",\"\",").append('"').append(ReportFiles.points(r.report().score())).append("\"\n");
        }
        return out.toString();
    }

    /**
     * A name as the export shows it, first and last: {@code Last, First} split at its comma, else
     * {@code First Last} at its last space ({@code [Mary-Ann, Smith]}); a single word is the last name.
     */
    private static String[] firstAndLast(String name) {
        String n = name.strip();
        int comma = n.indexOf(',');
        if (comma >= 0) {
            return new String[] {n.substring(comma + 1).strip(), n.substring(0, comma).strip()};
        }
        int space = n.lastIndexOf(' ');
        return space < 0 ? new String[] {"", n} : new String[] {n.substring(0, space).strip(), n.substring(space + 1)};
    }

    /** H:M:S past the due time, as Gradescope writes it. */
    private static String lateness(Identity who, Instant due) {
        if (due == null || who.submittedAt() == null) {
            return who.late() ? "" : "00:00:00";
        }
        long seconds = Math.max(0, java.time.Duration.between(due, who.submittedAt()).getSeconds());
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    public static void write(List<GradeReport> reports, Path file) throws IOException {
        ReportFiles.writeAtomically(file, csv(reports));
    }

    /**
     * Every format into {@code folder}, each under {@link Format#fileName}; returns the files written,
     * in {@link Format} order. {@code column} names the assignment; {@code due} (null if none) gives
     * Gradescope's lateness.
     */
    public static List<Path> writeAll(List<Row> rows, String column, Instant gradedAt, Instant due, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Format f : Format.values()) {
            Function<List<Row>, String> text = switch (f) {
                case WIDE -> r -> wide(r);
                case CANVAS -> r -> canvas(r, column);
                case MOODLE -> r -> moodle(r, gradedAt);
                case GRADESCOPE -> r -> gradescope(r, column, due);
                case BRIGHTSPACE -> r -> brightspace(r, column);
                case BLACKBOARD -> r -> blackboard(r, column);
            };
            Path file = folder.resolve(f.fileName);
            ReportFiles.writeAtomically(file, text.apply(rows));
            written.add(file);
        }
        return written;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * A text cell: a leading apostrophe if it starts like a formula ({@code = + - @}, tab or
     * carriage return), after spaces too (some spreadsheets skip them), so a spreadsheet shows it
     * rather than runs it (OWASP's advice on CSV injection); quoted if it holds a comma, a quote
     * or a line break. Numbers are written as numbers, never through here.
     */
    static String quote(String field) {
        String text = unformula(field);
        return text.matches("[^,\"\\r\\n]*") ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A text cell in quotes whatever it holds, as Blackboard's upload wants them, protected as {@link #quote} protects it. */
    static String quoted(String field) {
        return '"' + unformula(field).replace("\"", "\"\"") + '"';
    }

    /** {@code field} with an apostrophe first if it starts like a formula, after spaces too. */
    private static String unformula(String field) {
        String start = field.replaceFirst("^ +", "");
        return !start.isEmpty() && "=+-@\t\r".indexOf(start.charAt(0)) >= 0 ? "'" + field : field;
    }
}
