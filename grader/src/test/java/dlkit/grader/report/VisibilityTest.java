package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.api.Failure;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What students see, per the course file: Gradescope's visibility of every test and of the whole
 * (its values and their meaning from https://gradescope-autograders.readthedocs.io/en/latest/specs/#controlling-test-case-visibility:
 * "hidden: test case will never be shown to students; after_due_date: test case will be shown
 * after the assignment's due date has passed ...; after_published: test case will be shown only
 * when the assignment is explicitly published from the 'Review Grades' page; visible (default):
 * test case will always be shown", as gradescope-utils' Visibility quotes it), and the quiz's
 * right answer kept out of every report until the explanations may be seen.
 */
class VisibilityTest {

    static final java.time.ZonedDateTime DUE = java.time.ZonedDateTime.parse("2026-10-09T23:59+02:00[Europe/Berlin]");
    static final String ANSWER = "The answer is D, \"a generator and a discriminator\"\n  Why D: they compete.";

    static GradeReport quizReport() {
        Failure wrong = Failure.because("Question 7 (generative adversarial networks)", "you chose A, \"one network\", "
                + "which is not the right answer").withAnswer(ANSWER);
        return new GradeReport("alice", 5, "17", 1, 3, List.of(
                new ExerciseReport("dlkit/quiz/QuizAnswers.java", "QuizAnswers", 1, 2, List.of(), List.of(
                        new TestReport("q06RnnVsTransformer()", 1, 1, true, "", 1),
                        new TestReport("q07Gan()", 0, 1, false, wrong.summary(), 1, wrong))),
                new ExerciseReport("dlkit/optim/Adam.java", "Adam", 0, 1, List.of("not submitted: Adam.java was graded as the stub"),
                        List.of(new TestReport("step()", 0, 1, false, "not run", 1)))
                        .withHanded(GradeReport.Handed.NOT_SUBMITTED)),
                List.of(), "", new GradeReport.Timings(0, 0, 0, 0), List.of("policy"));
    }

    @Test
    void hiddenResultsAreMarkedAfterTheDueDateEverywhereAndTheOutputSaysOnlyWhatCame() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.AFTER_DUE, Visibility.AFTER_DUE, DUE));
        assertThat(json.path("visibility").asText()).isEqualTo("after_due_date");
        assertThat(json.path("stdout_visibility").asText()).isEqualTo("hidden");
        assertThat(json.path("tests")).allSatisfy(t -> assertThat(t.path("visibility").asText()).isEqualTo("after_due_date"));
        String output = json.path("output").asText();
        assertThat(output).contains("dlkit/quiz/QuizAnswers.java: received", "dlkit/optim/Adam.java: not submitted",
                "Its results are shown after the due date (2026-10-09T23:59+02:00[Europe/Berlin]).");
        assertThat(output).doesNotContain("1 / 3").doesNotContain("Question 7").doesNotContain(ANSWER);
    }

    @Test
    void withVisibleResultsAWrongQuizAnswerShowsAtOnceButItsRightAnswerOnlyAfterTheDueDate() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.VISIBLE, Visibility.AFTER_DUE, DUE));
        assertThat(json.path("visibility").asText()).isEqualTo("visible");
        List<JsonNode> tests = new ArrayList<>();
        json.path("tests").forEach(tests::add);
        assertThat(tests).hasSize(4);
        JsonNode wrong = tests.get(1);
        assertThat(wrong.path("name").asText()).isEqualTo("QuizAnswers: q07Gan()");
        assertThat(wrong.path("visibility").asText()).isEqualTo("visible");
        assertThat(wrong.path("output").asText()).contains("you chose A").doesNotContain("The answer is D").doesNotContain("Why D");
        JsonNode answer = tests.get(2);
        assertThat(answer.path("name").asText()).isEqualTo("QuizAnswers: q07Gan(): the right answer");
        assertThat(answer.path("visibility").asText()).isEqualTo("after_due_date");
        assertThat(answer.path("max_score").asDouble()).isZero();
        assertThat(answer.path("output").asText()).contains("The answer is D", "Why D: they compete.");
        assertThat(json.path("output").asText()).as("the summary at the top").doesNotContain("The answer is D")
                .contains("(The right answer and why are shown after the due date (2026-10-09T23:59+02:00[Europe/Berlin]).)");
        // Every entry but the answer's is visible, so nothing else hides the answer.
        assertThat(tests).filteredOn(t -> t.path("output").asText().contains("The answer is D")).hasSize(1);
    }

    @Test
    void explanationsNeverShowBeforeTheResultsDo() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.AFTER_PUBLISHED, Visibility.VISIBLE, DUE));
        assertThat(json.path("tests")).allSatisfy(t -> assertThat(t.path("visibility").asText()).isEqualTo("after_published"));
        assertThat(json.path("tests")).hasSize(4);
    }

    @Test
    void visibleExplanationsJoinTheirTest() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.VISIBLE, Visibility.VISIBLE, DUE));
        assertThat(json.path("tests")).hasSize(3);
        assertThat(json.path("tests").get(1).path("output").asText()).contains("you chose A", "The answer is D");
    }

    @Test
    void theKitsOwnReportsHoldTheAnswerOnlyWhenShown() throws Exception {
        GradeReport withheld = Explanations.withheld(quizReport(), "after the due date (2026-10-09)");
        TestReport wrong = withheld.exercises().get(0).tests().get(1);
        assertThat(wrong.check().answer()).isEqualTo("(The right answer and why are shown after the due date (2026-10-09).)");
        String everything = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(withheld)
                + ConsoleTable.summary(withheld) + HtmlReport.studentPage(withheld, HtmlReport.Extras.none());
        assertThat(everything).contains("you chose A", "The right answer and why are shown after the due date (2026-10-09).")
                .doesNotContain("The answer is D").doesNotContain("they compete");

        GradeReport shown = quizReport();
        assertThat(ConsoleTable.summary(shown)).contains("you chose A", "The answer is D", "Why D: they compete.");
        assertThat(HtmlReport.studentPage(shown, HtmlReport.Extras.none())).contains("Why D: they compete.");
    }
}
