package dlkit.grader.hostile;

import static dlkit.grader.Submissions.ADAM;
import static dlkit.grader.Submissions.solution;
import static dlkit.grader.Submissions.stub;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on what the compiler reads: a file whose package line the grader fixes as the text
 * reads but the compiler, which turns unicode escapes into characters first, reads another: a
 * class outside the exercise's package counted as the student's own by the policy, so a call to
 * the reference's class of that name went through. All graded in one class run with a clean
 * classmate who hands in Adam's and Momentum's reference solutions.
 */
class CompileAttackTest {

    static final String MOMENTUM = "dlkit/optim/Momentum.java";

    /**
     * Momentum.java whose package line reads {@code dlkit.optim} but is {@code dlkit.sneaky} to the
     * compiler, for which the unicode escape of a line break ends the line comment; its class holds
     * a call the policy refuses.
     */
    static final String HIDDEN_PACKAGE = "// \\u000a package dlkit.sneaky; /*\n"
            + "package dlkit.optim; */\n"
            + "public class Momentum {\n"
            + "    public static int x() {\n"
            + "        System.exit(3);\n"
            + "        return 1;\n"
            + "    }\n"
            + "}\n";

    static final String SOFTMAX = "dlkit/layers/Softmax.java";

    /**
     * Momentum.java whose classes are, to the compiler, in the reference's package
     * {@code dlkit.reference.layers}: a public bridge of the student's own, and a class named as the
     * reference's Softmax, which the policy takes for the student's own too; at run time the class
     * path's reference Softmax answers the bridge's calls.
     */
    static final String BRIDGE_TO_REFERENCE = """
            // \\u000a package dlkit.reference.layers; /*
            package dlkit.optim; */
            import org.ejml.data.DMatrixRMaj;

            public class Momentum {
                public static DMatrixRMaj apply(DMatrixRMaj z) {
                    return Softmax.apply(z);
                }

                public static DMatrixRMaj backward(DMatrixRMaj output, DMatrixRMaj gradOutput) {
                    Softmax s = new Softmax();
                    DMatrixRMaj z = output.copy();
                    for (int i = 0; i < z.data.length; i++) {
                        z.data[i] = Math.log(z.data[i]);
                    }
                    s.forward(z);
                    return s.backward(gradOutput);
                }
            }

            class Softmax {
                static DMatrixRMaj apply(DMatrixRMaj z) {
                    return null;
                }

                DMatrixRMaj forward(DMatrixRMaj x) {
                    return null;
                }

                DMatrixRMaj backward(DMatrixRMaj dy) {
                    return null;
                }
            }
            """;

    /** Softmax's stub with each unfinished method handing its work to the bridge. */
    static String softmaxThroughTheBridge() {
        return stub(SOFTMAX)
                .replace("throw new UnsupportedOperationException(\"not implemented yet: Softmax.apply\");",
                        "return dlkit.reference.layers.Momentum.apply(z);")
                .replace("throw new UnsupportedOperationException(\"not implemented yet: Softmax.backward\");",
                        "return dlkit.reference.layers.Momentum.backward(output, gradOutput);");
    }

    @TempDir
    static Path tmp;

    static Attack attack;
    static Attack.Run run;

    @BeforeAll
    static void gradeTheClass() throws IOException {
        attack = new Attack(tmp);
        attack.student("a-hidden-package", ADAM, solution(ADAM), MOMENTUM, HIDDEN_PACKAGE);
        attack.student("a-bridge", SOFTMAX, softmaxThroughTheBridge(), MOMENTUM, BRIDGE_TO_REFERENCE);
        attack.student("b-classmate", ADAM, solution(ADAM), MOMENTUM, solution(MOMENTUM));
        run = attack.gradeClass("--exercise", "Adam", "--exercise", "Momentum", "--exercise", "Softmax");
    }

    @Test
    void aPackageHiddenByAUnicodeEscapeCostsOnlyItsFileWithTheReasonNamed() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("internal error");
        ExerciseReport momentum = run.exercise("a-hidden-package", "Momentum");
        assertThat(momentum.score()).isZero();
        assertThat(String.join("\n", momentum.notes())).contains("package dlkit.sneaky", "must be in its package, dlkit.optim");
        assertThat(run.exercise("a-hidden-package", "Adam").score()).isPositive()
                .isEqualTo(run.exercise("b-classmate", "Adam").score());
        assertThat(run.score("b-classmate")).isEqualTo(run.exercise("b-classmate", "Adam").maxScore()
                + run.exercise("b-classmate", "Momentum").maxScore());
    }

    @Test
    void aBridgeToTheReferenceUnderAHiddenPackageEarnsNothing() throws IOException {
        assertThat(String.join("\n", run.exercise("a-bridge", "Momentum").notes())).contains("package dlkit.reference.layers");
        ExerciseReport softmax = run.exercise("a-bridge", "Softmax");
        assertThat(softmax.maxScore()).isPositive();
        assertThat(softmax.score()).as("Softmax handed to the reference's").isZero();
        assertThat(String.join("\n", softmax.notes())).contains("did not compile");
        attack.assertCanaryUntouched();
    }
}
