package dlkit.grader.hostile;

import static dlkit.grader.Submissions.ADAM;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Canvas download graded through the command line: the student whose sortable name ends in a
 * classmate's user id gets nothing of the classmate's and is named, every entry of the folder is
 * accounted for on the console and in index.html, and the Canvas gradebook carries each user id.
 * A Brightspace download whose names are a formula and {@code ..}: each is graded as that student
 * inside the reports, and no gradebook runs the formula.
 */
class LmsClassAttackTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aCanvasClassIsGradedWithEveryEntryAccountedForAndImportsByUserId() throws Exception {
        Attack attack = new Attack(tmp);
        String adam = Submissions.solution(ADAM);
        Files.writeString(attack.classFolder.resolve("doejane_4711_100_Adam.java"), adam);
        // Sortable name "Doe, Jane_4711", user 999: Canvas writes doejane_4711_999_<attachment>_<file>.
        Files.writeString(attack.classFolder.resolve("doejane_4711_999_555_Adam.java"), "package dlkit.optim; class Adam {}");
        Files.writeString(attack.classFolder.resolve("LATE_anon_b7Yz2_101_Adam.java"), adam);
        Files.writeString(attack.classFolder.resolve("README.txt"), "how this folder was made");

        Attack.Run run = attack.gradeClass("--exercise", "Adam", "--gradebook-column", "Week 1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("dlkit: doejane_4711_999_555_Adam.java reads as the file of 2 different students",
                "dlkit: README.txt describes the class folder; it is no one's submission",
                "dlkit: gradebook-canvas.csv has no Canvas user id for 1 of 2 students (their ID cell is empty)");
        assertThat(run.err()).as("a download of Canvas only").doesNotContain("gradebook-moodle.csv has no");
        assertThat(run.out()).contains("Entries of the class folder: 2 graded, 0 merged into a student, 2 not graded",
                "gradebook-canvas.csv", "gradebook-moodle.csv", "gradebook-gradescope.csv");
        String points = dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS);
        assertThat(Files.readAllLines(run.reports().resolve("gradebook-canvas.csv"))).containsExactly(
                "Student,ID,SIS User ID,SIS Login ID,Section,Week 1",
                "    Points Possible,,,,," + points,
                "anon_b7Yz2,,,,," + points,
                "doejane,4711,,,," + points);
        String index = Files.readString(run.reports().resolve("index.html"));
        assertThat(index).contains("The class folder", "doejane_4711_999_555_Adam.java", "README.txt", "LATE_anon_b7Yz2_101_Adam.java");
    }

    @Test
    void aMoodleClassWithAFolderMoodleDidNotNameSaysOnTheConsoleThatItsRowHasNoParticipantNumber() throws Exception {
        Attack attack = new Attack(tmp);
        String adam = Submissions.solution(ADAM);
        attack.student("Jo Smith_101_assignsubmission_file", "Adam.java", adam);
        attack.student("emailed-by-ann", "Adam.java", adam);

        Attack.Run run = attack.gradeClass("--exercise", "Adam");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("dlkit: gradebook-moodle.csv has no participant number for 1 of 2 students "
                + "(their Identifier cell is empty): Moodle's upload skips those rows, so enter their grades by hand")
                .doesNotContain("gradebook-canvas.csv has no");
        assertThat(Files.readAllLines(run.reports().resolve("gradebook-moodle.csv"))).anyMatch(l -> l.startsWith(",emailed-by-ann,"));

        // A download of teams: no folder has a participant number, and each team's own note says what to do.
        Attack teams = new Attack(Files.createDirectories(tmp.resolve("teams")));
        teams.student("Team Rocket_42_assignsubmission_file", "Adam.java", adam);
        teams.student("Default group_assignsubmission_file", "Adam.java", adam);
        Attack.Run teamRun = teams.gradeClass("--exercise", "Adam");
        assertThat(teamRun.exitCode()).as(teamRun.err()).isZero();
        assertThat(teamRun.err()).contains("Moodle's folder of a team").doesNotContain("has no participant number");
    }

    @Test
    void aBrightspaceClassWithAFormulaAndDotDotForNamesIsGradedInsideTheReportsAndNoGradebookRunsTheFormula() throws Exception {
        Attack attack = new Attack(tmp);
        String adam = Submissions.solution(ADAM);
        String formula = "=HYPERLINK(\"evil.example\")"; // a folder name holds no /
        attack.student("27236-46025 - " + formula + " - Sep 24, 2024 926 PM", "Adam.java", adam);
        attack.student("27236-46026 - .. - Sep 24, 2024 927 PM", "Adam.java", adam);
        attack.student("27236-46027 - Jo Smith - Sep 24, 2024 928 PM", "Adam.java", "package dlkit.optim; class Adam {}");
        attack.student("27236-46028 - Jo Smith - Sep 25, 2024 1001 AM", "Adam.java", adam);
        Files.writeString(attack.classFolder.resolve("index.html"), "<html><script>alert(1)</script></html>");

        Attack.Run run = attack.gradeClass("--exercise", "Adam", "--gradebook-column", "Week 1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String points = dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS);
        assertThat(run.score("Jo Smith")).as("the latest submission is graded").isEqualTo(Submissions.ADAM_POINTS);
        assertThat(run.reports().resolve("_..").resolve("report.json")).as(run.out()).isRegularFile();
        assertThat(tmp.resolve("report.json")).doesNotExist();
        assertThat(run.out()).contains("Entries of the class folder: 3 graded, 1 merged into a student, 1 not graded",
                "gradebook-brightspace.csv, gradebook-blackboard.csv");
        assertThat(run.err()).contains("dlkit: gradebook-brightspace.csv leaves OrgDefinedId and Username empty for all 3 students");
        assertThat(Files.readAllLines(run.reports().resolve("gradebook-brightspace.csv"))).containsExactlyInAnyOrder(
                "OrgDefinedId,Username,Last Name,First Name,Week 1 Points Grade <Numeric MaxPoints:" + points + ">,End-of-Line Indicator",
                ",,\"'=HYPERLINK(\"\"evil.example\"\")\",," + points + ",#",
                ",,..,," + points + ",#",
                ",,Smith,Jo," + points + ",#");
        String blackboard = Files.readString(run.reports().resolve("gradebook-blackboard.csv"));
        assertThat(blackboard).contains("\"'=HYPERLINK(").doesNotContain("\"=HYPERLINK(");
        for (String gradebook : List.of("gradebook.csv", "gradebook-canvas.csv", "gradebook-moodle.csv", "gradebook-gradescope.csv")) {
            assertThat(Files.readAllLines(run.reports().resolve(gradebook))).as(gradebook)
                    .noneMatch(line -> line.startsWith("=") || line.contains(",=") || line.contains("\"="));
        }
        attack.assertCanaryUntouched();
    }

    @Test
    void studentsWhoseNamesAreNotAsciiAreGradedOnTheirWorkUnderTheirOwnNames() throws Exception {
        Attack attack = new Attack(tmp);
        String adam = Submissions.solution(ADAM);
        // The test JVMs start with an empty environment, so in a locale that may know no letter outside ASCII.
        Files.writeString(attack.classFolder.resolve("王小明_4714_90005_Adam.java"), adam);
        Files.writeString(attack.classFolder.resolve("müllerjürgen_4715_90006_Adam.java"), adam);

        Attack.Run run = attack.gradeClass("--exercise", "Adam");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.score("王小明")).as(run.out()).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(run.score("müllerjürgen")).as(run.out()).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(run.out()).contains("王小明", "müllerjürgen");
        assertThat(Files.readString(run.reports().resolve("gradebook-canvas.csv"))).contains("王小明,4714", "müllerjürgen,4715");
    }

    @Test
    void aClassOfOneStudentGetsItsGradebooksAndIndex() throws Exception {
        Attack attack = new Attack(tmp);
        Files.writeString(attack.classFolder.resolve("doejane_12345_67890_Adam.java"), Submissions.solution(ADAM));

        Attack.Run run = attack.gradeClass("--exercise", "Adam");

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String file : java.util.List.of("gradebook.csv", "gradebook-canvas.csv", "gradebook-moodle.csv",
                "gradebook-gradescope.csv", "gradebook-brightspace.csv", "gradebook-blackboard.csv", "index.html")) {
            assertThat(run.reports().resolve(file)).as(run.out()).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(run.reports().resolve("gradebook-canvas.csv")))
                .contains("doejane,12345,,,," + dlkit.grader.report.ReportFiles.points(Submissions.ADAM_POINTS));
        assertThat(run.out()).contains("Entries of the class folder: 1 graded, 0 merged into a student, 0 not graded",
                "Class overview: ");
    }
}
