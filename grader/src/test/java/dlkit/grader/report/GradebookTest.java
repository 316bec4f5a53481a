package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dlkit.grader.collect.Identity;
import dlkit.grader.collect.Identity.Lms;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.Gradebook.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each gradebook in the layout its system imports, checked against that system's own code or documentation. */
class GradebookTest {

    static final Instant GRADED_AT = Instant.parse("2026-02-02T10:00:00Z");

    static Row row(String student, double score, Identity who) {
        GradeReport r = new GradeReport(student, 42, "17", score, 10, List.of(
                new ExerciseReport("dlkit/optim/Adam.java", "Adam", score, 10, List.of(), List.of())), List.of(), "", null, List.of());
        return new Row(r, who);
    }

    static final Identity CANVAS_JURGEN = new Identity(Lms.CANVAS, "4711", null, "müllerjürgen", null, false, null);
    static final Identity CANVAS_ANONYMOUS = new Identity(Lms.CANVAS, "anon_Xk3pQ", null, "anon_Xk3pQ", null, true, null);
    static final Identity MOODLE_JO = new Identity(Lms.MOODLE, "101", null, "Jo Smith", null, false, null);
    static final Identity GRADESCOPE_ADA = new Identity(Lms.GRADESCOPE, "A1234567", null, "Ada Lovelace", "ada@example.edu", true,
            Instant.parse("2026-02-01T09:30:05Z"));
    static final Identity FORMULA = Identity.named("=HYPERLINK(\"http://x\")");
    static final Identity BRIGHTSPACE_MARY = new Identity(Lms.BRIGHTSPACE, "27236-46031", null, "Mary-Ann Smith", null, false,
            Instant.parse("2024-09-25T10:05:00Z"));
    static final Identity BLACKBOARD_JO = new Identity(Lms.BLACKBOARD, null, "jsmith", "Jo Smith", null, false, null);

    /**
     * Canvas's import reads the layout of Canvas's own export, canvas-lms {@code lib/gradebook_exporter.rb}:
     * the header {@code "Student"}, {@code "ID"}, {@code "SIS User ID"} (with SIS ids), {@code "SIS Login ID"},
     * {@code "Section"}, then each assignment; the second row {@code ["    Points Possible", nil, nil, nil]}
     * padded for the SIS columns, then each assignment's points possible; each student's row their
     * sortable name and {@code student.id}, the user id that {@code lib/content_zipper.rb} puts in
     * every download's name. Student name, ID, SIS Login ID and Section are the import's required
     * columns (Ohio State's Carmen guide, teaching.resources.osu.edu, "Import a CSV file to Carmen grades").
     */
    @Test
    void canvasImportHasCanvassColumnsItsPointsPossibleRowAndTheUserIdFromTheDownload() {
        String csv = Gradebook.canvas(List.of(row("müllerjürgen", 7.5, CANVAS_JURGEN), row("anon_Xk3pQ", 10, CANVAS_ANONYMOUS),
                row("Jo Smith", 3, MOODLE_JO), row(FORMULA.displayName(), 0, FORMULA)), "Week 1, optimisers");

        assertThat(csv.lines()).containsExactly(
                "Student,ID,SIS User ID,SIS Login ID,Section,\"Week 1, optimisers\"",
                "    Points Possible,,,,,10",
                "müllerjürgen,4711,,,,7.50",
                "anon_Xk3pQ,,,,,10",
                "Jo Smith,,,,,3",
                "\"'=HYPERLINK(\"\"http://x\"\")\",,,,,0");
    }

    /**
     * Moodle's assignment takes grades back through its offline grading worksheet,
     * {@code mod/assign/feedback/offline/importgradeslib.php}: {@code init()} finds the columns headed
     * {@code get_string('recordid', 'assign')}, {@code get_string('grade')} and
     * {@code get_string('lastmodifiedgrade', 'assign')} and fails without any of them; {@code next()}
     * strips {@code get_string('hiddenuser', 'assign')} from the identifier and maps the rest with
     * {@code get_user_id_for_uniqueid}, the number in the download's names ({@code get_uniqueid_for_user}
     * in {@code mod/assign/classes/downloader.php}). In {@code mod/assign/lang/en/assign.php} those strings
     * are {@code 'Identifier'}, {@code 'Last modified (grade)'} and {@code 'Participant '}; the worksheet's
     * maximum is {@code 'Maximum Grade'}.
     */
    @Test
    void moodleWorksheetIsMatchedByParticipantNumberWithTheColumnsItsImporterLooksFor() {
        String csv = Gradebook.moodle(List.of(row("Jo Smith", 8, MOODLE_JO), row("müllerjürgen", 7.5, CANVAS_JURGEN),
                row(FORMULA.displayName(), 0, FORMULA)), GRADED_AT);

        assertThat(csv.lines()).containsExactly(
                "Identifier,Full name,Email address,Grade,Maximum Grade,Last modified (grade)",
                "Participant 101,Jo Smith,,8,10,2026-02-02T10:00:00Z",
                ",müllerjürgen,,7.50,10,2026-02-02T10:00:00Z",
                ",\"'=HYPERLINK(\"\"http://x\"\")\",,0,10,2026-02-02T10:00:00Z");
    }

    /**
     * Gradescope's grade export as gradelib reads it (github.com/eldridgejm/gradelib,
     * {@code src/gradelib/io/gradescope.py}): {@code SID} the index, {@code Name} (or first and last),
     * {@code Email}, then four columns per assignment, the score, {@code - Max Points},
     * {@code - Submission Time} and {@code - Lateness (H:M:S)}, and {@code Total Lateness (H:M:S)}.
     * The student id, e-mail and submission time come from Gradescope's export ({@code submission_metadata.yml}
     * or {@code .json}).
     */
    @Test
    void gradescopeExportHasItsFourColumnsPerAssignmentAndTheLatenessPastTheDueTime() {
        Instant due = Instant.parse("2026-02-01T08:00:00Z");
        String csv = Gradebook.gradescope(List.of(row("Ada Lovelace", 9, GRADESCOPE_ADA), row("müllerjürgen", 7.5, CANVAS_JURGEN),
                row(FORMULA.displayName(), 0, FORMULA)), "Week 1", due);

        assertThat(csv.lines()).containsExactly(
                "Name,SID,Email,Week 1,Week 1 - Max Points,Week 1 - Submission Time,Week 1 - Lateness (H:M:S),Total Lateness (H:M:S)",
                "Ada Lovelace,A1234567,ada@example.edu,9,10,2026-02-01T09:30:05Z,01:30:05,01:30:05",
                "müllerjürgen,4711,,7.50,10,,00:00:00,00:00:00",
                "\"'=HYPERLINK(\"\"http://x\"\")\",,,0,10,,00:00:00,00:00:00");
        assertThat(Gradebook.gradescope(List.of(row("Ada Lovelace", 9, GRADESCOPE_ADA)), "Week 1", null).lines().skip(1))
                .as("late, but no due time known: the lateness is left empty, never a made-up 0")
                .containsExactly("Ada Lovelace,A1234567,ada@example.edu,9,10,2026-02-01T09:30:05Z,,");
    }

    /**
     * Brightspace's grade import (D2L's "Importing grades", community.d2l.com/brightspace/kb/articles/3538):
     * a Username or OrgDefinedId (or both) names the user, a numeric item's column is its name followed by
     * {@code Points Grade}; its grades export, the file instructors edit and import again, has
     * {@code OrgDefinedId, Username, Last Name, First Name}, then the items, then {@code End-of-Line Indicator},
     * each id written {@code #}-first and each row ending {@code #} (UW-Madison KB 4330, "Function of Pound
     * Signs (#) in Grades File Records"); {@code <Numeric MaxPoints:N>} after the name makes a missing item
     * (github.com/christopherphan/brightspace-scripts, {@code webwork_grades_to_brightspace.py}). Brightspace's
     * download gives no OrgDefinedId or Username, so they are left empty.
     */
    @Test
    void brightspaceImportHasItsExportsColumnsThePointsGradeItemAndTheEndOfLineMark() {
        String csv = Gradebook.brightspace(List.of(row("Mary-Ann Smith", 7.5, BRIGHTSPACE_MARY), row("de la Cruz, Ana", 10,
                new Identity(Lms.BRIGHTSPACE, "27236-46027", null, "de la Cruz, Ana", null, false, null)),
                row(FORMULA.displayName(), 0, FORMULA), row("Jo =1+2", 3, Identity.named("Jo =1+2"))), "Week 1, optimisers");

        assertThat(csv.lines()).containsExactly(
                "OrgDefinedId,Username,Last Name,First Name,\"Week 1, optimisers Points Grade <Numeric MaxPoints:10>\",End-of-Line Indicator",
                ",,Smith,Mary-Ann,7.50,#",
                ",,de la Cruz,Ana,10,#",
                ",,\"'=HYPERLINK(\"\"http://x\"\")\",,0,#",
                ",,'=1+2,Jo,3,#");
    }

    /**
     * Blackboard's Grade Center upload (Blackboard's help, "Uploading External Grade Center Items",
     * library.blackboard.com): the user name identifies each student, a column's id after {@code |}
     * identifies the column (a column without one is made anew), and in a comma-delimited file every
     * cell is in quotes; its download's columns start {@code Last Name, First Name, Username, Student ID}
     * and an item is headed {@code Name [Total Pts: 100 Score] |12345}. The username is the one in
     * Blackboard's download names.
     */
    @Test
    void blackboardUploadIsMatchedByUsernameWithEveryCellInQuotes() {
        String csv = Gradebook.blackboard(List.of(row("Jo Smith", 8, BLACKBOARD_JO), row("Mary-Ann Smith", 7.5, BRIGHTSPACE_MARY),
                row(FORMULA.displayName(), 0, FORMULA)), "Week 1 [Total Pts: 10 Score] |12345");

        assertThat(csv.lines()).containsExactly(
                "\"Last Name\",\"First Name\",\"Username\",\"Student ID\",\"Week 1 [Total Pts: 10 Score] |12345\"",
                "\"Smith\",\"Jo\",\"jsmith\",\"\",\"8\"",
                "\"Smith\",\"Mary-Ann\",\"\",\"\",\"7.50\"",
                "\"'=HYPERLINK(\"\"http://x\"\")\",\"\",\"\",\"\",\"0\"");
        assertThat(Gradebook.blackboard(List.of(row("Jo Smith", 8, new Identity(Lms.BLACKBOARD, null, "=cmd|' /C calc'!A0", "Jo Smith",
                null, false, null))), "Week 1").lines().skip(1))
                .as("a username that starts like a formula is shown, not run")
                .containsExactly("\"Smith\",\"Jo\",\"'=cmd|' /C calc'!A0\",\"\",\"8\"");
    }

    @Test
    void everyMemberOfAGroupSubmissionHasARowWithTheGroupsScoreAndTheirOwnIdAndEmail(@TempDir Path out) throws IOException {
        Identity grace = new Identity(Lms.GRADESCOPE, "C1", null, "Grace Hopper", "grace@example.edu", false, null);
        Identity group = new Identity(Lms.GRADESCOPE, "A1234567", null, "Ada Lovelace", "ada@example.edu", true,
                Instant.parse("2026-02-01T09:30:05Z"), List.of(grace));
        GradeReport submitted = row("Ada Lovelace (A1234567)", 9, group).report();
        List<Row> rows = Row.forClass(List.of(submitted), r -> group);

        Gradebook.writeAll(rows, "Week 1", GRADED_AT, Instant.parse("2026-02-01T08:00:00Z"), out);

        assertThat(Files.readAllLines(out.resolve("gradebook-gradescope.csv")).subList(1, 3)).containsExactly(
                "Ada Lovelace (A1234567),A1234567,ada@example.edu,9,10,2026-02-01T09:30:05Z,01:30:05,01:30:05",
                "Grace Hopper,C1,grace@example.edu,9,10,2026-02-01T09:30:05Z,01:30:05,01:30:05");
        assertThat(Files.readAllLines(out.resolve("gradebook.csv"))).containsExactly("student,Adam,total,max",
                "Ada Lovelace (A1234567),9,9,10", "Grace Hopper,9,9,10");
        assertThat(Files.readAllLines(out.resolve("gradebook-moodle.csv")).subList(1, 3)).allSatisfy(l -> assertThat(l).contains(",9,10,"))
                .anySatisfy(l -> assertThat(l).startsWith(",Grace Hopper,grace@example.edu,9,10,"));
        assertThat(Files.readAllLines(out.resolve("gradebook-canvas.csv")).subList(2, 4)).containsExactly(
                "Ada Lovelace (A1234567),,,,,9", "Grace Hopper,,,,,9");
        // Grace also handed in on her own: her own row only, not the group's too.
        GradeReport own = row("Grace Hopper", 4, grace).report();
        assertThat(Row.forClass(List.of(submitted, own), r -> r == own ? grace : group)).extracting(Row::name, r -> r.report().score())
                .containsExactly(tuple("Ada Lovelace (A1234567)", 9.0), tuple("Grace Hopper", 4.0));
    }

    @Test
    void everyGradebookIsWrittenUnderItsOwnName(@TempDir Path out) throws IOException {
        List<Row> rows = List.of(row("müllerjürgen", 7.5, CANVAS_JURGEN), row("Jo Smith", 8, MOODLE_JO));

        List<Path> written = Gradebook.writeAll(rows, "Week 1", GRADED_AT, null, out);

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("gradebook.csv", "gradebook-canvas.csv", "gradebook-moodle.csv", "gradebook-gradescope.csv",
                        "gradebook-brightspace.csv", "gradebook-blackboard.csv");
        assertThat(Files.readString(out.resolve("gradebook.csv"))).isEqualTo("student,Adam,total,max\nmüllerjürgen,7.50,7.50,10\n"
                + "Jo Smith,8,8,10\n");
        assertThat(Files.readString(out.resolve("gradebook-canvas.csv"))).isEqualTo(Gradebook.canvas(rows, "Week 1"));
        assertThat(Files.readString(out.resolve("gradebook-moodle.csv"))).isEqualTo(Gradebook.moodle(rows, GRADED_AT));
        assertThat(Files.readString(out.resolve("gradebook-gradescope.csv"))).isEqualTo(Gradebook.gradescope(rows, "Week 1", null));
        assertThat(Files.readString(out.resolve("gradebook-brightspace.csv"))).isEqualTo(Gradebook.brightspace(rows, "Week 1"));
        assertThat(Files.readString(out.resolve("gradebook-blackboard.csv"))).isEqualTo(Gradebook.blackboard(rows, "Week 1"));
    }
}
