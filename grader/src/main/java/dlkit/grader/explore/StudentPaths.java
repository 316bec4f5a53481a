package dlkit.grader.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The student's and the reference's optimiser paths on every {@link Surface}. The student's are
 * traced by {@link PathsMain} in the test JVM after the hidden tests, or for {@code explore} in a
 * JVM started exactly like it (same launcher, memory cap and class path, policy-checked classes),
 * never in the grader's own JVM; the reference's are traced here.
 */
public final class StudentPaths {

    /** Time for one optimiser on one surface in the sandboxed JVM. */
    static final Duration PER_PATH = Duration.ofSeconds(5);
    /** The student's paths, one JSON line each, in the submission's work folder. */
    static final String FILE = "paths.jsonl";
    /** The sandboxed JVM's output file is read only up to this size. */
    static final long MAX_BYTES = 4L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Pair> reference;

    private StudentPaths() {}

    /**
     * One optimiser on one surface.
     *
     * @param student the student's path, or null when there is none
     * @param problem why there is no student path (not implemented, an exception, too slow), or null
     */
    public record Pair(OptimizerKind kind, Surface surface, PathTracer.Trace reference, PathTracer.Trace student,
                       String problem) {

        /** The first step (1-based) where the student's point is not the reference's, or 0 if none. */
        public int firstDeparture() {
            if (student == null) {
                return 0;
            }
            int n = Math.min(student.points().size(), reference.points().size());
            for (int k = 0; k < n; k++) {
                double[] s = student.points().get(k);
                double[] r = reference.points().get(k);
                double scale = Math.max(1e-8, Math.abs(r[0]) + Math.abs(r[1]) + Math.abs(s[0]) + Math.abs(s[1]));
                if (Math.max(Math.abs(s[0] - r[0]), Math.abs(s[1] - r[1])) / scale > 1e-6) {
                    return Math.max(1, k);
                }
            }
            return student.points().size() == reference.points().size() ? 0 : n;
        }
    }

    /** The reference's paths only, in the order of {@link OptimizerKind} then {@link Surface}; traced once per run. */
    public static synchronized List<Pair> referenceOnly() {
        if (reference == null) {
            reference = List.copyOf(traceReference());
        }
        return reference;
    }

    private static List<Pair> traceReference() {
        List<Pair> pairs = new ArrayList<>();
        for (OptimizerKind kind : OptimizerKind.values()) {
            for (Surface surface : Surface.values()) {
                pairs.add(new Pair(kind, surface, PathTracer.trace(PathTracer.reference(kind, surface), surface), null, null));
            }
        }
        return pairs;
    }

    /** {@link dlkit.grader.run.ChildMain}'s option that traces the paths into {@code workDir} after the tests; see {@link #read}. */
    public static List<String> afterTests(TestRunner runner, Path workDir) throws IOException {
        Path out = workDir.resolve(FILE);
        runner.writableByTestJvm(out);
        return List.of(dlkit.grader.run.ChildMain.THEN, PathsMain.class.getName() + "," + out + "," + PER_PATH.toMillis());
    }

    /**
     * Traces the student's optimisers, compiled and policy-checked in {@code classes}, in a JVM
     * of their own from {@code runner}, working in {@code workDir}; pairs them with the reference's.
     */
    public static List<Pair> trace(TestRunner runner, Path classes, Path workDir) throws IOException, InterruptedException {
        Path out = workDir.resolve(FILE);
        runner.writableByTestJvm(out);
        int count = OptimizerKind.values().length * Surface.values().length;
        Process process = runner.jvm(classes, 0, PathsMain.class.getName(),
                List.of(out.toString(), Long.toString(PER_PATH.toMillis())), workDir)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(30 + PER_PATH.toSeconds() * count, TimeUnit.SECONDS)) {
                TestRunner.stop(process);
            }
        } finally {
            TestRunner.stop(process);
        }
        return read(workDir);
    }

    /** The student's paths traced into {@code workDir} (by {@link #trace} or after the tests), paired with the reference's. */
    public static List<Pair> read(Path workDir) throws IOException {
        Path out = workDir.resolve(FILE);
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(out) && Files.size(out) <= MAX_BYTES) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    break; // cut short when the JVM stopped
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Pair reference : referenceOnly()) {
            JsonNode line = lines.stream().filter(l -> l.path("optimizer").asText().equals(reference.kind().name())
                    && l.path("surface").asText().equals(reference.surface().name())).findFirst().orElse(null);
            pairs.add(pair(reference, line));
        }
        return pairs;
    }

    private static Pair pair(Pair reference, JsonNode line) {
        if (line == null) {
            return new Pair(reference.kind(), reference.surface(), reference.reference(), null,
                    "the JVM that runs your code stopped before drawing this path (a crash, or out of memory)");
        }
        if (line.hasNonNull("problem")) {
            String problem = line.get("problem").asText();
            return new Pair(reference.kind(), reference.surface(), reference.reference(), null,
                    problem.length() > 500 ? problem.substring(0, 500) + " ..." : problem);
        }
        List<double[]> points = new ArrayList<>();
        for (JsonNode p : line.path("points")) {
            double x = p.path(0).asDouble(Double.NaN);
            double y = p.path(1).asDouble(Double.NaN);
            if (!Double.isFinite(x) || !Double.isFinite(y) || points.size() > reference.surface().steps()) {
                break;
            }
            points.add(new double[] {x, y});
        }
        if (points.isEmpty()) {
            return new Pair(reference.kind(), reference.surface(), reference.reference(), null, "no path came back");
        }
        return new Pair(reference.kind(), reference.surface(), reference.reference(),
                new PathTracer.Trace(points, line.path("diverged").asBoolean()), null);
    }
}
