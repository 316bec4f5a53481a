package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Failure;
import dlkit.grader.kit.Resources;
import dlkit.grader.report.GradeReport.ExerciseReport;
import dlkit.grader.report.GradeReport.TestReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MistakeNamingTest {

    static final String FILE = "dlkit/layers/Dense.java";

    static Variant variant(String name, String mistakeId) {
        return new Variant(name, "a mistake", FILE, mistakeId, List.of());
    }

    /** Dense graded with one failed check naming {@code named} (or none), and one passed test. */
    static ExerciseReport failedNaming(String named) {
        Failure f = Failure.wrongNumber("dX", 0, 0, 1, 2, 0.33, 1e-9, Failure.RELATIVE);
        Failure failure = named == null ? f : f.lookingLike(new Check.Known(named, "the words of " + named));
        return new ExerciseReport(FILE, "Dense", 1, 3, List.of(), List.of(
                new TestReport("DenseHiddenTest.backward", 0, 2, false, failure.summary(), 1, failure),
                new TestReport("DenseHiddenTest.forward", 1, 1, true, "", 1)));
    }

    @Test
    void aVariantNamedAsAnotherMistakeIsListedAsNotToldApart() {
        Variant own = variant("Dense/wrong-sign", "Fixture/wrong-sign");
        Variant other = variant("Dense/no-bias", "Fixture/no-bias");
        Variant none = variant("Dense/transposed", "Fixture/transposed");
        Variant unnamed = variant("Dense/no-mistake-line", null);
        Variant keptFullMarks = variant("Dense/kept", "Fixture/wrong-sign");
        Map<Variant, ExerciseReport> graded = new LinkedHashMap<>();
        graded.put(own, failedNaming("Fixture/wrong-sign"));
        graded.put(other, failedNaming("Fixture/wrong-sign"));   // another variant's mistake
        graded.put(none, failedNaming(null));
        graded.put(unnamed, failedNaming("Fixture/wrong-sign"));  // named, but it claims no mistake of its own
        graded.put(keptFullMarks, new ExerciseReport(FILE, "Dense", 3, 3, List.of(), List.of()));

        MistakeNaming naming = MistakeNaming.of(List.copyOf(graded.keySet()), graded,
                Set.of("Fixture/wrong-sign", "Fixture/no-bias", "Fixture/transposed"));

        assertThat(naming.own()).containsExactly("Dense/wrong-sign");
        assertThat(naming.notTold()).containsExactly(Map.entry("Dense/no-bias", Set.of("Fixture/wrong-sign")),
                Map.entry("Dense/transposed", Set.of()), Map.entry("Dense/no-mistake-line", Set.of("Fixture/wrong-sign")));
        assertThat(naming.counted()).isEqualTo(4);
        assertThat(naming.undefined()).isEmpty();
        assertThat(MistakeNaming.column(own, graded.get(own))).isEqualTo("own");
        assertThat(MistakeNaming.column(other, graded.get(other))).isEqualTo("as Fixture/wrong-sign");
        assertThat(MistakeNaming.column(none, graded.get(none))).isEqualTo("none");
    }

    @Test
    void aMistakeIdNoHiddenTestDefinesIsAProblem() {
        Variant typo = variant("Dense/typo", "Fixture/wrong-sing");
        MistakeNaming naming = MistakeNaming.of(List.of(typo), Map.of(typo, failedNaming("Fixture/wrong-sign")),
                Set.of("Fixture/wrong-sign"));

        assertThat(naming.undefined()).singleElement().asString()
                .contains("Dense/typo", "Fixture/wrong-sing", "no hidden test defines");
        assertThat(naming.own()).isEmpty();
    }

    @Test
    void theKnownMistakesAreTheStaticKnownFieldsOfTheHiddenTests() {
        Set<String> known = MistakeNaming.knownIn(Resources.location(MistakeNamingTest.class), "dlkit.grader.validate.naming");

        assertThat(known).containsExactlyInAnyOrder("Fixture/wrong-sign", "Fixture/no-bias", "Fixture/transposed",
                Check.OVERFLOW.id(), Check.MODIFIED_INPUT.id(), Check.IGNORES_GENERATOR.id());
    }
}
