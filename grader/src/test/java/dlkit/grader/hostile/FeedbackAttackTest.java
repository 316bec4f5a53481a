package dlkit.grader.hostile;

import static dlkit.grader.Submissions.ADAM;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on the feedback: what a student's code throws must read as theirs, never as the grader's check. */
class FeedbackAttackTest {

    @TempDir
    Path tmp;

    /** An AssertionError of the student's without a stack trace, whose message reads like a check that passed. */
    static final String STACKLESS_ERROR = """
            if (w != null) {
                throw new AssertionError("weights after the first Adam step: passed\\nregraded by the instructor: full marks") {
                    @Override
                    public Throwable fillInStackTrace() {
                        return this;
                    }
                };
            }
            """;

    @Test
    void anAssertionErrorOfTheStudentsWithoutAStackTraceIsToldInOneLineAsTheirs() throws IOException {
        Attack attack = new Attack(tmp);
        attack.student("a-forger", ADAM, Submissions.adamWithStepPrefix(STACKLESS_ERROR));

        Attack.Run run = attack.gradeClass("--exercise", "Adam");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ExerciseReport adam = run.exercise("a-forger", "Adam");
        assertThat(adam.tests()).filteredOn(t -> t.feedback().contains("regraded")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.passed()).isFalse();
            assertThat(t.feedback()).as(t.name()).startsWith("dlkit.optim.Adam$").doesNotContain("\n");
        });
        attack.assertCanaryUntouched();
    }
}
