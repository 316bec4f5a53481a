package dlkit.grader.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the loader of each hidden test class may share with the others rather than define again. */
class PartsTest {

    @Test
    void onlyClassesThatReachNoExerciseAreShared() throws Exception {
        try (Kit kit = Kit.open()) {
            Set<String> shared = Parts.sharedByLoaders(kit);
            // The API's own helpers and the given data classes reach no exercise: one copy for all.
            assertThat(shared).contains("dlkit.grader.api.Draw", "dlkit.grader.api.Given", "dlkit.grader.api.ToReference",
                    "dlkit.capstone.Dataset");
            // An exercise's class is the student's or the reference's, per test class: never shared.
            for (Exercise e : kit.exercises()) {
                assertThat(shared).as(e.file()).noneMatch(c -> e.ownsClassFile(c.replace('.', '/') + ".class"));
            }
            assertThat(shared).as("hidden test classes refer to their exercise").noneMatch(c -> c.startsWith("dlkit.hidden.")
                    && c.endsWith("HiddenTest"));
            // PretrainedBody builds a Dense: it must see the Dense of its test class's loader.
            assertThat(shared).doesNotContain("dlkit.capstone.PretrainedBody");
            // Labels is package-private in dlkit.losses, beside exercises that call it: a class of
            // another loader could not, so it is defined with them; LayerPair likewise for its tests.
            assertThat(shared).doesNotContain("dlkit.losses.Labels", "dlkit.hidden.layers.LayerPair");
            // The engine's classes that a loader always takes from the class path are not in question.
            assertThat(shared).noneMatch(c -> c.startsWith("dlkit.reference.") || c.startsWith("dlkit.grader.run."));
        }
    }
}
