package dlkit.hidden.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dlkit.grader.api.CheckFailure;
import dlkit.quiz.Choice;
import dlkit.quiz.Question;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The quiz's answer key, its explanations and its hidden tests agree with each other. */
class QuizExplanationsTest {

    @Test
    void everyQuestionHasAnAnswerAndAnExplanationForEachOption() {
        assertThat(QuizExplanations.all()).containsOnlyKeys(Question.values());
        QuizExplanations.all().forEach((question, entry) -> {
            assertThat(entry.answer()).as("answer of %s in explanations.md", question).isNotNull();
            assertThat(entry.why()).as("explained options of %s", question).containsOnlyKeys(Choice.values());
            entry.why().values().forEach(why -> assertThat(why).as("explanation in %s", question).isNotBlank());
        });
    }

    @Test
    void theAnswerKeyAgreesWithTheReferenceSolution() throws Exception {
        for (Question question : Question.values()) {
            Object reference = dlkit.reference.quiz.QuizAnswers.class
                    .getMethod(question.answerMethod()).invoke(null);
            assertThat(QuizExplanations.of(question).answer().name())
                    .as("explanations.md's answer to %s against the reference", question)
                    .isEqualTo(((Enum<?>) reference).name());
        }
    }

    @Test
    void rightAnswersAreSpreadOverTheFourLetters() {
        // No letter may be a safe guess: each is right for a fifth to a third of the questions.
        Map<Choice, Long> counts = QuizExplanations.all().values().stream()
                .collect(Collectors.groupingBy(QuizExplanations.Entry::answer, Collectors.counting()));
        assertThat(counts).containsOnlyKeys(Choice.values());
        long questions = Question.values().length;
        counts.values().forEach(n -> assertThat(n).isBetween(questions / 5, questions / 3));
    }

    @Test
    void theLongestOptionIsNoSafeGuess() {
        // A test-wise student picks the longest option; it should be right about as often as chance (1/4).
        long longestIsRight = QuizExplanations.all().entrySet().stream().filter(e -> {
            Question q = e.getKey();
            int right = q.option(e.getValue().answer()).length();
            return Arrays.stream(Choice.values())
                    .allMatch(c -> c == e.getValue().answer() || q.option(c).length() < right);
        }).count();
        assertThat(longestIsRight).isLessThanOrEqualTo(Question.values().length / 3);
    }

    @Test
    void theHiddenTestsGiveTheReferenceFullMarksAndCoverEveryQuestion() {
        // On the grader's own class path dlkit.quiz.QuizAnswers is the solution itself.
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(QuizAnswersHiddenTest.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(Question.values().length);
        assertThat(Arrays.stream(QuizAnswersHiddenTest.class.getDeclaredMethods()).map(Method::getName))
                .containsAll(Arrays.stream(Question.values()).map(Question::answerMethod).toList());
    }

    @Test
    void aWrongAnswerIsExplainedBothWaysInItsAnswerAndNotInItsMessage() {
        Map<Choice, String> why = QuizExplanations.of(Question.GAN).why();
        assertThatThrownBy(() -> QuizAnswersHiddenTest.grade(Question.GAN, Choice.A, "D"))
                .isInstanceOfSatisfying(CheckFailure.class, f -> {
                    assertThat(f.getMessage()).contains("[Question 7 (generative adversarial networks)] you chose A, \""
                            + Question.GAN.option(Choice.A)).doesNotContain("answer is D").doesNotContain(why.get(Choice.D));
                    assertThat(f.failure().answer()).contains("The answer is D, \"" + Question.GAN.option(Choice.D))
                            .contains("Why D: " + why.get(Choice.D)).contains("Why not A: " + why.get(Choice.A));
                });
        assertThatThrownBy(() -> QuizAnswersHiddenTest.grade(Question.GAN, null, "D"))
                .isInstanceOfSatisfying(CheckFailure.class, f -> {
                    assertThat(f.getMessage()).contains("not answered: QuizAnswers.q07Gan() returned null").doesNotContain("Why D");
                    assertThat(f.failure().answer()).contains("Why D: ");
                });
    }

    @Test
    void theRightAnswerPasses() {
        for (Choice choice : Choice.values()) {
            QuizAnswersHiddenTest.grade(Question.GAN, choice, choice.name());
        }
    }
}
