package dlkit.grader.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlkit.capstone.History;
import dlkit.grader.api.GradedTraining;
import dlkit.grader.run.Failures;
import dlkit.grader.run.TimeLimit;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The student's {@code DigitClassifier} training history, for the capstone's training curves:
 * written by the test JVM after the hidden tests ({@code grade}), or as the main class of a
 * sandboxed JVM of its own ({@code explore}; not for people; arguments: the output file, the time
 * limit in milliseconds; the seed is the JVM's grading seed).
 *
 * <p>The history is that of the hidden tests' own training run
 * ({@value #GRADED_BY}, read as a {@link GradedTraining}): the fixed digits split standardised by the
 * REFERENCE standardizer, the student's {@code build} then {@code train} with the grading budget,
 * one generator from the seed. One JSON line comes out: the history's lists and best epoch, or
 * the problem (not implemented, an exception, too slow). Student code should not write to that
 * file (the bytecode policy forbids files); if it did, it would change only its own plots, which
 * is all the grader reads it for. The JVM halts when done, so an endless loop cannot keep it running.
 */
public final class CurvesMain {

    /** Entries written per list at most: far above the budget, which a wrong train may overrun. */
    static final int MAX_ENTRIES = 1000;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The hidden tests' graded run, by name: the engine never links a hidden test (an
     * architecture test checks it); StudentCurvesTest proves the name holds.
     */
    static final String GRADED_BY = "dlkit.hidden.capstone.DigitClassifierHiddenTest$Curves";

    private CurvesMain() {}

    public static void main(String[] args) throws IOException {
        try {
            write(Path.of(args[0]), Long.parseLong(args[1]));
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    /**
     * Writes the history of the hidden tests' training run (trained now if they have not run in
     * this JVM), waiting at most {@code timeoutMillis}, to {@code out}; also run by the test JVM
     * after the tests.
     */
    public static void write(Path out, long timeoutMillis) throws IOException {
        GradedTraining run = graded();
        Object r = TimeLimit.run("DigitClassifier.train", timeoutMillis, run::history);
        StringWriter text = new StringWriter();
        // Jackson's streaming writer: its object mapper would add a fifth to the test JVM's start.
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            if (r instanceof History h) {
                numbers(json, "trainLoss", h.trainLoss());
                numbers(json, "trainAccuracy", h.trainAccuracy());
                numbers(json, "validationLoss", h.validationLoss());
                numbers(json, "validationAccuracy", h.validationAccuracy());
                json.writeNumberField("epochs", h.epochs());
                json.writeNumberField("bestEpoch", h.bestEpoch());
                json.writeNumberField("testAccuracy", run.testAccuracy());
            } else {
                json.writeStringField("problem", r instanceof Throwable t ? Failures.inOneLine(t)
                        : "training took longer than " + timeoutMillis / 1000 + " s (the reference takes under 1 s);"
                        + " look for a loop that never ends");
            }
            json.writeEndObject();
        }
        Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
    }

    /** The hidden tests' graded run, loaded as the tests load their classes here: by this class's loader. */
    static GradedTraining graded() {
        try {
            return (GradedTraining) Class.forName(GRADED_BY, true, CurvesMain.class.getClassLoader())
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the capstone's graded run " + GRADED_BY + " is missing", e);
        }
    }

    /** The values as JSON numbers, null for one that is not finite (a diverged run). */
    private static void numbers(JsonGenerator json, String name, List<Double> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (Double v : values.subList(0, Math.min(values.size(), MAX_ENTRIES))) {
            if (v != null && Double.isFinite(v)) {
                json.writeNumber(v);
            } else {
                json.writeNull();
            }
        }
        json.writeEndArray();
    }
}
