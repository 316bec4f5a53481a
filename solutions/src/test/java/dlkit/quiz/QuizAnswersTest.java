package dlkit.quiz;

import static dlkit.testing.KitAssertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks only that every question is answered. Whether an answer is right is for the grader to
 * say: these tests pass just as well with wrong answers.
 */
class QuizAnswersTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Question.class)
    void everyQuestionIsAnswered(Question question) throws Throwable {
        Method method = QuizAnswers.class.getMethod(question.answerMethod());
        Choice choice;
        try {
            choice = (Choice) method.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // "not implemented yet: QuizAnswers.q01..." until you answer
        }
        assertThat(choice).as("your answer to question %d, QuizAnswers.%s()", question.number(),
                question.answerMethod()).isNotNull();
    }

    @Test
    void quizAnswersHasOneMethodPerQuestion() {
        assertThat(Arrays.stream(QuizAnswers.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName)).as("QuizAnswers methods")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Question.values()).map(Question::answerMethod).toList());
    }
}
