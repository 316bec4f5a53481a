package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cache gives what is found afresh, and a file of another kit or format, edited or damaged, is found again. */
    @Test
    void aStaleTamperedOrDamagedCacheIsFoundAgain(@TempDir Path cache) throws Exception {
        try (Kit kit = Kit.open()) {
            Parts.Found fresh = Parts.find(kit, null);
            assertThat(Parts.find(kit, cache)).isEqualTo(fresh);
            Path file = cache.resolve("parts-" + Parts.kitHash(kit) + ".json");
            assertThat(file).isRegularFile();
            assertThat(Parts.find(kit, cache)).as("read back").isEqualTo(fresh);

            List<UnaryOperator<String>> spoilt = List.of(
                    text -> edit(text, c -> c.put("kit", "0".repeat(64))),
                    text -> edit(text, c -> c.put("format", Parts.CACHE_FORMAT + 1)),
                    // A student's Dense shared by every loader, or no reference parts for the capstone: the digest no longer fits.
                    text -> edit(text, c -> ((ArrayNode) c.with("found").withArray("sharedByLoaders")).add("dlkit.layers.Dense")),
                    text -> edit(text, c -> ((ObjectNode) c.get("found")).putObject("referenceFor")),
                    text -> text.substring(0, text.length() / 2));
            for (UnaryOperator<String> spoil : spoilt) {
                Files.writeString(file, spoil.apply(Files.readString(file)));
                assertThat(Parts.find(kit, cache)).isEqualTo(fresh);
                assertThat(JSON.readTree(file.toFile()).get("kit").asText()).as("rewritten").isEqualTo(Parts.kitHash(kit));
            }
        }
    }

    private static String edit(String text, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode cached = (ObjectNode) JSON.readTree(text);
            change.accept(cached);
            return JSON.writeValueAsString(cached);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
