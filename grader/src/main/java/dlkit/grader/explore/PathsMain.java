package dlkit.grader.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.grader.run.Failures;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Traces the student's optimisers on each {@link Surface}, in the test JVM after the hidden
 * tests ({@code grade}), or as the main class of a sandboxed JVM of its own ({@code explore};
 * not for people; arguments: the output file, the time limit per path in milliseconds).
 *
 * <p>One JSON line per optimiser and surface, flushed at once: the points, or the problem (not
 * implemented, an exception, too slow). Student code cannot write to that file: the bytecode
 * policy forbids files, as for the hidden tests' results. The JVM halts when done, so a student's
 * endless loop cannot keep it running.
 */
public final class PathsMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PathsMain() {}

    public static void main(String[] args) throws IOException {
        try {
            write(Path.of(args[0]), Long.parseLong(args[1]));
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Traces every optimiser on every surface into {@code out}, each with {@code timeoutMillis}; also run by the test JVM after the tests. */
    public static void write(Path out, long timeoutMillis) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (OptimizerKind kind : OptimizerKind.values()) {
                for (Surface surface : Surface.values()) {
                    writer.write(trace(kind, surface, timeoutMillis).toString());
                    writer.write('\n');
                    writer.flush();
                }
            }
        }
    }

    private static ObjectNode trace(OptimizerKind kind, Surface surface, long timeoutMillis) {
        ObjectNode line = JSON.createObjectNode();
        line.put("optimizer", kind.name());
        line.put("surface", surface.name());
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(PathTracer.trace(PathTracer.student(kind, surface), surface));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "trace-" + kind);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Object r = result.get();
        if (r instanceof PathTracer.Trace trace) {
            ArrayNode points = line.putArray("points");
            trace.points().forEach(p -> points.addArray().add(p[0]).add(p[1]));
            line.put("diverged", trace.diverged());
        } else if (r instanceof Throwable t) {
            String text = Failures.describe(t);
            int notImplemented = text.indexOf("not implemented yet");
            line.put("problem", notImplemented >= 0 ? text.substring(notImplemented).lines().findFirst().orElse("")
                    : "it threw " + text.lines().findFirst().orElse(""));
        } else {
            line.put("problem", "it took longer than " + timeoutMillis / 1000 + " s for " + surface.steps()
                    + " steps; look for a loop that never ends");
        }
        return line;
    }
}
