package dlkit.grader.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The manifest maps every question of the source list to graded work, and the README's table is the manifest's. */
class CurriculumCoverageTest {

    /** The source list's 35 questions: 1-21, 23, 25, 28-31, and eight unnumbered ones counted 32-39. */
    static final Set<Integer> QUESTIONS = IntStream.rangeClosed(1, 39)
            .filter(q -> q != 22 && q != 24 && q != 26 && q != 27)
            .boxed().collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everyQuestionHasGradedWork() throws IOException {
        Manifest manifest = Manifest.read(ExercisesInSyncTest.ROOT);
        assertThat(QUESTIONS).hasSize(35);
        assertThat(manifest.questions().keySet()).as("questions in " + Manifest.FILE).containsExactlyElementsOf(QUESTIONS);
        Set<Integer> served = new TreeSet<>();
        manifest.exercises().values().forEach(e -> {
            served.addAll(e.questions());
            served.addAll(e.items().values());
        });
        assertThat(served).as("questions some exercise or quiz answer of " + Manifest.FILE + " serves")
                .containsExactlyElementsOf(QUESTIONS);
    }

    @Test
    void everyQuizAnswerServesAQuestionAndNoOtherMethodIsNamed() throws IOException {
        Manifest manifest = Manifest.read(ExercisesInSyncTest.ROOT);
        Set<String> quizMethods = ExercisesInSyncTest.stubs(ExercisesInSyncTest.ROOT.resolve("solutions")).stream()
                .filter(s -> s.className().equals("QuizAnswers")).map(ExerciseGenerator.Stub::method)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(quizMethods).isNotEmpty();
        assertThat(new TreeSet<>(manifest.exercises().get("QuizAnswers").items().keySet()))
                .as("the quiz's answers in " + Manifest.FILE).containsExactlyElementsOf(quizMethods);
    }

    @Test
    void theReadmeTableIsTheManifests() throws IOException {
        Manifest manifest = Manifest.read(ExercisesInSyncTest.ROOT);
        String readme = Files.readString(ExercisesInSyncTest.ROOT.resolve("README.md"));
        assertThat(readme).as("README.md's curriculum table is not " + Manifest.FILE
                        + "'s (run: java -jar grader/target/dlkit-grader.jar release, or build again)")
                .isEqualTo(manifest.withCurriculumTable(readme));
    }

    @Test
    void theTableHasARowPerQuestionAndNamesWorkInTheManifestsOrder() {
        Map<String, Manifest.Entry> exercises = new LinkedHashMap<>();
        exercises.put("Dense", new Manifest.Entry(List.of(2, 4), null, "forward and backward"));
        exercises.put("QuizAnswers", new Manifest.Entry(null, Map.of("q05CnnForImages", 4), null));
        exercises.put("Square", new Manifest.Entry(null, null, null));
        Manifest withQuiz = new Manifest(Map.of(4, "types of networks"), exercises);
        assertThat(withQuiz.curriculumTable()).isEqualTo("""
                | Q | question | graded work |
                |---|---|---|
                | 4 | types of networks | `Dense` (forward and backward), `QuizAnswers.q05CnnForImages` |
                | - | beyond the source list | `Square` |
                """);
    }
}
