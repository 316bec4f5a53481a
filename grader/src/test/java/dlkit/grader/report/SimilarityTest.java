package dlkit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.kit.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Similarity between students: a copied pair flagged, a pair that shares only the kit's stubs not; the pairs found in shares. */
class SimilarityTest {

    static final String ADAM = Submissions.ADAM;
    static final String DENSE = "dlkit/layers/Dense.java";

    @TempDir
    Path tmp;

    @Test
    void aCopiedPairIsFlaggedAndAPairSharingOnlyTheStubsIsNot() throws IOException {
        Map<String, Map<String, String>> students = classOfFive();

        List<Similarity.Pair> pairs = Similarity.flagged(students, Kit.packagedExercises(), tmp);

        assertThat(pairs).extracting(p -> p.first() + "+" + p.second()).containsExactlyInAnyOrder("alice+bob", "alice+erin");
        Similarity.Pair copied = pairs.stream().filter(p -> p.second().equals("bob")).findFirst().orElseThrow();
        assertThat(copied.similarity()).isGreaterThanOrEqualTo(Similarity.FLAGGED_FROM);
        assertThat(copied.identical()).as("disguised, not byte for byte").isEmpty();
        Similarity.Pair erin = pairs.stream().filter(p -> p.second().equals("erin")).findFirst().orElseThrow();
        assertThat(erin.identical()).containsExactly(DENSE);

        String section = Similarity.html(pairs);
        assertThat(section).contains("Submissions that look alike", "alice and bob", "alice and erin", DENSE);
        assertThat(section).doesNotContain("carol", "dave");
    }

    @Test
    void twoSharesOfThePairsFindTheClassesPairsEachOnceAndNoOther() throws IOException {
        Map<String, Map<String, String>> students = classOfFive();
        List<Similarity.Pair> whole = Similarity.flagged(students, Kit.packagedExercises(), Files.createDirectories(tmp.resolve("whole")));

        // One share: Bob and Carol with each other and with everyone; the other: the rest with each other.
        List<Similarity.Pair> first = Similarity.flagged(students, Set.of("bob", "carol"), Kit.packagedExercises(),
                Files.createDirectories(tmp.resolve("first")));
        Map<String, Map<String, String>> rest = new LinkedHashMap<>(students);
        rest.keySet().removeAll(Set.of("bob", "carol"));
        List<Similarity.Pair> second = Similarity.flagged(rest, Kit.packagedExercises(), Files.createDirectories(tmp.resolve("second")));

        assertThat(first).extracting(p -> p.first() + "+" + p.second()).containsExactly("alice+bob");
        assertThat(second).extracting(p -> p.first() + "+" + p.second()).containsExactly("alice+erin");
        List<Similarity.Pair> both = new ArrayList<>(second);
        both.addAll(first);
        assertThat(Similarity.inClassOrder(both, new ArrayList<>(students.keySet()))).containsExactlyElementsOf(whole);
    }

    /** Alice, Bob who disguised her Adam, Carol and Dave with a line each on the stubs, Erin with Alice's Dense. */
    private static Map<String, Map<String, String>> classOfFive() {
        String adam = Submissions.solution(ADAM);
        // Bob's copy of Alice's Adam: comments gone, a variable renamed, the blank lines moved.
        String disguised = adam.replaceAll("//[^\n]*", "").replace("beta1", "b1").replace("\n\n", "\n");
        Map<String, Map<String, String>> students = new LinkedHashMap<>();
        students.put("alice", Map.of(ADAM, adam));
        students.put("bob", Map.of(ADAM, disguised));
        // Carol and Dave start from the same stubs and each write a line of their own.
        students.put("carol", Map.of(ADAM, Submissions.stub(ADAM) + "\n// carol's notes\n",
                DENSE, Submissions.stub(DENSE).replace("not implemented yet", "not done yet")));
        students.put("dave", Map.of(ADAM, Submissions.stub(ADAM) + "\n// dave\n", DENSE, Submissions.stub(DENSE)));
        // Erin hands in Alice's Dense byte for byte, and an Adam of her own (the stub).
        students.put("erin", Map.of(ADAM, Submissions.stub(ADAM), DENSE, Submissions.solution(DENSE)));
        Map<String, String> alice = new LinkedHashMap<>(students.get("alice"));
        alice.put(DENSE, Submissions.solution(DENSE));
        students.put("alice", alice);
        return students;
    }
}
