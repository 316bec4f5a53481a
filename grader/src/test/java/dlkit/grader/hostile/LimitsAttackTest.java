package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlkit.grader.Submissions;
import dlkit.grader.grade.GradeCommand;
import dlkit.grader.grade.RunOptions;
import dlkit.grader.report.GradeReport;
import dlkit.grader.report.GradeReport.TestReport;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Attacks on the time limits: code of the student's that runs where no per-test timeout watches, a launcher's JVM left behind. */
class LimitsAttackTest {

    static final String ADAM = Submissions.ADAM;
    static final String CLASSMATE = "b-classmate";

    @TempDir
    Path tmp;

    /** An exception thrown at every step whose message, asked for on JUnit's listener thread, never comes. */
    static final String SPINNING_MESSAGE = """
            if (w != null) {
                throw new IllegalStateException() {
                    @Override
                    public String getMessage() {
                        while (w != null) {
                            // spins
                        }
                        return "never";
                    }
                };
            }
            """;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anExceptionWhoseMessageNeverComesFailsItsTestWithinTheLimit() throws IOException {
        Attack attack = new Attack(tmp);
        attack.student("a-spinner", ADAM, Submissions.adamWithStepPrefix(SPINNING_MESSAGE));
        // The same failure with a message that can be read: the fair score.
        attack.student("a-twin", ADAM, Submissions.adamWithStepPrefix(
                "if (w != null) {\n    throw new IllegalStateException(\"no step\");\n}\n"));
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        // A submission limit the spinner must stay far below: 5 minutes, where the old listener spun until it ran out;
        // a budget for Adam that lets every test of it run, to see each one fail as it should.
        Attack.Run run = attack.gradeClass("--timeout-per-test", "5", "--timeout-per-submission", "300",
                "--time-budget-per-exercise", "300");

        assertThat(run.exitCode()).as(run.err()).isZero();
        GradeReport spinner = run.report("a-spinner");
        GradeReport twin = run.report("a-twin");
        assertThat(twin.score()).as("Adam's tests that do not step").isLessThan(run.score(CLASSMATE));
        assertThat(spinner.score()).isEqualTo(twin.score());
        List<TestReport> twinFailed = run.exercise("a-twin", "Adam").tests().stream().filter(t -> !t.passed()).toList();
        assertThat(twinFailed).isNotEmpty();
        for (TestReport failed : twinFailed) {
            TestReport same = run.exercise("a-spinner", "Adam").tests().stream()
                    .filter(t -> t.name().equals(failed.name())).findFirst().orElseThrow();
            assertThat(same.passed()).isFalse();
            assertThat(same.feedback()).as(same.name()).contains("the exception's message could not be read in time");
        }
        // Each failing test costs 2 s for the message and a fresh JVM's start: well under a minute, longer on a busy machine.
        assertThat(spinner.timings().total()).as("seconds to grade the spinner, 5 s per test").isLessThan(120);
        assertThat(run.score(CLASSMATE)).isEqualTo(gradeAlone(Submissions.solution(ADAM)));
        attack.assertCanaryUntouched();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aTestJvmStartedThroughRunuserDoesNotOutliveTheGrader() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can start a JVM as another user");
        long seed = 1_000_000_000L + new SecureRandom().nextInt(1_000_000_000);
        Attack attack = new Attack(tmp).seed(seed);
        // An endless loop in Adam's class initialiser, where the first test that touches Adam stays.
        String adam = Submissions.solution(ADAM).replace(Submissions.ADAM_CLASS,
                Submissions.ADAM_CLASS + "    static {\n        while (spin()) {\n        }\n    }\n\n"
                        + "    private static boolean spin() {\n        return true;\n    }\n");
        attack.student("a-looper", ADAM, adam);
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        // A per-test timeout longer than the submission's limit: the limit must stop the JVM.
        Attack.Run run = attack.gradeClass("--launcher", "runuser -u nobody --", "--timeout-per-test", "120",
                "--timeout-per-submission", "20", "--jobs", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.score("a-looper")).isZero();
        assertThat(run.exercise("a-looper", "Adam").tests()).allSatisfy(t ->
                assertThat(t.feedback()).contains("the time limit for the whole submission (20 s) ran out"));
        assertThat(run.score(CLASSMATE)).isEqualTo(gradeAlone(Submissions.solution(ADAM)));
        String marker = "-Ddlkit.seed=" + seed;
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .map(p -> p.info().user().orElse("?") + ": " + p.info().commandLine().orElse("")).toList())
                .as("processes of this run's test JVMs left running").isEmpty();
        Process pgrep = new ProcessBuilder("pgrep", "-u", "nobody", "-f", "--", marker).start();
        assertThat(pgrep.waitFor()).as("pgrep's exit code: 1 when it finds none").isEqualTo(1);
        attack.assertCanaryUntouched();
    }

    @Test
    void theDefaultSubmissionLimitIsSizedFromTheTestsThatRun() {
        TestRunner.Limits limits = CommandLine.populateCommand(new RunOptions(), "--timeout-per-test", "5").limits();

        assertThat(limits.forTests(7).perSubmission()).as("one exercise of 7 tests").isEqualTo(Duration.ofSeconds(30 + 7 * (5 + 2)));
        assertThat(limits.forTests(1).perSubmission()).isEqualTo(Duration.ofSeconds(37));
        assertThat(limits.forTests(5000).perSubmission()).as("capped within Gradescope's 10 minutes").isEqualTo(Duration.ofMinutes(8));
        assertThat(limits.forTests(7).perTest()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.forTests(7).perExercise()).as("three timeouts").isEqualTo(Duration.ofSeconds(15));
        assertThat(CommandLine.populateCommand(new RunOptions(), "--time-budget-per-exercise", "40").limits().perExercise())
                .isEqualTo(Duration.ofSeconds(40));

        RunOptions given = CommandLine.populateCommand(new RunOptions(), "--timeout-per-submission", "20");
        assertThat(given.limits().forTests(5000).perSubmission()).as("as given").isEqualTo(Duration.ofSeconds(20));
        assertThat(new CommandLine(new GradeCommand()).getUsageMessage().replaceAll("\\s+", " "))
                .as("grade --help").contains(TestRunner.DEFAULT_LIMIT);
    }

    private double gradeAlone(String adam) throws IOException {
        Attack alone = new Attack(tmp.resolve("alone"));
        return alone.gradeOne(alone.student("alone", ADAM, adam)).score("alone");
    }
}
