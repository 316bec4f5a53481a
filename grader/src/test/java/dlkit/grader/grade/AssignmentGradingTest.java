package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.JsonReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code grade --course FILE --assignment NAME}: only the assignment's exercises, at its points,
 * late work charged from a submitted-at time or Gradescope's metadata, and Gradescope's results
 * hidden as the course file says. The sample course.yaml: week2 is due 2026-10-16 23:59 in
 * Europe/Berlin, 10% off per day, 3 days accepted, results and explanations after the due date,
 * Adam worth 12 points.
 */
class AssignmentGradingTest {

    static final Path COURSE = Submissions.ROOT.resolve("course.yaml");

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err, GradeReport report, JsonNode results) {}

    Run grade(String... options) throws IOException {
        Path dir = tmp.resolve("alice");
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Adam.java"), Submissions.solution(Submissions.ADAM));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("grade", dir.toString(), "--one", "--seed", "3", "--no-plots",
                "--timeout-per-test=30", "--out", tmp.resolve("reports").toString(), "--course", COURSE.toString()));
        args.addAll(List.of(options));
        int code = cli.execute(args.toArray(String[]::new));
        Path folder = tmp.resolve("reports/alice");
        return new Run(code, out.toString(), err.toString(),
                Files.exists(folder.resolve("report.json")) ? JsonReportWriter.read(folder.resolve("report.json")) : null,
                Files.exists(folder.resolve("results.json")) ? new ObjectMapper().readTree(folder.resolve("results.json").toFile()) : null);
    }

    @Test
    void gradesOnlyTheAssignmentAtItsPointsAndChargesTwoDaysLate() throws IOException {
        Run run = grade("--assignment", "week2", "--submitted-at", "2026-10-18 09:00");
        assertThat(run.exitCode()).as(run.err()).isZero();
        GradeReport r = run.report();
        assertThat(r.exercises()).as("week 2 of the sample course.yaml").hasSize(19);
        assertThat(r.exercises()).extracting(ExerciseReport::name).contains("Adam", "AdamW", "Dropout", "ParameterLoop").doesNotContain("Dense", "QuizAnswers");
        ExerciseReport adam = r.exercises().stream().filter(e -> e.name().equals("Adam")).findFirst().orElseThrow();
        assertThat(adam.maxScore()).isEqualTo(12.0);
        assertThat(adam.score()).as("the reference's Adam: full marks").isEqualTo(12.0);
        assertThat(r.late().days()).isEqualTo(2);
        assertThat(r.late().percent()).isEqualTo(20.0);
        assertThat(r.late().earned()).isEqualTo(12.0);
        assertThat(r.score()).isEqualTo(9.6);
        assertThat(run.out()).contains("late: 2 days late: 20% off (9.60 of the 12 points earned; due 2026-10-16T23:59+02:00[Europe/Berlin]");
        assertThat(run.results().path("score").asDouble()).isEqualTo(9.6);
        assertThat(run.results().path("visibility").asText()).isEqualTo("after_due_date");
        assertThat(run.results().path("tests")).allSatisfy(t -> assertThat(t.path("visibility").asText()).isEqualTo("after_due_date"));
        assertThat(run.results().path("output").asText()).contains("Late: 2 days late: 20% off")
                .contains("dlkit/optim/Adam.java: received").doesNotContain("12/12");
    }

    @Test
    void aFileOfAnotherAssignmentIsNotGradedAndSaysSo() throws IOException {
        // Adam is week 2's: handed in for week 1, it is left out with a note, on the console, in report.json and for Gradescope.
        Run run = grade("--assignment", "week1", "--exercise", "Dense");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String note = "Adam.java is not part of this assignment (week1): not graded";
        assertThat(run.report().notes()).containsExactly(note);
        assertThat(run.report().exercises()).extracting(ExerciseReport::name).containsExactly("Dense");
        assertThat(run.out()).contains(note);
        assertThat(run.results().path("output").asText()).contains(note);
    }

    @Test
    void takesTheSubmissionTimeFromGradescopesMetadata() throws IOException {
        Path metadata = tmp.resolve("submission_metadata.json");
        Files.writeString(metadata, """
                {"id": 1, "created_at": "2026-10-20T10:00:00.365935+02:00",
                 "assignment": {"due_date": "2026-10-16T23:59:00.000000+02:00", "title": "Week 2"}, "users": []}
                """);
        Run run = grade("--assignment", "week2", "--submission-metadata", metadata.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.report().late().days()).isEqualTo(4);
        assertThat(run.report().late().accepted()).isFalse();
        assertThat(run.report().score()).isZero();
        assertThat(run.report().late().source()).isEqualTo("submission_metadata.json");
    }

    @Test
    void blackboardsAttemptTimesAreReadInTheCoursesTimeZoneNotThisMachines() throws IOException {
        // Far from any grading machine's zone: Blackboard's names give its server's local time, without a zone.
        Path course = Files.writeString(tmp.resolve("course.yaml"), """
                time-zone: Pacific/Kiritimati
                late:
                  penalty-per-day: 10%
                assignments:
                  - name: hw1
                    due: 2026-10-09 23:59
                    exercises: [Adam]
                """);
        Path bb = Files.createDirectories(tmp.resolve("blackboard"));
        Files.writeString(bb.resolve("hw1_jsmith_attempt_2026-10-09-23-30-00_Adam.java"), Submissions.solution(Submissions.ADAM));
        Files.writeString(bb.resolve("hw1_kdoe_attempt_2026-10-10-00-30-00_Adam.java"), Submissions.solution(Submissions.ADAM));
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        Path out = tmp.resolve("bb-reports");
        int code = cli.execute("grade", bb.toString(), "--class", "--seed", "3", "--no-plots", "--out", out.toString(),
                "--course", course.toString(), "--assignment", "hw1");

        assertThat(code).as(err.toString()).isZero();
        GradeReport onTime = JsonReportWriter.read(out.resolve("jsmith/report.json"));
        assertThat(onTime.late() == null ? 0 : onTime.late().days()).as("29 minutes before the due time, there").isZero();
        assertThat(onTime.score()).isEqualTo(onTime.maxScore());
        assertThat(JsonReportWriter.read(out.resolve("kdoe/report.json")).late().days()).as("31 minutes after it").isEqualTo(1);
    }

    @Test
    void usageErrorsNameWhatIsWrong() throws IOException {
        Run unknown = grade("--assignment", "week9");
        assertThat(unknown.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(unknown.err()).contains("the course file has no assignment named week9 (it has: week1, week2, week3, week4, week5)");
        Run outside = grade("--assignment", "week2", "--exercise", "Dense");
        assertThat(outside.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outside.err()).contains("Dense is not an exercise of week2");
        Run noAssignment = grade("--submitted-at", "2026-10-18 09:00");
        assertThat(noAssignment.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noAssignment.err()).contains("--submitted-at and --submission-metadata need --assignment");
        Run badTime = grade("--assignment", "week2", "--submitted-at", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badTime.err()).contains("--submitted-at 'yesterday' is not a date and time");
    }
}
