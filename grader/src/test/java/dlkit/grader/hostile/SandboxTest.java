package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.grader.Main;
import dlkit.grader.Submissions;
import dlkit.grader.run.Sandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operating-system layer, on its own and through the command line. Below the policy the
 * grader's own program {@link Escapes} tries what student code must not do, through the same
 * command wrapping as test JVMs: inside bubblewrap it cannot write the canary or the run's jars,
 * read a file in the home, or reach a server on 127.0.0.1, and can write its work folder; without
 * it (the control) the same program does all of that. Whether bubblewrap works here is decided by
 * the probe the grader uses: where it does not, {@code auto} must say "policy only" and {@code os}
 * must refuse to grade, exit code 2, saying why.
 */
class SandboxTest {

    private static final boolean OS_LAYER_WORKS = Sandbox.probe(List.of()) == null;
    /** What {@link Escapes} tries that only its work folder should allow. */
    private static final List<String> ESCAPES = List.of("write-canary", "write-lib", "open-lib-jar-for-writing", "read-home",
            "connect-127.0.0.1");

    @TempDir
    Path tmp;

    Attack attack;
    Path secret;
    ServerSocket server;

    @BeforeEach
    void setUp() throws IOException {
        attack = new Attack(tmp);
        secret = Path.of(System.getProperty("user.home")).resolve(".dlkit-sandbox-test-" + System.nanoTime());
        Files.writeString(secret, "the instructor's secret");
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.deleteIfExists(secret);
        server.close();
    }

    private Attack.BelowPolicy escapes(Sandbox sandbox) throws Exception {
        return attack.belowPolicy(sandbox, List.of(), Escapes.class, attack.canary.toString(), "{lib}", "{jar}",
                secret.toString(), Integer.toString(server.getLocalPort()));
    }

    @Test
    void belowThePolicyTheOsLayerKeepsTheProgramInItsWorkFolder() throws Exception {
        if (!OS_LAYER_WORKS) {
            assertThatThrownBy(() -> Sandbox.choose(Sandbox.Mode.OS, List.of())).isInstanceOf(Sandbox.Unavailable.class)
                    .hasMessageContaining("cannot run here");
            assertThat(Sandbox.choose(Sandbox.Mode.AUTO, List.of()).layers()).containsExactly(Sandbox.POLICY);
            return;
        }
        Sandbox os = Sandbox.choose(Sandbox.Mode.OS, List.of());
        assertThat(os.layers()).containsExactly(Sandbox.POLICY, Sandbox.BUBBLEWRAP);
        assertThat(Sandbox.choose(Sandbox.Mode.AUTO, List.of()).layers()).isEqualTo(os.layers());
        Attack.BelowPolicy run = escapes(os);

        assertThat(run.exitCode()).as(run.output()).isZero();
        ESCAPES.forEach(e -> assertThat(run.allowed(e)).as(e + "\n" + run.output()).isFalse());
        assertThat(run.allowed("write-scratch")).as(run.output()).isTrue();
        // Seen from outside: the work folder got the file; the canary and the run's lib folder nothing.
        attack.assertCanaryUntouched();
        assertThat(run.libAfter()).isEqualTo(run.libBefore());
        assertThat(run.workAfter()).contains("scratch.txt");
    }

    @Test
    void withoutTheOsLayerTheSameProgramEscapes() throws Exception {
        Attack.BelowPolicy run = escapes(Sandbox.choose(Sandbox.Mode.NONE, List.of()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        ESCAPES.forEach(e -> assertThat(run.allowed(e)).as(e + "\n" + run.output()).isTrue());
        assertThat(run.allowed("write-scratch")).as(run.output()).isTrue();
        assertThat(Files.readString(attack.canary.resolve("escaped.txt"))).isEqualTo("out");
        assertThat(run.libAfter()).contains("escaped.jar").hasSize(run.libBefore().size() + 1);
    }

    @Test
    void aCleanSubmissionScoresFullMarksInTheOsLayerAndTheReportsSaySo() throws Exception {
        Path adam = attack.student("adam", "src/main/java/" + Submissions.ADAM, Submissions.solution(Submissions.ADAM));

        Attack.Run os = attack.gradeOne(adam, "--sandbox", "os", "--exercise", "Adam");
        if (!OS_LAYER_WORKS) {
            assertThat(os.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(os.err()).contains("--sandbox os").contains("bubblewrap");
            Attack.Run auto = attack.gradeOne(adam, "--exercise", "Adam");
            assertThat(auto.exitCode()).as(auto.err()).isZero();
            assertThat(auto.score("adam")).isEqualTo(Submissions.ADAM_POINTS);
            assertThat(auto.layers("adam")).containsExactly(Sandbox.POLICY);
            assertThat(auto.out()).contains("student code ran under: policy only");
            return;
        }
        assertThat(os.exitCode()).as(os.err()).isZero();
        assertThat(os.score("adam")).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(os.report("adam").maxScore()).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(os.layers("adam")).containsExactly(Sandbox.POLICY, Sandbox.BUBBLEWRAP);
        assertThat(os.out()).contains("student code ran under: policy + os:bubblewrap");
        assertThat(Files.readString(os.reports().resolve("adam/report.html"))).contains("Your code ran under: policy + os:bubblewrap.");
        assertThat(Files.readString(os.reports().resolve("adam/results.json"))).contains("student code ran under: policy + os:bubblewrap");

        Attack.Run none = attack.gradeOne(adam, "--sandbox", "none", "--exercise", "Adam");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.score("adam")).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(none.layers("adam")).containsExactly(Sandbox.POLICY);
        assertThat(none.out()).contains("student code ran under: policy only");
        attack.assertCanaryUntouched();
    }

    @Test
    void withALauncherTheOsLayerRunsAsTheLaunchersUserWhereTheProbeFindsItWorks() throws Exception {
        // As Gradescope's run_autograder grades as root; nobody stands for dlkit-student.
        List<String> launcher = List.of("runuser", "-u", "nobody", "--");
        Path adam = attack.student("adam", "src/main/java/" + Submissions.ADAM, Submissions.solution(Submissions.ADAM));

        Attack.Run run = attack.gradeOne(adam, "--sandbox", "os", "--exercise", "Adam", "--launcher", String.join(" ", launcher));

        if (Sandbox.probe(launcher) != null) {
            assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(run.err()).contains("--sandbox os: the operating-system layer cannot run here");
            return;
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.score("adam")).isEqualTo(Submissions.ADAM_POINTS);
        assertThat(run.layers("adam")).containsExactly(Sandbox.POLICY, Sandbox.BUBBLEWRAP);
    }

    @Test
    void anUnknownModeIsAUsageError() throws Exception {
        Attack.Run run = attack.gradeOne(attack.student("adam", "Adam.java", Submissions.solution(Submissions.ADAM)),
                "--sandbox", "maybe");
        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("auto, os or none, not maybe");
    }
}
