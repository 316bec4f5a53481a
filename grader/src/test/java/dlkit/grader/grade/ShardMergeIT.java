package dlkit.grader.grade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.grade.ShardedRuns.Result;
import dlkit.grader.kit.Kit;
import dlkit.grader.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A class of 60 entries graded once whole and once in three shards, merged: the same gradebooks,
 * index and reports (timings aside); and the merges that must be refused, on copies of those
 * shards edited as a careless or dishonest hand would.
 */
class ShardMergeIT {

    static final int STUDENTS = 57;
    static final int SHARDS = 3;

    @TempDir
    static Path work;
    static Path one;
    static Path merged;
    static List<Path> shards = new ArrayList<>();

    @TempDir
    Path tmp;

    static List<String> grade(Path klass, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("grade", klass.toString(), "--class", "--seed", "11", "--no-plots",
                "--no-class-sharing", "--jobs", "2", "--timeout-per-test", "30", "--out", out.toString()));
        args.addAll(ShardedRuns.EXERCISES);
        args.addAll(List.of(more));
        return args;
    }

    @BeforeAll
    static void gradeWholeAndInShards() throws IOException {
        Path klass = ShardedRuns.makeClass(work.resolve("class"), STUDENTS);
        one = work.resolve("one");
        long t0 = System.nanoTime();
        Result whole = ShardedRuns.run(grade(klass, one));
        long t1 = System.nanoTime();
        // The grader failed on no submission; the broken zip is a student graded 0, not a failure.
        assertThat(whole.code()).as(whole.err()).isZero();
        for (int k = 1; k <= SHARDS; k++) {
            Path out = work.resolve("shard-" + k);
            Result r = ShardedRuns.run(grade(klass, out, "--shard", k + "/" + SHARDS));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Shard " + k + "/" + SHARDS + ": ");
            shards.add(out);
        }
        long t2 = System.nanoTime();
        merged = work.resolve("merged");
        Result m = merge(merged, shards.toArray(Path[]::new));
        long t3 = System.nanoTime();
        assertThat(m.code()).as(m.err()).isZero();
        System.out.printf(java.util.Locale.ROOT, "ShardMergeIT: %d entries whole in %.1f s; in %d shards in turn %.1f s; merge %.1f s%n",
                STUDENTS + 3, (t1 - t0) / 1e9, SHARDS, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    static Result merge(Path out, Path... dirs) {
        List<String> args = new ArrayList<>(List.of("merge"));
        Stream.of(dirs).map(Path::toString).forEach(args::add);
        args.addAll(List.of("--out", out.toString()));
        return ShardedRuns.run(args);
    }

    @Test
    void theMergedShardsAreTheOneRunTimingsAside() throws IOException {
        Map<String, String> whole = ShardedRuns.comparable(one);
        Map<String, String> fromShards = ShardedRuns.comparable(merged);
        assertThat(fromShards.keySet()).containsExactlyElementsOf(whole.keySet());
        assertThat(fromShards).containsExactlyEntriesOf(whole);
        // Every student: 60, the two Josés and the broken zip, each a row.
        List<String> rows = Files.readAllLines(merged.resolve("gradebook.csv"));
        assertThat(rows).hasSize(1 + STUDENTS + 3);
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("broken"));
        assertThat(whole.keySet().stream().filter(f -> f.endsWith("report.json"))).hasSize(STUDENTS + 3);
    }

    @Test
    void eachShardIsAClassOutputOfItsOwn() throws IOException {
        int total = 0;
        for (int k = 1; k <= SHARDS; k++) {
            ShardManifest m = ShardManifest.read(shards.get(k - 1));
            assertThat(m.shard()).isEqualTo(k);
            assertThat(m.shards()).isEqualTo(SHARDS);
            assertThat(m.seed()).isEqualTo(11);
            assertThat(m.exercises()).containsExactlyInAnyOrder(ShardedRuns.ADAM, ShardedRuns.RELU);
            assertThat(m.kitSha256()).isEqualTo(ShardManifest.kitFingerprint()).hasSize(64);
            assertThat(m.wholeClass()).hasSize(STUDENTS + 3);
            assertThat(m.took()).isNotEmpty().allSatisfy(s -> assertThat(Shard.of(s, SHARDS)).isEqualTo(m.shard() - 1));
            assertThat(Files.readAllLines(shards.get(k - 1).resolve("gradebook.csv"))).hasSize(1 + m.took().size());
            assertThat(shards.get(k - 1).resolve("index.html")).isRegularFile();
            total += m.took().size();
        }
        assertThat(total).isEqualTo(STUDENTS + 3);
    }

    @Test
    void shardsOfAnotherSeedKitOrClassAreRefused() throws IOException {
        Path other = edited(shards.get(1), m -> m.put("seed", 12));
        assertRefused(merge(tmp.resolve("a"), shards.get(0), other, shards.get(2)), "differ in the seed (12 against 11)");
        Path kit = edited(shards.get(1), m -> m.put("kitSha256", "0".repeat(64)));
        assertRefused(merge(tmp.resolve("b"), shards.get(0), kit, shards.get(2)), "differ in the kit");
        Path klass = edited(shards.get(1), m -> ((ArrayNode) m.get("wholeClass")).remove(0));
        assertRefused(merge(tmp.resolve("c"), shards.get(0), klass, shards.get(2)), "differ in the class folder's students");
        Path assignment = edited(shards.get(1), m -> m.put("assignment", "week2"));
        assertRefused(merge(tmp.resolve("d"), shards.get(0), assignment, shards.get(2)), "differ in the assignment");
    }

    @Test
    void aShardGivenTwiceOrMissingIsRefused() throws IOException {
        assertRefused(merge(tmp.resolve("a"), shards.get(0), shards.get(1), shards.get(2), shards.get(0)), "is given twice");
        Path copy = ShardedRuns.copy(shards.get(0), tmp.resolve("copy-of-1"));
        assertRefused(merge(tmp.resolve("b"), shards.get(0), copy, shards.get(1), shards.get(2)), "shard 1/3 is given twice");
        assertRefused(merge(tmp.resolve("c"), shards.get(0), shards.get(2)), "shard 2/3 of 3 is missing");
        assertThat(tmp.resolve("c").resolve("gradebook.csv")).doesNotExist();
        assertRefused(merge(tmp.resolve("d"), shards.get(0).resolve("student01").getParent().getParent()), "is not a shard's output");
    }

    @Test
    void allowMissingNamesTheShardAndEveryStudentLeftOut() throws IOException {
        Path out = tmp.resolve("partial");
        List<String> args = new ArrayList<>(List.of("merge", shards.get(0).toString(), shards.get(2).toString(),
                "--out", out.toString(), "--allow-missing"));
        Result r = ShardedRuns.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> left = ShardManifest.read(shards.get(1)).took();
        assertThat(r.out()).contains("Missing: shard 2/3, so " + left.size() + " students are not in the gradebooks");
        JsonNode m = ShardedRuns.JSON.readTree(out.resolve(MergeCommand.FILE).toFile());
        assertThat(m.get("missing").toString()).isEqualTo("[2]");
        List<String> named = new ArrayList<>();
        m.get("missingStudents").forEach(s -> named.add(s.asText()));
        assertThat(named).containsExactlyInAnyOrderElementsOf(left);
        String index = Files.readString(out.resolve("index.html"));
        left.forEach(s -> assertThat(index).contains("its student " + s + " is in shard 2/3, which is missing"));
        assertThat(Files.readAllLines(out.resolve("gradebook.csv"))).hasSize(1 + STUDENTS + 3 - left.size());
    }

    @Test
    void aStudentInTwoShardsOrInTheWrongOneIsRefused() throws IOException {
        String stray = ShardManifest.read(shards.get(0)).took().get(0);
        Path second = edited(shards.get(1), m -> ((ArrayNode) m.get("took")).add(stray));
        String folder = ReportFiles.folders(List.of(stray)).get(stray);
        ShardedRuns.copy(shards.get(0).resolve(folder), second.resolve(folder));
        assertRefused(merge(tmp.resolve("a"), shards.get(0), second, shards.get(2)), "is in two shards");
        assertRefused(ShardedRuns.run(List.of("merge", second.toString(), shards.get(2).toString(), "--allow-missing",
                "--out", tmp.resolve("b").toString())), "holds students of other shards");
        Path lacking = edited(shards.get(1), m -> ((ArrayNode) m.get("took")).remove(0));
        assertRefused(merge(tmp.resolve("c"), shards.get(0), lacking, shards.get(2)), "lacks students of its share");
    }

    @Test
    void aReportEditedBeyondWhatARunWritesIsRefused() throws IOException {
        String student = ShardManifest.read(shards.get(1)).took().get(0);
        String folder = ReportFiles.folders(ShardManifest.read(shards.get(1)).wholeClass().stream()
                .map(ShardManifest.Member::student).toList()).get(student);
        for (var edit : List.<java.util.function.Consumer<ObjectNode>>of(
                r -> ((ObjectNode) r.get("exercises").get(0)).put("score", 1000.0),
                r -> r.put("score", r.get("maxScore").asDouble() + 1),
                r -> ((ObjectNode) r.get("exercises").get(0)).put("maxScore", 1000.0).put("score", 1000.0),
                r -> r.put("seed", 5),
                r -> r.put("student", "someone else"))) {
            Path copy = ShardedRuns.copy(shards.get(1), tmp.resolve("edited-" + System.nanoTime()));
            Path report = copy.resolve(folder).resolve("report.json");
            ObjectNode tree = (ObjectNode) ShardedRuns.JSON.readTree(report.toFile());
            edit.accept(tree);
            ShardedRuns.JSON.writeValue(report.toFile(), tree);
            assertRefused(merge(tmp.resolve("out-" + System.nanoTime()), shards.get(0), copy, shards.get(2)), "is not one the grader wrote");
        }
        Path gone = ShardedRuns.copy(shards.get(1), tmp.resolve("gone"));
        Kit.deleteRecursively(gone.resolve(folder));
        assertRefused(merge(tmp.resolve("g"), shards.get(0), gone, shards.get(2)), "cannot read the report of");
        // A student's folder made a link to another student's folder elsewhere: refused, not followed.
        Path linked = ShardedRuns.copy(shards.get(1), tmp.resolve("linked"));
        Kit.deleteRecursively(linked.resolve(folder));
        Files.createSymbolicLink(linked.resolve(folder), shards.get(1).resolve(folder).toAbsolutePath());
        assertRefused(merge(tmp.resolve("l"), shards.get(0), linked, shards.get(2)), "cannot read the report of");
    }

    @Test
    void aPairAShardDoesNotLookForOrNoRunWritesIsRefused() throws IOException {
        List<String> roster = ShardManifest.read(shards.get(0)).wholeClass().stream().map(ShardManifest.Member::student).toList();
        Shard second = new Shard(1, SHARDS);
        // A pair that shard 2 does not look for, and one of its own with a similarity no run gives, or its students swapped.
        List<String[]> pairs = IntStream.range(0, roster.size()).boxed().flatMap(i -> IntStream.range(i + 1, roster.size())
                .mapToObj(j -> new String[] {roster.get(i), roster.get(j)})).toList();
        String[] foreign = pairs.stream().filter(p -> !Shard.ownerOf(p[0], p[1], SHARDS).equals(second)).findFirst().orElseThrow();
        String[] own = pairs.stream().filter(p -> Shard.ownerOf(p[0], p[1], SHARDS).equals(second)).findFirst().orElseThrow();
        for (var pair : List.of(
                Map.of("first", foreign[0], "second", foreign[1], "similarity", 1.0, "identical", List.of()),
                Map.of("first", own[0], "second", own[1], "similarity", 7.0, "identical", List.of()),
                Map.of("first", own[1], "second", own[0], "similarity", 1.0, "identical", List.of()))) {
            Path copy = ShardedRuns.copy(shards.get(1), tmp.resolve("pairs-" + System.nanoTime()));
            ShardedRuns.JSON.writeValue(copy.resolve(ClassOutput.SIMILARITY).toFile(), List.of(pair));
            assertRefused(merge(tmp.resolve("out-" + System.nanoTime()), shards.get(0), copy, shards.get(2)),
                    "does not look for or no run writes");
        }
        Path none = ShardedRuns.copy(shards.get(1), tmp.resolve("no-pairs"));
        Files.delete(none.resolve(ClassOutput.SIMILARITY));
        assertRefused(merge(tmp.resolve("n"), shards.get(0), none, shards.get(2)), "cannot read the similar pairs of shard 2/3");
    }

    @Test
    void aStudentNamedLikeAPathStaysInsideTheOutput() throws IOException {
        String evil = "../../escaped";
        int k = Shard.of(evil, SHARDS);
        List<Path> given = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            int shard = i;
            given.add(edited(shards.get(i), m -> {
                ((ArrayNode) m.get("wholeClass")).addObject().put("student", evil).putObject("identity")
                        .put("lms", "NONE").put("displayName", evil);
                if (shard == k) {
                    ((ArrayNode) m.get("took")).add(evil);
                }
            }));
        }
        // The folder merge reads is the one a run would make, inside the shard, whatever the name says.
        String folder = ReportFiles.folders(List.of(evil)).get(evil);
        assertThat(folder).doesNotContain("/");
        Path some = Files.list(shards.get(k)).filter(p -> Files.isRegularFile(p.resolve("report.json"))).findFirst().orElseThrow();
        ShardedRuns.copy(some, given.get(k).resolve(folder));
        Path report = given.get(k).resolve(folder).resolve("report.json");
        ObjectNode tree = (ObjectNode) ShardedRuns.JSON.readTree(report.toFile());
        tree.put("student", evil);
        ShardedRuns.JSON.writeValue(report.toFile(), tree);
        Path out = tmp.resolve("deep/er/merged");
        Result r = merge(out, given.toArray(Path[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve(folder).resolve("report.json")).isRegularFile();
        assertThat(tmp.resolve("deep/escaped")).doesNotExist();
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void anOutputFolderThatIsNotEmptyOrIsAShardIsRefused() throws IOException {
        assertRefused(merge(shards.get(0), shards.toArray(Path[]::new)), "is or holds the shard folder");
        assertRefused(merge(one, shards.toArray(Path[]::new)), "is not empty");
    }

    private static void assertRefused(Result r, String reason) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(r.err()).contains(reason);
    }

    /** A copy of the shard folder with its shard.json edited. */
    private Path edited(Path shard, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path copy = ShardedRuns.copy(shard, tmp.resolve(shard.getFileName() + "-" + System.nanoTime()));
        ObjectNode m = (ObjectNode) ShardedRuns.JSON.readTree(copy.resolve(ShardManifest.FILE).toFile());
        edit.accept(m);
        ShardedRuns.JSON.writeValue(copy.resolve(ShardManifest.FILE).toFile(), m);
        return copy;
    }
}
