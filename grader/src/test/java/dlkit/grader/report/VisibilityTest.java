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
 * items, and with them their right answers, kept out of every report until the explanations may be seen.
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
    void withVisibleResultsTheQuizItemsAndTheirAnswersShowOnlyAfterTheDueDate() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.VISIBLE, Visibility.AFTER_DUE, DUE));
        assertThat(json.path("visibility").asText()).isEqualTo("visible");
        List<JsonNode> tests = new ArrayList<>();
        json.path("tests").forEach(tests::add);
        assertThat(tests).hasSize(3);
        // Whether an item is right tells its answer: the items wait for the explanations, the other tests do not.
        assertThat(tests.subList(0, 2)).allSatisfy(t -> assertThat(t.path("visibility").asText()).isEqualTo("after_due_date"));
        assertThat(tests.get(2).path("name").asText()).isEqualTo("Adam: step()");
        assertThat(tests.get(2).path("visibility").asText()).isEqualTo("visible");
        JsonNode wrong = tests.get(1);
        assertThat(wrong.path("name").asText()).isEqualTo("QuizAnswers: q07Gan()");
        assertThat(wrong.path("output").asText()).contains("you chose A", "The answer is D", "Why D: they compete.");
        assertThat(json.path("output").asText()).as("the summary at the top")
                .contains("QuizAnswers", "which of the 2 items are right, with the right answers and why, is shown after the due date")
                .doesNotContain("The answer is D").doesNotContain("you chose A").doesNotContain("q07Gan").doesNotContain("q06");
    }

    /**
     * A student who resubmits with other answers sees only the points change, until the due date:
     * the first item wrong and the second right scores as the other way round, and shows the same.
     */
    @Test
    void resubmittingWithOtherAnswersShowsNothingButThePoints() {
        GradeReport first = quizReport();
        List<ExerciseReport> exercises = new ArrayList<>(first.exercises());
        ExerciseReport quiz = exercises.get(0);
        Failure wrong = Failure.because("Question 6 (recurrent networks and transformers)", "you chose B, \"attention\", "
                + "which is not the right answer").withAnswer("The answer is C");
        exercises.set(0, quiz.withTests(1, 2, List.of(new TestReport("q06RnnVsTransformer()", 0, 1, false, wrong.summary(), 1, wrong),
                new TestReport("q07Gan()", 1, 1, true, "", 1))));
        GradeReport swapped = first.with(exercises, first.score(), first.maxScore(), null);
        GradescopeWriter.Terms terms = new GradescopeWriter.Terms(Visibility.VISIBLE, Visibility.AFTER_DUE, DUE);
        assertThat(shownAtOnce(GradescopeWriter.toJson(swapped, terms))).isEqualTo(shownAtOnce(GradescopeWriter.toJson(first, terms)));
        assertThat(GradescopeWriter.toJson(swapped, terms).toString()).as("the items themselves, for after the due date")
                .isNotEqualTo(GradescopeWriter.toJson(first, terms).toString());
    }

    /** What a student sees before the due date: the top-level output and the visible tests. */
    private static String shownAtOnce(ObjectNode json) {
        StringBuilder seen = new StringBuilder(json.path("output").asText());
        json.path("tests").forEach(t -> {
            if (t.path("visibility").asText().equals("visible")) {
                seen.append('\n').append(t);
            }
        });
        return seen.toString();
    }

    @Test
    void explanationsNeverShowBeforeTheResultsDo() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.AFTER_PUBLISHED, Visibility.VISIBLE, DUE));
        assertThat(json.path("tests")).allSatisfy(t -> assertThat(t.path("visibility").asText()).isEqualTo("after_published"));
        assertThat(json.path("tests")).hasSize(3);
    }

    @Test
    void visibleExplanationsJoinTheirTest() {
        ObjectNode json = GradescopeWriter.toJson(quizReport(),
                new GradescopeWriter.Terms(Visibility.VISIBLE, Visibility.VISIBLE, DUE));
        assertThat(json.path("tests")).hasSize(3);
        assertThat(json.path("tests").get(1).path("output").asText()).contains("you chose A", "The answer is D");
    }

    @Test
    void theKitsOwnReportsHoldTheQuizItemsOnlyWhenShown() throws Exception {
        GradeReport withheld = Explanations.withheld(quizReport(), "after the due date (2026-10-09)");
        assertThat(withheld.exercises().get(0).tests()).singleElement().satisfies(t -> {
            assertThat(t.score()).isEqualTo(1);
            assertThat(t.maxScore()).isEqualTo(2);
            assertThat(t.passed()).isFalse();
        });
        assertThat(withheld.exercises().get(1)).isEqualTo(quizReport().exercises().get(1));
        String everything = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(withheld)
                + ConsoleTable.summary(withheld) + HtmlReport.studentPage(withheld, HtmlReport.Extras.none());
        assertThat(everything).contains("which of the 2 items are right, with the right answers and why, is shown after the due date (2026-10-09).")
                .doesNotContain("The answer is D").doesNotContain("they compete").doesNotContain("you chose A").doesNotContain("q07Gan");

        GradeReport shown = quizReport();
        assertThat(ConsoleTable.summary(shown)).contains("you chose A", "The answer is D", "Why D: they compete.");
        assertThat(HtmlReport.studentPage(shown, HtmlReport.Extras.none())).contains("Why D: they compete.");
    }
}
