package dlkit.grader.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlkit.grader.run.Failures;
import dlkit.grader.run.TimeLimit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Traces the student's optimisers on each {@link Surface}, in the test JVM after the hidden
 * tests ({@code grade}), or as the main class of a sandboxed JVM of its own ({@code explore};
 * not for people; arguments: the output file, the time limit per path in milliseconds).
 *
 * <p>One JSON line per optimiser and surface, flushed at once: the points, or the problem (not
 * implemented, an exception, too slow). Student code should not write to that file (the bytecode
 * policy forbids files); if it did, it would change only its own plots: the grader reads the file
 * for the plots, never for scores (those come over the results channel). The JVM halts when done,
 * so a student's endless loop cannot keep it running.
 */
public final class PathsMain {

    private static final JsonFactory JSON = new JsonFactory();

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
                    writer.write(trace(kind, surface, timeoutMillis));
                    writer.write('\n');
                    writer.flush();
                }
            }
        }
    }

    /** One JSON line, written with Jackson's streaming writer (its object mapper would add a fifth to the test JVM's start). */
    private static String trace(OptimizerKind kind, Surface surface, long timeoutMillis) throws IOException {
        Object r = TimeLimit.run("trace-" + kind, timeoutMillis,
                () -> PathTracer.trace(PathTracer.student(kind, surface), surface));
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("optimizer", kind.name());
            json.writeStringField("surface", surface.name());
            if (r instanceof PathTracer.Trace trace) {
                json.writeArrayFieldStart("points");
                for (double[] p : trace.points()) {
                    json.writeArray(p, 0, 2);
                }
                json.writeEndArray();
                json.writeBooleanField("diverged", trace.diverged());
            } else {
                json.writeStringField("problem", r instanceof Throwable t ? Failures.inOneLine(t)
                        : "it took longer than " + timeoutMillis / 1000 + " s for " + surface.steps()
                        + " steps; look for a loop that never ends");
            }
            json.writeEndObject();
        }
        return text.toString();
    }
}
