package dlkit.grader.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlkit.grader.api.Disguise;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.ToReference;
import dlkit.grader.explore.TrainingCurves.Epochs;
import dlkit.grader.report.HtmlReport.Figure;
import dlkit.grader.run.TestRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The capstone's training curves: the history of the student's {@code DigitClassifier} in the
 * hidden tests' own training run, written by {@link CurvesMain} in the test JVM after the tests,
 * or for {@code explore} in a JVM started exactly like it (same launcher, memory cap and class
 * path, policy-checked classes), never in the grader's own JVM; the reference trained here, from
 * the same seed, for comparison.
 */
public final class StudentCurves {

    /** The history, one JSON line, in the submission's work folder. */
    static final String FILE_NAME = "curves.json";
    /** The exercise file whose page shows the curves. */
    public static final String FILE = "dlkit/capstone/DigitClassifier.java";
    /** The epochs allowed, as in the hidden tests: the reference's MAX_EPOCHS. */
    static final int BUDGET = dlkit.reference.capstone.DigitClassifier.MAX_EPOCHS;
    /** Time for the student's build and train in the sandboxed JVM (the reference takes under 1 s there). */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    /** The seed of {@code explore}, which has no grading run. */
    public static final long EXPLORE_SEED = 1;
    /** The sandboxed JVM's output file is read only up to this size (a history of 40 epochs takes about 4 KB). */
    static final long MAX_BYTES = 1L << 20;
    /** A number further from 0 than this is not drawn (it would flatten every other point). */
    private static final double LARGEST = 1e12;
    /** The hidden tests' name for the training run's generator, so the curves are of the run they grade. */
    private static final String RUN = "capstone: DigitClassifier on the digits";
    /** The hidden tests' name for the generator of the digits' disguise. */
    private static final String DISGUISE = "capstone: the digits' disguise for DigitClassifier";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static long referenceSeed;
    private static Epochs reference;

    private StudentCurves() {}

    /**
     * What came back from the student's training.
     *
     * @param run     the history, or null when there is none
     * @param problem why there is no history (not implemented, an exception, too slow), or null
     */
    public record Result(Epochs run, String problem, double testAccuracy) {
        /** Without a test accuracy (NaN): a problem, or a history from an older writer. */
        public Result(Epochs run, String problem) {
            this(run, problem, Double.NaN);
        }
    }

    /** The generator that builds and trains the model, a pure function of the seed. */
    static RandomGenerator generator(long seed) {
        return GradingRandom.forTest(seed, RUN);
    }

    /** {@link dlkit.grader.run.ChildMain}'s option that writes the history into {@code workDir} after the tests; see {@link #read(Path)}. */
    public static List<String> afterTests(TestRunner runner, Path workDir, Duration limit) throws IOException {
        Path out = workDir.resolve(FILE_NAME);
        runner.writableByTestJvm(out);
        return List.of(dlkit.grader.run.ChildMain.THEN, CurvesMain.class.getName() + "," + out + "," + limit.toMillis());
    }

    /**
     * Trains the student's classifier, compiled and policy-checked in {@code classes}, in a JVM
     * of its own from {@code runner} with the grading seed {@code seed}, working in
     * {@code workDir}, with at most {@code limit} for build and train.
     */
    public static Result trace(TestRunner runner, Path classes, Path workDir, long seed, Duration limit)
            throws IOException, InterruptedException {
        runner.writableByTestJvm(workDir.resolve(FILE_NAME));
        Process process = runner.jvm(classes, seed, CurvesMain.class.getName(),
                List.of(workDir.resolve(FILE_NAME).toString(), Long.toString(limit.toMillis())), workDir)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Beyond the training's own limit: the JVM's start and reading the digits.
            if (!process.waitFor(limit.toSeconds() + 30, TimeUnit.SECONDS)) {
                TestRunner.stop(process);
            }
        } finally {
            TestRunner.stop(process);
        }
        return read(workDir);
    }

    /** The history written into {@code workDir} (by {@link #trace} or after the tests), checked. */
    public static Result read(Path workDir) throws IOException {
        Path out = workDir.resolve(FILE_NAME);
        if (!Files.exists(out) || Files.size(out) == 0 || Files.size(out) > MAX_BYTES) {
            return new Result(null, "the JVM that runs your code stopped before training ended (a crash, or out of memory)");
        }
        try {
            return read(JSON.readTree(Files.readString(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Result(null, "the JVM that runs your code stopped while writing the history");
        }
    }

    /** The checked history of {@link CurvesMain}'s line: every list of one length, every entry a number or null. */
    static Result read(JsonNode line) {
        if (line.hasNonNull("problem")) {
            String problem = line.get("problem").asText();
            return new Result(null, problem.length() > 500 ? problem.substring(0, 500) + " ..." : problem);
        }
        List<List<Double>> lists = new ArrayList<>();
        for (String name : List.of("trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy")) {
            JsonNode array = line.path(name);
            if (!array.isArray() || array.size() > CurvesMain.MAX_ENTRIES) {
                return new Result(null, "the history came back malformed (" + name + ")");
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode v : array) {
                if (!v.isNumber() && !v.isNull()) {
                    return new Result(null, "the history came back malformed (" + name + ")");
                }
                double x = v.isNumber() ? v.asDouble() : Double.NaN;
                values.add(Math.abs(x) <= LARGEST ? x : Double.NaN);
            }
            lists.add(values);
        }
        int n = lists.get(0).size();
        if (n == 0 || lists.stream().anyMatch(l -> l.size() != n)) {
            return new Result(null, n == 0 ? "DigitClassifier.train returned a history of no epochs"
                    : "the history came back malformed (lists of different lengths)");
        }
        int best = line.path("bestEpoch").asInt(-1);
        double accuracy = line.path("testAccuracy").isNumber() ? line.get("testAccuracy").asDouble() : Double.NaN;
        return new Result(new Epochs(lists.get(0), lists.get(1), lists.get(2), lists.get(3), best >= 0 && best < n ? best : -1),
                null, accuracy >= 0 && accuracy <= 1 ? accuracy : Double.NaN);
    }

    /** The reference's run from {@code seed}, trained in this JVM (trusted code); the last one is kept. */
    public static synchronized Epochs reference(long seed) {
        if (reference == null || referenceSeed != seed) {
            // The digits in the run's disguise, as the hidden test trains on them. Standardising column by
            // column after the pixels are reordered gives the same numbers, bit for bit, as before.
            var disguised = Disguise.of(dlkit.capstone.Digits.split(), GradingRandom.forTest(seed, DISGUISE),
                    Disguise.PixelMove.ANY_ORDER);
            var data = dlkit.reference.capstone.Standardizer.standardize(ToReference.split(disguised));
            RandomGenerator rng = generator(seed);
            // As the hidden test draws them: build and train each from a generator of its own.
            RandomGenerator forBuild = GradingRandom.child(rng);
            RandomGenerator forTrain = GradingRandom.child(rng);
            var h = dlkit.reference.capstone.DigitClassifier.train(dlkit.reference.capstone.DigitClassifier.build(forBuild),
                    data.train(), data.validation(), BUDGET, forTrain);
            reference = new Epochs(h.trainLoss(), h.trainAccuracy(), h.validationLoss(), h.validationAccuracy(), h.bestEpoch());
            referenceSeed = seed;
        }
        return reference;
    }

    /**
     * Draws {@code digits-loss.png} and {@code digits-accuracy.png} into {@code folder}: the
     * student's curves with the reference's validation curve in thin grey, or the reference's
     * alone with the problem in the caption.
     */
    public static List<Figure> write(Result result, Epochs reference, long seed, Path folder) throws IOException {
        String about = "Trained as the hidden tests train it: the digits standardised, build then train with "
                + BUDGET + " epochs at most, from seed " + seed + ". ";
        if (result.run() == null) {
            return TrainingCurves.write(reference, null, "DigitClassifier (reference)", "digits", folder,
                    about + "Only the reference is drawn: " + result.problem() + ".");
        }
        Epochs run = result.run();
        String verdict = "";
        int diverged = firstNotFinite(run);
        if (diverged >= 0) {
            verdict += "The loss is not a number from epoch " + (diverged + 1)
                    + " on: the training diverged (those epochs are left out). ";
        }
        if (run.trainLoss().size() > BUDGET) {
            verdict += "It ran " + run.trainLoss().size() + " epochs, more than maxEpochs = " + BUDGET + ". ";
        }
        if (!Double.isNaN(result.testAccuracy())) {
            verdict += String.format(Locale.ROOT, "Test accuracy of this run: %.4f, which the accuracy bands above grade. ",
                    result.testAccuracy());
        }
        return TrainingCurves.write(run, reference, "DigitClassifier", "digits", folder,
                about + verdict + "The thin grey line is the reference's validation curve, from the same seed.");
    }

    private static int firstNotFinite(Epochs run) {
        for (int e = 0; e < run.trainLoss().size(); e++) {
            if (!Double.isFinite(run.trainLoss().get(e)) || !Double.isFinite(run.validationLoss().get(e))) {
                return e;
            }
        }
        return -1;
    }
}
