package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.grader.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The partition of a class into shards, and {@code --shard} as given or read from each engine's environment. */
class ShardTest {

    static final CommandLine CLI = Main.commandLine();

    @TempDir
    Path tmp;

    @Test
    void aStudentsShardIsTheSha256OfTheNameAsPythonComputesItToo() {
        // int.from_bytes(sha256(unicodedata.normalize('NFC', name).lower().encode()).digest()[:8], 'big') % N
        assertThat(List.of(Shard.of("alice", 4), Shard.of("Bob", 4), Shard.of("José", 4), Shard.of("student17", 4)))
                .containsExactly(3, 2, 1, 2);
        assertThat(List.of(Shard.of("alice", 7), Shard.of("Bob", 7), Shard.of("José", 7), Shard.of("student17", 7)))
                .containsExactly(1, 1, 3, 3);
    }

    @Test
    void namesThatDifferOnlyInCaseOrUnicodeFormStayInOneShard() {
        String composed = Normalizer.normalize("José Núñez", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize("José Núñez", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        for (int n : new int[] {2, 3, 4, 7, 16}) {
            assertThat(Shard.of(decomposed, n)).isEqualTo(Shard.of(composed, n));
            assertThat(Shard.of("JOSÉ NÚÑEZ", n)).isEqualTo(Shard.of(composed, n));
        }
    }

    @Test
    void theShardsOfAClassAreDisjointCoverItAndAreBalancedWhateverTheOrder() {
        List<String> names = IntStream.rangeClosed(1, 400).mapToObj(i -> "student" + i).toList();
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new java.util.Random(5));
        int n = 4;
        Map<String, Integer> seen = new HashMap<>();
        int[] sizes = new int[n];
        for (int k = 0; k < n; k++) {
            Shard shard = new Shard(k, n);
            for (String s : names) {
                if (shard.holds(s)) {
                    assertThat(seen.put(s, k)).as(s + " in one shard only").isNull();
                    sizes[k]++;
                }
            }
            // The same students whatever order the folder lists them in.
            assertThat(shuffled.stream().filter(shard::holds).sorted().toList())
                    .isEqualTo(names.stream().filter(shard::holds).sorted().toList());
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(names);
        // 100 expected each; 70 to 130 is more than 3.4 standard deviations (8.7) either side.
        assertThat(java.util.Arrays.stream(sizes).boxed().toList()).allSatisfy(size -> assertThat(size).isBetween(70, 130));
        // 60 students in 4 shards: none empty, none with more than twice its share.
        int[] small = new int[n];
        names.subList(0, 60).forEach(s -> small[Shard.of(s, n)]++);
        assertThat(java.util.Arrays.stream(small).boxed().toList()).allSatisfy(size -> assertThat(size).isBetween(5, 30));
    }

    @Test
    void theShardsLookForEveryPairOfShardsOnceTheWorkSpreadEvenly() {
        for (int n = 1; n <= 12; n++) {
            int[] others = new int[n];
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    Shard ab = new Shard(a, n);
                    Shard ba = new Shard(b, n);
                    int lookers = (ab.comparesWith(b) ? 1 : 0) + (a != b && ba.comparesWith(a) ? 1 : 0);
                    assertThat(lookers).as("shards %d and %d of %d: how many look for their pairs", a, b, n).isEqualTo(1);
                    if (a != b) {
                        others[ab.comparesWith(b) ? a : b]++;
                    }
                }
            }
            // Each shard compares its students with (N - 1) / 2 other shards, or one more for the first half of an even N.
            int fewest = (n - 1) / 2;
            assertThat(IntStream.of(others).min().orElseThrow()).as("N = %d", n).isEqualTo(fewest);
            assertThat(IntStream.of(others).max().orElseThrow()).as("N = %d", n).isEqualTo(n % 2 == 0 && n > 1 ? fewest + 1 : fewest);
        }
    }

    @Test
    void aPairOfStudentsHasOneOwnerTheSameWhicheverComesFirst() {
        List<String> names = IntStream.range(0, 60).mapToObj(i -> "student" + i).toList();
        for (int n : new int[] {1, 2, 3, 4, 7}) {
            for (String a : names) {
                for (String b : names) {
                    Shard owner = Shard.ownerOf(a, b, n);
                    assertThat(owner).isEqualTo(Shard.ownerOf(b, a, n));
                    assertThat(List.of(Shard.of(a, n), Shard.of(b, n))).contains(owner.index());
                    int other = owner.index() == Shard.of(a, n) ? Shard.of(b, n) : Shard.of(a, n);
                    assertThat(owner.comparesWith(other)).isTrue();
                }
            }
        }
    }

    @Test
    void kOfNCountsFromOne() {
        assertThat(parse("1/4", Map.of())).isEqualTo(new Shard(0, 4));
        assertThat(parse("4/4", Map.of())).isEqualTo(new Shard(3, 4));
        assertThat(parse(" 2/3 ", Map.of()).toString()).isEqualTo("2/3");
    }

    @Test
    void aShardThatIsNoneIsAClearUsageError() {
        assertThatThrownBy(() -> parse("0/0", Map.of())).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--shard 0/0").hasMessageContaining("number of shards");
        assertThatThrownBy(() -> parse("5/4", Map.of())).hasMessageContaining("K counts from 1 to N: 5 is not between 1 and 4");
        assertThatThrownBy(() -> parse("0/4", Map.of())).hasMessageContaining("0 is not between 1 and 4");
        for (String garbled : new String[] {"a/b", "1", "1/2/3", "-1/4", "1/", "env", "1.5/4"}) {
            assertThatThrownBy(() -> parse(garbled, Map.of())).as(garbled).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("give K/N");
        }
    }

    @Test
    void githubReadsTheMatrixVariablesFromOne() {
        assertThat(parse("github", Map.of("DLKIT_SHARD", "2", "DLKIT_SHARDS", "3"))).isEqualTo(new Shard(1, 3));
        assertThatThrownBy(() -> parse("github", Map.of("DLKIT_SHARDS", "3"))).hasMessageContaining("DLKIT_SHARD is not set");
        assertThatThrownBy(() -> parse("github", Map.of("DLKIT_SHARD", "1"))).hasMessageContaining("DLKIT_SHARDS is not set");
        assertThatThrownBy(() -> parse("github", Map.of("DLKIT_SHARD", "0", "DLKIT_SHARDS", "3")))
                .hasMessageContaining("DLKIT_SHARD=0 is not between 1 and DLKIT_SHARDS=3");
        assertThatThrownBy(() -> parse("github", Map.of("DLKIT_SHARD", "${{ matrix.shard }}", "DLKIT_SHARDS", "3")))
                .hasMessageContaining("is not a whole number");
    }

    @Test
    void kubernetesReadsTheCompletionIndexFromZero() {
        assertThat(parse("kubernetes", Map.of("JOB_COMPLETION_INDEX", "0", "DLKIT_SHARDS", "2"))).isEqualTo(new Shard(0, 2));
        assertThat(parse("kubernetes", Map.of("JOB_COMPLETION_INDEX", "1", "DLKIT_SHARDS", "2"))).isEqualTo(new Shard(1, 2));
        assertThatThrownBy(() -> parse("kubernetes", Map.of("JOB_COMPLETION_INDEX", "2", "DLKIT_SHARDS", "2")))
                .hasMessageContaining("JOB_COMPLETION_INDEX=2 is not between 0 and 1");
        assertThatThrownBy(() -> parse("kubernetes", Map.of("DLKIT_SHARDS", "2"))).hasMessageContaining("JOB_COMPLETION_INDEX is not set");
        assertThatThrownBy(() -> parse("kubernetes", Map.of("JOB_COMPLETION_INDEX", "1", "DLKIT_SHARDS", "0")))
                .hasMessageContaining("must be a number of shards");
    }

    @Test
    void slurmReadsTheArrayTaskWithItsCountOrItsFirstAndLastIds() {
        assertThat(parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "4"))).isEqualTo(new Shard(1, 4));
        assertThat(parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_MAX", "8")))
                .isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "1"))).hasMessageContaining("SLURM_ARRAY_TASK_COUNT is not set");
        assertThatThrownBy(() -> parse("slurm", Map.of("SLURM_ARRAY_TASK_COUNT", "2"))).hasMessageContaining("SLURM_ARRAY_TASK_ID is not set");
        assertThatThrownBy(() -> parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4")))
                .hasMessageContaining("not within the array's 4 tasks");
        assertThatThrownBy(() -> parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "2", "SLURM_ARRAY_TASK_STEP", "2")))
                .hasMessageContaining("steps by 2");
        assertThatThrownBy(() -> parse("slurm", Map.of("SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_COUNT", "2")))
                .hasMessageContaining("SLURM_ARRAY_TASK_ID='x' is not a whole number");
    }

    @Test
    void theCommandLineExitsWithTwoBeforeGradingAnything() {
        for (String spec : new String[] {"5/4", "a/b", "0/0"}) {
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int code = cli.execute("grade", tmp.toString(), "--class", "--shard", spec, "--out", tmp.resolve("out").toString());
            assertThat(code).as(spec).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString()).contains("--shard " + spec);
        }
    }

    @Test
    void aShardThatHoldsNoStudentWritesItsEmptyOutputsAndMerges() throws java.io.IOException {
        // The samples' five students in four shards: shard 3 takes none of them.
        Path samples = dlkit.grader.Submissions.ROOT.resolve("grader/samples");
        List<String> shards = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            Path out = tmp.resolve("shard-" + k);
            ShardedRuns.Result r = ShardedRuns.run(List.of("grade", samples.toString(), "--class", "--seed", "1", "--shard", k + "/4",
                    "--no-plots", "--no-class-sharing", "--exercise", "Adam", "--timeout-per-test", "30", "--out", out.toString()));
            assertThat(r.code()).as(r.err()).isZero();
            shards.add(out.toString());
        }
        Path empty = tmp.resolve("shard-3");
        try (var folders = java.nio.file.Files.list(empty)) {
            assertThat(folders.filter(java.nio.file.Files::isDirectory)).as("shard 3 holds no student").isEmpty();
        }
        assertThat(empty.resolve("similarity.json")).hasContent("[ ]");
        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(shards);
        merge.addAll(List.of("--out", tmp.resolve("merged").toString()));
        ShardedRuns.Result m = ShardedRuns.run(merge);
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.out()).contains("Merged 4 of 4 shards: 5 students");
    }

    @Test
    void aFileOfAnExerciseTheRunDoesNotGradeIsComparedByNoShardSoTheShardsMerge() throws java.io.IOException {
        // Three Canvas students graded on ReLU only; doejane (alone in shard 1 of 2) and smithjohn (shard 2) hand in
        // the same MeanSquaredError.java, which the run does not grade. Shard 1 used to list that pair, and merge
        // refused it as a pair "no run writes".
        Path klass = java.nio.file.Files.createDirectories(tmp.resolve("class"));
        Path solutions = dlkit.grader.Submissions.ROOT.resolve("solutions/src/main/java/dlkit");
        java.nio.file.Files.copy(solutions.resolve("layers/ReLU.java"), klass.resolve("smithjohn_1001_5001_ReLU.java"));
        java.nio.file.Files.copy(solutions.resolve("losses/MeanSquaredError.java"), klass.resolve("smithjohn_1001_5002_MeanSquaredError.java"));
        java.nio.file.Files.copy(solutions.resolve("layers/ReLU.java"), klass.resolve("mullerjorg_1002_5003_ReLU.java"));
        java.nio.file.Files.copy(solutions.resolve("losses/MeanSquaredError.java"), klass.resolve("doejane_1003_5004_MeanSquaredError.java"));
        // A student who mailed their file: no Canvas user id, which the merge's console says as one run's does.
        java.nio.file.Files.copy(solutions.resolve("layers/ReLU.java"),
                java.nio.file.Files.createDirectories(klass.resolve("mailed-by-ann")).resolve("ReLU.java"));
        assertThat(Shard.of("doejane", 2)).isNotEqualTo(Shard.of("smithjohn", 2));
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int k = 1; k <= 2; k++) {
            Path out = tmp.resolve("shard-" + k);
            ShardedRuns.Result r = ShardedRuns.run(List.of("grade", klass.toString(), "--class", "--seed", "1", "--shard", k + "/2",
                    "--no-plots", "--no-class-sharing", "--exercise", "ReLU", "--timeout-per-test", "30", "--out", out.toString()));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(out.resolve("similarity.json")).content().doesNotContain("MeanSquaredError");
            merge.add(out.toString());
        }
        merge.addAll(List.of("--out", tmp.resolve("merged").toString()));
        ShardedRuns.Result m = ShardedRuns.run(merge);
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(tmp.resolve("merged/similarity.json")).content().contains("ReLU.java").doesNotContain("MeanSquaredError");
        assertThat(m.err()).contains("dlkit: gradebook-canvas.csv has no Canvas user id for 1 of 4 students");
    }

    private static Shard parse(String spec, Map<String, String> env) {
        return Shard.parse(spec, env, CLI);
    }
}
