package dlkit.grader.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.compile.SubmissionCompiler;
import dlkit.grader.kit.Kit;
import dlkit.grader.validate.Battery.Trick;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The battery's sources; validate grades them (ValidateCommandTest), and says if one does not compile. */
class BatteryTest {

    private static final String DENSE = "dlkit/layers/Dense.java";
    private static final String ADAM = "dlkit/optim/Adam.java";
    private static final String QUIZ = "dlkit/quiz/QuizAnswers.java";

    private static String apply(Trick trick, String file) {
        return Battery.apply(trick, Submissions.solution(file), file).orElseThrow();
    }

    @Test
    void zeroInputsZeroesTheInputsThenRunsTheReference() {
        String dense = apply(Trick.ZERO_INPUTS, DENSE);

        assertThat(dense).contains("if (x != null) x.zero();").contains("if (gradOutput != null) gradOutput.zero();")
                .contains("CommonOps_DDRM.mult(x, weight.value(), y);");
    }

    @Test
    void theScaledTricksKeepTheReferenceInARenamedMethod() {
        String dense = apply(Trick.TOO_FAR, DENSE);
        String adam = apply(Trick.ROUNDING, ADAM);

        assertThat(dense).contains("private DMatrixRMaj forward$reference(DMatrixRMaj x)")
                .contains("CommonOps_DDRM.scale(1.001, scaled$)");
        assertThat(adam).contains("private void update$reference(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s)").contains("* (1.0 + 1e-12)");
    }

    @Test
    void aScaledMethodCallsTheOthersReferencesSoNoAnswerIsScaledTwice() {
        String clipping = apply(Trick.ROUNDING, "dlkit/optim/GradientClipping.java");
        String body = clipping.substring(clipping.indexOf("double clipByGlobalNorm$reference("));

        assertThat(body.substring(0, body.indexOf("return total;"))).contains("double total = globalNorm$reference(params);")
                .doesNotContain(" globalNorm(params)");
    }

    @Test
    void aVoidMethodScalesTheSmallerOfItsChangeAndTheNewValue() {
        String adam = apply(Trick.ROUNDING, ADAM);

        assertThat(adam).contains("now$[i$] = Math.abs(change$) < Math.abs(now$[i$]) ? was$[i$] + change$ * (1.0 + 1e-12)"
                + " : now$[i$] * (1.0 + 1e-12);");
    }

    @Test
    void aTrickThatFitsNoMethodOfAFileLeavesTheFileOut() {
        assertThat(Battery.apply(Trick.NAN, Submissions.solution(QUIZ), QUIZ)).isEmpty();
        assertThat(Battery.apply(Trick.FIXED_PATTERN, Submissions.solution(DENSE), DENSE)).isEmpty();
        assertThat(apply(Trick.CONSTANT, QUIZ)).contains("return Choice.values()[0];");
    }

    @Test
    void theSourcesCompile() throws IOException {
        try (Kit kit = Kit.open()) {
            for (Trick t : Trick.values()) {
                Map<String, String> sources = new LinkedHashMap<>();
                for (String file : new String[] {DENSE, ADAM, QUIZ, "dlkit/layers/Dropout.java", "dlkit/optim/GradientClipping.java"}) {
                    Battery.apply(t, Submissions.solution(file), file).ifPresent(s -> sources.put(file, s));
                }
                var compiled = new SubmissionCompiler(kit).compile(sources, kit.newWorkFolder("battery-"));
                assertThat(compiled.replaced()).as(t.id + ": sources that do not compile").isEmpty();
            }
        }
    }

    @Test
    void everyExceptionNamesAnExerciseAndATrick() {
        var tricks = Arrays.stream(Trick.values()).map(t -> t.id).toList();
        Battery.exceptions().forEach((key, reason) -> {
            String[] parts = key.split("/");
            assertThat(tricks).as(key).contains(parts[1]);
            assertThat(Kit.packagedExercises()).as(key).anyMatch(e -> e.simpleName().equals(parts[0]));
            assertThat(reason).as(key).hasSizeGreaterThan(20);
        });
    }
}
