package dlkit.grader.bench;

import dlkit.grader.kit.Kit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What sharding costs on one machine: a class graded in one run against the same class graded as
 * SHARDS shards one after another plus their merge, each a JVM of its own as on a cluster
 * ({@code grade --shard K/N}, then {@code merge}); and a shard's fixed cost, a shard that holds
 * no student (the grader's start, the kit, reading the whole class folder, the class's files).
 * Not a test: run it from the top folder after {@code mvn -B -q package -DskipTests}:
 * <pre>
 *   java -cp "grader/target/dlkit-grader.jar:grader/target/lib/*" dlkit.grader.bench.ShardedBenchmark [STUDENTS] [SHARDS]
 * </pre>
 * The class is {@link GradingBenchmark}'s (default 40 students, 4 shards), graded with its options
 * ({@code --jobs 2 --seed 1}) and without the plots.
 */
public final class ShardedBenchmark {

    private ShardedBenchmark() {}

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("dlkit-bench-shards-");
        try {
            Path klass = GradingBenchmark.makeClass(root, work.resolve("class"), students, false);
            // Untimed: warms the file cache and fills the benchmark's own cache (the class-data sharing archive).
            GradingBenchmark.warmUp(root, work);
            double one = GradingBenchmark.engine(root, klass, work.resolve("one"), List.of("--no-plots"));
            List<String> merge = new ArrayList<>(List.of(java(), "-jar", root.resolve("grader/target/dlkit-grader.jar").toString(), "merge"));
            double inTurn = 0;
            List<Double> each = new ArrayList<>();
            for (int k = 1; k <= shards; k++) {
                Path out = work.resolve("shard-" + k);
                double t = GradingBenchmark.engine(root, klass, out, List.of("--no-plots", "--shard", k + "/" + shards));
                each.add(t);
                inTurn += t;
                merge.add(out.toString());
            }
            merge.addAll(List.of("--out", work.resolve("merged").toString()));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(merge).redirectErrorStream(true).redirectOutput(work.resolve("merge.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("merge failed: " + Files.readString(work.resolve("merge.log")));
            }
            double merged = (System.nanoTime() - start) / 1e9;
            // A shard with no student of this class: what every shard pays whatever its share.
            int n = 1000;
            int empty = emptyShard(klass, n);
            double fixed = GradingBenchmark.engine(root, klass, work.resolve("empty"), List.of("--no-plots", "--shard", empty + "/" + n));
            System.out.printf(Locale.ROOT, "one run of %d submissions, 2 jobs: %.1f s%n", students, one);
            System.out.printf(Locale.ROOT, "the same as %d shards in turn: %s s, together %.1f s, plus the merge %.1f s: %.1f s, "
                    + "%.3f times one run%n", shards, String.join(" + ", each.stream().map(t -> String.format(Locale.ROOT, "%.1f", t))
                    .toList()), inTurn, merged, inTurn + merged, (inTurn + merged) / one);
            System.out.printf(Locale.ROOT, "a shard's fixed cost (a shard with none of the %d students): %.1f s%n", students, fixed);
        } finally {
            Kit.deleteRecursively(work);
        }
    }

    /** A shard of {@code n}, from 1, that holds none of the class's students (named by their folders). */
    private static int emptyShard(Path klass, int n) throws java.io.IOException {
        boolean[] taken = new boolean[n];
        try (var entries = Files.list(klass)) {
            entries.forEach(p -> taken[dlkit.grader.grade.Shard.of(p.getFileName().toString(), n)] = true);
        }
        for (int k = 0; k < n; k++) {
            if (!taken[k]) {
                return k + 1;
            }
        }
        throw new IllegalStateException("every one of " + n + " shards holds a student");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
