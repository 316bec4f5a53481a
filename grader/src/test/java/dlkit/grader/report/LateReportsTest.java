package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.course.LatePolicy;
import dlkit.grader.course.Lateness;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A late penalty is shown in every report: console, report.json, report.html, index.html, results.json, gradebook. */
class LateReportsTest {

    static final ZonedDateTime DUE = ZonedDateTime.parse("2026-10-09T23:59+02:00[Europe/Berlin]");

    @TempDir
    Path tmp;

    static GradeReport report(String student, double score, GradeReport.Late late) {
        return new GradeReport(student, 1, "17", late == null ? score : late.score(), 10, List.of(
                new ExerciseReport("dlkit/optim/Adam.java", "Adam", score, 10, List.of(), List.of(
                        new TestReport("step()", score, 10, score == 10, "", 1)))),
                List.of(), "", new GradeReport.Timings(0, 0, 0, 0), List.of("policy"), late);
    }

    @Test
    void everyReportShowsThePenalty() throws Exception {
        GradeReport.Late late = new LatePolicy(10, 3).apply(Lateness.at(DUE.plusHours(30).toInstant(), "--submitted-at"), DUE, 10);
        GradeReport bob = report("bob", 10, late);
        GradeReport alice = report("alice", 10, null);
        String line = "2 days late: 20% off (8 of the 10 points earned; due 2026-10-09T23:59+02:00[Europe/Berlin], "
                + "submitted 2026-10-11T05:59+02:00[Europe/Berlin])";
        assertThat(ReportFiles.lateness(late)).isEqualTo(line);
        assertThat(ConsoleTable.summary(bob)).contains("bob: 8 / 10 points", "  late: " + line);
        assertThat(ConsoleTable.summary(alice)).doesNotContain("late:");
        assertThat(HtmlReport.studentPage(bob, HtmlReport.Extras.none())).contains("<p class=\"late\">Late: " + HtmlReport.escape(line));
        assertThat(HtmlReport.classIndex(List.of(alice, bob), r -> r.student() + "/report.html"))
                .contains("title=\"" + HtmlReport.escape(line) + "\">late</span>");
        assertThat(GradescopeWriter.toJson(bob).path("score").asDouble()).isEqualTo(8.0);
        assertThat(GradescopeWriter.toJson(bob).path("output").asText()).contains("late: " + line);

        Path json = tmp.resolve("report.json");
        JsonReportWriter.write(bob, json);
        assertThat(JsonReportWriter.read(json).late()).isEqualTo(late);
        assertThat(new ObjectMapper().readTree(json.toFile()).path("late").path("days").asInt()).isEqualTo(2);

        assertThat(Gradebook.csv(List.of(alice, bob))).isEqualTo("""
                student,Adam,total,max,days late,late penalty %
                alice,10,10,10,0,0
                bob,10,8,10,2,20
                """);
        assertThat(Gradebook.csv(List.of(alice))).as("no late columns when no one was late")
                .isEqualTo("student,Adam,total,max\nalice,10,10,10\n");
    }
}
