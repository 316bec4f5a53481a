package dlkit.grader.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlkit.capstone.Dataset;
import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.History;
import dlkit.capstone.Split;
import dlkit.grader.run.Failures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The main class of the sandboxed JVM that trains the student's {@code DigitClassifier} for its
 * training curves (started by {@link StudentCurves}; not for people). Arguments: the output file,
 * the seed, the time limit in milliseconds.
 *
 * <p>It trains as the hidden tests do: the fixed digits split standardised by the REFERENCE
 * standardizer (a wrong Standardizer costs points in its own exercise, not these curves), the
 * student's {@code build} then {@code train} with {@link StudentCurves#BUDGET} epochs, one
 * generator from the seed. One JSON line comes out: the history's lists and best epoch, or the
 * problem (not implemented, an exception, too slow). Student code cannot write to that file (the
 * bytecode policy forbids files), and the JVM halts when done, so an endless loop cannot keep
 * it running.
 */
public final class CurvesMain {

    /** Entries written per list at most: far above the budget, which a wrong train may overrun. */
    static final int MAX_ENTRIES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CurvesMain() {}

    public static void main(String[] args) throws IOException {
        try {
            Path out = Path.of(args[0]);
            long seed = Long.parseLong(args[1]);
            long timeoutMillis = Long.parseLong(args[2]);
            Files.writeString(out, train(seed, timeoutMillis).toString() + "\n", StandardCharsets.UTF_8);
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    /** The digits split as the hidden tests see it: standardised by the reference's statistics of the training part. */
    static Split digits() {
        Split raw = Digits.split();
        var s = dlkit.reference.capstone.Standardizer.fit(raw.train().x());
        return new Split(new Dataset(s.transform(raw.train().x()), raw.train().labels()),
                new Dataset(s.transform(raw.validation().x()), raw.validation().labels()),
                new Dataset(s.transform(raw.test().x()), raw.test().labels()));
    }

    private static ObjectNode train(long seed, long timeoutMillis) {
        Split data = digits();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                RandomGenerator rng = StudentCurves.generator(seed);
                History history = DigitClassifier.train(DigitClassifier.build(rng), data, StudentCurves.BUDGET, rng);
                result.set(history == null ? new NullPointerException("DigitClassifier.train returned null") : history);
            } catch (Throwable t) {
                result.set(t);
            }
        }, "train-digits");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ObjectNode line = JSON.createObjectNode();
        Object r = result.get();
        if (r instanceof History h) {
            numbers(line.putArray("trainLoss"), h.trainLoss());
            numbers(line.putArray("trainAccuracy"), h.trainAccuracy());
            numbers(line.putArray("validationLoss"), h.validationLoss());
            numbers(line.putArray("validationAccuracy"), h.validationAccuracy());
            line.put("epochs", h.epochs());
            line.put("bestEpoch", h.bestEpoch());
        } else if (r instanceof Throwable t) {
            String text = Failures.describe(t);
            int notImplemented = text.indexOf("not implemented yet");
            line.put("problem", notImplemented >= 0 ? text.substring(notImplemented).lines().findFirst().orElse("")
                    : "it threw " + text.lines().findFirst().orElse(""));
        } else {
            line.put("problem", "training took longer than " + timeoutMillis / 1000 + " s (the reference takes under 1 s);"
                    + " look for a loop that never ends");
        }
        return line;
    }

    /** The values as JSON numbers, null for one that is not finite (a diverged run). */
    private static void numbers(ArrayNode array, List<Double> values) {
        for (Double v : values.subList(0, Math.min(values.size(), MAX_ENTRIES))) {
            if (v != null && Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }
}
