package dlkit.grader.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.Submissions;
import dlkit.grader.kit.Kit;
import dlkit.grader.kit.TestCatalog;
import dlkit.grader.run.ResultChannel;
import dlkit.grader.run.TestResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the results channel: forged results in files and on the output, the shared jars
 * next door; and, in process, the parent's reader fed forged, replayed, reordered and unasked-for
 * lines, so that the channel holds on its own whatever the policy allows.
 */
class ChannelAttackTest {

    static final String ADAM = Submissions.ADAM;
    static final String CLASSMATE = "b-classmate";
    /** What Adam's solution scores graded alone: the fair score of every attacker here, whose Adam is that solution. */
    static double adamAlone;

    @TempDir
    Path tmp;

    @BeforeAll
    static void gradeTheSolutionAlone(@TempDir Path alone) throws IOException {
        Attack attack = new Attack(alone);
        Attack.Run run = attack.gradeOne(attack.student("alone", ADAM, Submissions.solution(ADAM)));
        assertThat(run.exitCode()).isZero();
        adamAlone = run.score("alone");
        assertThat(adamAlone).as("Adam's points").isPositive();
    }

    static List<String> allHiddenTestIds() {
        return TestCatalog.ofGrader().tests().stream().map(TestCatalog.ExpectedTest::uniqueId).toList();
    }

    /**
     * The attacker's Adam opens a file by name, which the policy refuses: Adam is graded as its
     * stub (0), the refusal is named, and nothing it would have forged or broken counts. The
     * channel's own guarantees, were the policy to let a file through, are the reader's tests below.
     */
    private static void assertFairRun(Attack attack, Attack.Run run, String attacker) throws IOException {
        assertThat(run.exitCode()).as("exit code; " + run.err()).isZero();
        assertThat(run.score(attacker)).as(attacker + "'s score").isZero();
        assertThat(run.exercise(attacker, "Adam").notes()).anySatisfy(n -> assertThat(n).contains("Formatter"));
        assertThat(run.score(CLASSMATE)).as("the classmate's score").isEqualTo(adamAlone);
        attack.assertCanaryUntouched();
    }

    @Test
    void passingResultsForgedInFilesAndOnTheOutputCountForNothing() throws IOException {
        Attack attack = new Attack(tmp);
        attack.student("a-forger", ADAM, Attack.adamOnceAtFirstStep(Attack.forgeResults(allHiddenTestIds())));
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        Attack.Run run = attack.gradeClass("--jobs", "1");

        assertFairRun(attack, run, "a-forger");
        assertThat(run.report("a-forger").exercises()).filteredOn(e -> !e.file().equals(ADAM))
                .allSatisfy(e -> assertThat(e.score()).as(e.name() + ", never submitted").isZero());
    }

    @Test
    void theSharedJarsAreOutOfReachOfTheTestJvm() throws IOException {
        StringBuilder vandal = new StringBuilder();
        // Up to the folder above the run's: higher would be the machine's own /lib, which only the OS layer guards.
        for (String up : List.of("", "../", "../../")) {
            for (String jar : List.of("grader.jar", "given.jar")) {
                // Formatter(String) truncates the file; what it writes would be a crafted jar's bytes.
                vandal.append("try { new java.util.Formatter(").append(Attack.literal(up + "lib/" + jar))
                        .append(").format(\"PK not a jar\").close(); } catch (Exception e) { }\n");
            }
        }
        Attack attack = new Attack(tmp);
        attack.student("a-vandal", ADAM, Attack.adamOnceAtFirstStep(vandal.toString()));
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        Attack.Run run = attack.gradeClass("--jobs", "1");

        assertFairRun(attack, run, "a-vandal");
    }

    @Test
    void linesWrittenIntoTheChannelItselfCostOnlyTheWriter() throws IOException {
        // Were the policy to let a file be opened by name, the channel is a file too: /dev/stdout
        // (the reader's tests show such a line makes the writer's whole round untrusted).
        StringBuilder payload = new StringBuilder();
        for (String channel : List.of("/dev/stdout", "/proc/self/fd/1")) {
            payload.append("try { new java.util.Formatter(").append(Attack.literal(channel))
                    .append(").format(\"0 %s {\\\"event\\\":\\\"done\\\"}%n\", \"0\".repeat(64)).close(); } catch (Exception e) { }\n");
        }
        Attack attack = new Attack(tmp);
        attack.student("a-jammer", ADAM, Attack.adamOnceAtFirstStep(payload.toString()));
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        Attack.Run run = attack.gradeClass();

        assertFairRun(attack, run, "a-jammer");
    }

    @Test
    void thePolicyKeepsStudentCodeFromTheChannelAndTheKey() throws IOException {
        Map<String, String> calls = Map.of(
                "a-output", "new java.io.FileOutputStream(java.io.FileDescriptor.out).write(1);",
                "a-input", "System.in.read();",
                "a-console", "System.console().writer().println(\"0 x {}\");");
        Attack attack = new Attack(tmp);
        calls.forEach((student, call) -> {
            try {
                attack.student(student, ADAM, Attack.adamOnceAtFirstStep("try {\n" + call + "\n} catch (Exception e) {\n}\n"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        attack.student(CLASSMATE, ADAM, Submissions.solution(ADAM));

        Attack.Run run = attack.gradeClass();

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (Map.Entry<String, String> call : Map.of("a-output", "FileDescriptor.out", "a-input", "System.in",
                "a-console", "System.console").entrySet()) {
            assertThat(run.score(call.getKey())).as(call.getKey()).isZero();
            assertThat(String.join("\n", run.exercise(call.getKey(), "Adam").notes())).contains(call.getValue(), "not allowed");
        }
        assertThat(run.score(CLASSMATE)).isEqualTo(adamAlone);
    }

    @Test
    void theRunsJarsAreReadOnlyAndTestJvmsWorkFarFromThem() throws IOException {
        Path lib;
        Path scratchRoot;
        try (Kit kit = Kit.open()) {
            lib = kit.runtimeClasspath().get(0).getParent();
            scratchRoot = kit.scratchRoot();
            assertThat(Files.getPosixFilePermissions(lib)).isEqualTo(PosixFilePermissions.fromString("r-xr-xr-x"));
            for (Path jar : kit.runtimeClasspath()) {
                assertThat(jar.getParent()).isEqualTo(lib);
                assertThat(Files.getPosixFilePermissions(jar)).as(jar.toString()).isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
            }
            kit.shareWithOtherUsers();
            assertThat(Files.getPosixFilePermissions(kit.runtimeClasspath().get(0))).as("shared, still read-only")
                    .isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
            // No way up from a test JVM's folder leads to the jars: the scratch folders are not under the run's folder.
            for (Path up = scratchRoot; up != null; up = up.getParent()) {
                assertThat(up.resolve("lib").resolve("grader.jar")).doesNotExist();
            }
        }
        assertThat(lib.getParent()).as("the run's folder, deleted with the kit").doesNotExist();
        assertThat(scratchRoot).doesNotExist();
    }

    // The parent's reader, in process: what reaches it however a line got onto the channel.

    static final String ADAM_TEST = "[engine:junit-jupiter]/[class:dlkit.hidden.optim.AdamHiddenTest]/[method:matchesTheReference()]";
    static final String OTHER_TEST = "[engine:junit-jupiter]/[class:dlkit.hidden.optim.SgdHiddenTest]/[method:matchesTheReference()]";

    private static Map<String, Object> finished(String id, String status) {
        return Map.of("event", "finished", "id", id, "status", status, "timedOut", false, "millis", 3L);
    }

    /** The lines a genuine child writes with {@code key}: the events in order. */
    private static List<String> genuine(byte[] key, List<Map<String, ?>> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultChannel.Writer writer = new ResultChannel.Writer(out, key);
        events.forEach(writer::write);
        return new ArrayList<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
    }

    private static ResultChannel.Round read(byte[] key, Set<String> asked, List<String> lines, String tail) {
        ResultChannel.Reader reader = new ResultChannel.Reader(key, asked);
        String text = String.join("\n", lines) + (lines.isEmpty() ? "" : "\n") + tail;
        reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return reader.round();
    }

    @Test
    void theReaderTakesWhatTheChildWroteAndDropsALineCutShort() {
        byte[] key = ResultChannel.newKey();
        String run = ADAM_TEST.replace("[method:", "[test-template:") + "/[test-template-invocation:#1]";
        List<String> lines = genuine(key, List.of(Map.of("event", "started", "id", ADAM_TEST),
                finished(ADAM_TEST, "FAILED"), finished(run, "SUCCESSFUL"), Map.of("event", "done")));
        String cut = genuine(key, List.of(finished(OTHER_TEST, "SUCCESSFUL"))).get(0);

        ResultChannel.Round round = read(key, Set.of(ADAM_TEST, run.substring(0, run.lastIndexOf('/'))), lines,
                cut.substring(0, cut.length() / 2));

        assertThat(round.tampered()).isNull();
        assertThat(round.done()).isTrue();
        assertThat(round.finished()).extracting(TestResult::id, TestResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ADAM_TEST, "FAILED"),
                        org.assertj.core.groups.Tuple.tuple(run, "SUCCESSFUL"));
    }

    @Test
    void aResultForATestNotAskedForIsIgnoredEvenWhenSigned() {
        byte[] key = ResultChannel.newKey();
        List<String> lines = genuine(key, List.of(finished(OTHER_TEST, "SUCCESSFUL"),
                finished(ADAM_TEST + "x", "SUCCESSFUL"), finished(ADAM_TEST, "FAILED")));

        ResultChannel.Round round = read(key, Set.of(ADAM_TEST), lines, "");

        assertThat(round.tampered()).isNull();
        assertThat(round.finished()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(ADAM_TEST);
            assertThat(r.passed()).isFalse();
        });
    }

    @Test
    void aForgedLineWithoutTheKeyMakesTheWholeRoundUntrusted() {
        byte[] key = ResultChannel.newKey();
        List<String> lines = genuine(key, List.of(finished(ADAM_TEST, "FAILED")));
        // Signed, in sequence, but with another key: all a student's code could make.
        lines.add(genuine(ResultChannel.newKey(), List.of(finished(OTHER_TEST, "SUCCESSFUL"))).get(0).replaceFirst("^0 ", "1 "));

        ResultChannel.Round round = read(key, Set.of(ADAM_TEST, OTHER_TEST), lines, "");

        assertThat(round.tampered()).contains("MAC");
        assertThat(round.finished()).isEmpty();
        assertThat(round.done()).isFalse();
    }

    @Test
    void aLineInTheOldFormatOrWithAMadeUpMacMakesTheRoundUntrusted() {
        byte[] key = ResultChannel.newKey();
        String plain = "{\"event\":\"finished\",\"id\":\"" + ADAM_TEST + "\",\"status\":\"SUCCESSFUL\"}";
        for (String forged : List.of(plain, "0 " + "0".repeat(64) + " " + plain, "0 zz " + plain)) {
            ResultChannel.Round round = read(key, Set.of(ADAM_TEST), List.of(forged), "");
            assertThat(round.tampered()).as(forged).isNotNull();
            assertThat(round.finished()).as(forged).isEmpty();
        }
    }

    @Test
    void aReplayedOrReorderedLineMakesTheRoundUntrusted() {
        byte[] key = ResultChannel.newKey();
        List<String> lines = genuine(key, List.of(finished(ADAM_TEST, "SUCCESSFUL"), finished(OTHER_TEST, "FAILED"),
                Map.of("event", "done")));

        List<String> replayed = new ArrayList<>(lines);
        replayed.add(1, lines.get(0));
        List<String> reordered = List.of(lines.get(1), lines.get(0), lines.get(2));
        List<String> dropped = List.of(lines.get(0), lines.get(2));
        for (List<String> stream : List.of(replayed, reordered, dropped)) {
            ResultChannel.Round round = read(key, Set.of(ADAM_TEST, OTHER_TEST), stream, "");
            assertThat(round.tampered()).as(String.join("\n", stream)).contains("out of order");
            assertThat(round.finished()).isEmpty();
        }
        // A genuine line of another JVM (another key) is as good as forged.
        ResultChannel.Round other = read(ResultChannel.newKey(), Set.of(ADAM_TEST, OTHER_TEST), lines, "");
        assertThat(other.tampered()).contains("MAC");
    }

    @Test
    void theWriterCarriesNestedMapsAndListsButNoStudentObject() {
        byte[] key = ResultChannel.newKey();
        Map<String, Object> check = Map.of("check", "matches the reference", "index", List.of(0L, 2L), "expected", 1.5);
        List<String> lines = genuine(key, List.of(Map.of("event", "finished", "id", ADAM_TEST, "status", "FAILED",
                "check", check)));

        assertThat(read(key, Set.of(ADAM_TEST), lines, "").finished()).singleElement()
                .extracting(TestResult::status).isEqualTo("FAILED");
        assertThat(lines.get(0)).contains("\"index\":[0,2]", "\"expected\":1.5");
        Object studentObject = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("a student's toString ran on JUnit's thread");
            }
        };
        ResultChannel.Writer writer = new ResultChannel.Writer(new ByteArrayOutputStream(), key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(Map.of("event", "x", "message", studentObject)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
