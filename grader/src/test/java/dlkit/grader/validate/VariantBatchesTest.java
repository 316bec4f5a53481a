package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.kit.Exercise;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantBatchesTest {

    static Variant variant(String name, String file) {
        return new Variant(name, "mistake", file, List.of(new Variant.Edit(List.of("x"), List.of("y"))));
    }

    @Test
    void variantsShareASubmissionOnlyWhenNeitherExerciseReachesTheOther() {
        Variant a1 = variant("A/1", "A.java");
        Variant a2 = variant("A/2", "A.java");
        Variant b1 = variant("B/1", "B.java");
        Variant c1 = variant("C/1", "C.java");
        Map<String, Set<String>> reach = Map.of("A.java", Set.of("A.java"), "B.java", Set.of("B.java", "A.java"),
                "C.java", Set.of("C.java"));

        assertThat(VariantBatches.group(List.of(a1, a2, b1, c1), reach))
                .containsExactly(List.of(a1, c1), List.of(a2), List.of(b1));
    }

    @Test
    void theHiddenTestsOfAnExerciseReachItsOwnFile(@TempDir Path tmp) throws IOException {
        try (Kit kit = Kit.open()) {
            Map<String, String> reference = new LinkedHashMap<>();
            kit.exercises().forEach(e -> reference.put(e.file(), Submissions.solution(e.file())));
            new SubmissionCompiler(kit).compile(reference, tmp);

            Map<String, Set<String>> reach = VariantBatches.reach(kit, tmp);

            for (Exercise e : kit.exercises()) {
                assertThat(reach.get(e.file())).as(e.file()).contains(e.file());
            }
            assertThat(reach.get(Submissions.ADAM)).containsExactly(Submissions.ADAM);
        }
    }
}
