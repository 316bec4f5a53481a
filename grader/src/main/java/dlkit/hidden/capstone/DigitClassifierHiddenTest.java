package dlkit.hidden.capstone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dlkit.capstone.Dataset;
import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.History;
import dlkit.capstone.Split;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.CountedRandom;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.GradedTraining;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dense;
import dlkit.layers.Dropout;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capstone classifier, built and trained by the student's own code (their Dense, ReLU,
 * Dropout, Sequential, SoftmaxCrossEntropy, L2Penalty, Adam, MiniBatches, Schedules and
 * EarlyStopping), on the digits standardised by the reference. The accuracy bands share one
 * training run, seeded from the grading run, with a budget of {@value #BUDGET} epochs. The
 * bands are not statistical tests with a computed false-failure bound: they are set below what
 * the reference reaches, whose lowest test accuracy over 200 seeds is 0.9444 (20 of 360 images
 * wrong, where the top band 0.93 allows 25; see the DigitClassifier Javadoc). The other tests
 * are exact: a correct shuffle repeats an order with probability 1/n! (n >= 80), below 1e-118.
 * Each call to build or train gets a generator of its own and must draw from it, or the test
 * that made the call scores 0 (Check.drewFrom, last in each test, so that a mistake the other
 * checks name is the one reported): a network built and shuffled from a fixed seed would be the
 * same network in every grading run.
 *
 * <p>Time, in the grader's test JVM (C1 only) on 2 cores: the shared run takes about 0.8 s
 * with the reference (10 epochs, reading the digits included), in whichever test asks first;
 * the transfer-learning run about 0.4 s; every other capstone test well under 0.5 s. Each test here may take 30 s (the class's
 * {@code @Timeout}), whatever the grading run's per-test timeout.
 */
@Grades(value = DigitClassifier.class, ownParts = true)
@ExtendWith(GradingRandom.class)
// Training takes seconds: 30 s a test, whatever --timeout-per-test says, keeps a busy machine from failing a correct network.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class DigitClassifierHiddenTest {

    private static final Known NOT_SHUFFLED = new Known("DigitClassifier/no-shuffle",
            "the training part is not shuffled (MiniBatches.shuffledIndices)");
    private static final Known SHUFFLED_ONCE = new Known("DigitClassifier/shuffled-once",
            "the training part is shuffled once, not afresh each epoch");
    private static final Known INFERENCE_MODE = new Known("DigitClassifier/training-in-inference-mode",
            "training steps in inference mode (setTraining(false)), so dropout was off while training; call"
                    + " setTraining(true) before each epoch's batches");
    private static final Known NOT_RESTORED = new Known("DigitClassifier/best-weights-not-restored",
            "the best epoch's weights not restored at the end (EarlyStopping.restoreBestWeights)");

    /** The epochs a grading run allows: the reference's MAX_EPOCHS, whatever the student's file says. */
    static final int BUDGET = dlkit.reference.capstone.DigitClassifier.MAX_EPOCHS;

    private record Run(double testAccuracy, History history, String seed, CountedRandom forBuild, CountedRandom forTrain) {}

    private static Run run;
    private static RuntimeException runFailure;

    /** Trains once per grading run (the first test to ask pays the time), from the run's seed. */
    private static synchronized Run digitsRun() {
        if (run == null && runFailure == null) {
            try {
                RandomGenerator rng = GradingRandom.forTest(GradingRandom.runSeed(), "capstone: DigitClassifier on the digits");
                Split data = CapstoneData.digits();
                CountedRandom forBuild = CountedRandom.child(rng);
                CountedRandom forTrain = CountedRandom.child(rng);
                Sequential model = DigitClassifier.build(forBuild);
                // The test part stays here: train gets copies of the other two parts only.
                History history = DigitClassifier.train(model, Given.of("train", data.train()).student(),
                        Given.of("validation", data.validation()).student(), BUDGET, forTrain);
                model.setTraining(false);
                double accuracy = correct(model.forward(data.test().x()), data.test().labels()) / (double) data.test().size();
                run = new Run(accuracy, history, "run seed " + GradingRandom.runSeed(), forBuild, forTrain);
            } catch (RuntimeException e) {
                runFailure = e;
            }
        }
        if (runFailure != null) {
            throw runFailure;
        }
        return run;
    }

    /**
     * The history of the training run the accuracy bands grade, trained now if no test has asked
     * yet: the training curves of the student's report are of this very run.
     */
    public static History gradedHistory() {
        return digitsRun().history();
    }

    /** The test accuracy the bands grade, of the same run as {@link #gradedHistory}: shown on the student's page. */
    public static double gradedTestAccuracy() {
        return digitsRun().testAccuracy();
    }

    /** The graded run for the engine's training curves (named by {@code CurvesMain}, which must not link this test). */
    public static final class Curves implements GradedTraining {
        @Override
        public History history() {
            return gradedHistory();
        }

        @Override
        public double testAccuracy() {
            return gradedTestAccuracy();
        }
    }

    /**
     * The graded run, once it is known to draw from the generators it was given: a network built
     * and shuffled from a fixed seed of its own would score the same in every grading run.
     */
    private static Run gradedRun() {
        Run r = digitsRun();
        Check.drewFrom("DigitClassifier.build", r.forBuild());
        Check.drewFrom("DigitClassifier.train", r.forTrain());
        return r;
    }

    private static void requireBand(double band) {
        Run r = gradedRun();
        assertThat(r.history().epochs()).as("epochs DigitClassifier.train ran with maxEpochs = " + BUDGET).isLessThanOrEqualTo(BUDGET);
        assertThat(r.testAccuracy()).as("test accuracy of DigitClassifier.build + train on the digits (" + r.seed()
                + ", " + r.history().epochs() + " epochs); this band needs at least " + band).isGreaterThanOrEqualTo(band);
    }

    @Test
    @Points(2)
    void testAccuracyAtLeast080(RandomGenerator rng) {
        requireBand(0.80);
    }

    @Test
    @Points(2)
    void testAccuracyAtLeast090(RandomGenerator rng) {
        requireBand(0.90);
    }

    @Test
    @Points(4)
    void testAccuracyAtLeast093(RandomGenerator rng) {
        requireBand(0.93);
    }

    @Test
    @Points(1)
    void aScheduleChangesTheLearningRate(RandomGenerator rng) {
        History h = gradedRun().history();
        assertThat(h.learningRate().stream().distinct().count())
                .as("distinct learning rates in the history of DigitClassifier.train over " + h.epochs()
                        + " epochs: " + h.learningRate()).isGreaterThan(1);
    }

    @Test
    @Points(1)
    void buildUsesDenseLayersAndDropout(RandomGenerator rng) {
        CountedRandom forBuild = CountedRandom.child(rng);
        Sequential model = DigitClassifier.build(forBuild);
        Check.drewFrom("DigitClassifier.build", forBuild);
        int n = Draw.size(rng, 1, 9);

        DMatrixRMaj logits = model.forward(Draw.normal(rng, n, Digits.FEATURES, 1.0));

        assertThat(logits.numRows * 100 + logits.numCols).as("shape (N, 10) of the logits of DigitClassifier.build's model on "
                + n + " images, as 100 N + 10").isEqualTo(n * 100 + 10);
        assertThat(model.layers()).as("layers of DigitClassifier.build's model").anyMatch(l -> l instanceof Dense)
                .anyMatch(l -> l instanceof Dropout);
    }

    @Test
    @Points(1)
    void accuracyMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 5, 40);
        int c = Draw.size(rng, 2, 10);
        DMatrixRMaj logits = Draw.normal(rng, n, c, 2.0);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(c);
        }
        Layer fixed = new Layer() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj x) {
                return logits.copy();
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                throw new UnsupportedOperationException("accuracy needs no backward pass");
            }
        };

        double expected = correct(logits, labels) / (double) n;
        Given<int[]> given = Given.of("labels", labels);
        Check.close("DigitClassifier.accuracy of " + n + " rows of logits over " + c + " classes",
                DigitClassifier.accuracy(fixed, new DMatrixRMaj(n, 3), given.student()), expected, 1e-12);
        Given.unchanged("DigitClassifier.accuracy", given);
    }

    @Test
    @Points(2)
    void trainingStepsRunInTrainingMode(RandomGenerator rng) {
        Split data = CapstoneData.random(rng, Draw.size(rng, 80, 140), Draw.size(rng, 20, 40));
        SpyModel spy = new SpyModel(DigitClassifier.build(rng));
        Given<Dataset> train = Given.of("train", data.train());
        Given<Dataset> validation = Given.of("validation", data.validation());

        CountedRandom forTrain = CountedRandom.child(rng);
        DigitClassifier.train(spy, train.student(), validation.student(), 3, forTrain);

        Given.unchanged("DigitClassifier.train", train, validation);
        List<SpyModel.Pass> steps = spy.steps();
        assertThat(steps).as("training steps (a forward pass, then backward) in DigitClassifier.train").isNotEmpty();
        long inInference = steps.stream().filter(p -> !p.training).count();
        Check.holds(inInference + " of " + steps.size() + " training steps of DigitClassifier.train ran in inference mode"
                + " (none may)", inInference == 0, INFERENCE_MODE);
        Check.drewFrom("DigitClassifier.train", forTrain);
    }

    @Test
    @Points(1)
    void validationRunsInInferenceMode(RandomGenerator rng) {
        Split data = CapstoneData.random(rng, Draw.size(rng, 80, 140), Draw.size(rng, 20, 40));
        SpyModel spy = new SpyModel(DigitClassifier.build(rng));

        CountedRandom forTrain = CountedRandom.child(rng);
        History history = DigitClassifier.train(spy, Given.of("train", data.train()).student(),
                Given.of("validation", data.validation()).student(), 3, forTrain);

        List<SpyModel.Pass> validation = spy.passes.stream()
                .filter(p -> Arrays.equals(p.input.data, 0, p.input.getNumElements(), data.validation().x().data, 0,
                        data.validation().x().getNumElements()) && p.input.numRows == data.validation().size())
                .toList();
        assertThat(validation.size()).as("forward passes on the whole validation part in DigitClassifier.train, one per epoch")
                .isGreaterThanOrEqualTo(history.epochs());
        assertThat(validation).as("the validation passes of DigitClassifier.train must run in inference mode"
                + " (setTraining(false)), or dropout makes the validation loss noisy").noneMatch(p -> p.training);
        Check.drewFrom("DigitClassifier.train", forTrain);
    }

    @Test
    @Points(3)
    void shufflesTheTrainingPartAfreshEachEpoch(RandomGenerator rng) {
        int n = Draw.size(rng, 80, 140);
        Split data = CapstoneData.random(rng, n, Draw.size(rng, 20, 40));
        SpyModel spy = new SpyModel(DigitClassifier.build(rng));

        CountedRandom forTrain = CountedRandom.child(rng);
        History history = DigitClassifier.train(spy, Given.of("train", data.train()).student(),
                Given.of("validation", data.validation()).student(), 3, forTrain);

        Map<List<Double>, Integer> indexOfRow = new HashMap<>();
        for (int i = 0; i < n; i++) {
            indexOfRow.put(row(data.train().x(), i), i);
        }
        List<Integer> visited = new ArrayList<>();
        for (SpyModel.Pass step : spy.steps()) {
            for (int i = 0; i < step.input.numRows; i++) {
                Integer index = indexOfRow.get(row(step.input, i));
                if (index == null) {
                    fail("a training step of DigitClassifier.train fed the model a row that is not a training sample");
                }
                visited.add(index);
            }
        }
        int epochs = history.epochs();
        assertThat(visited.size()).as("samples fed to training steps in " + epochs + " epochs of " + n
                + " training samples (each epoch visits each sample once, the last smaller batch kept)").isEqualTo(epochs * n);
        assertThat(epochs).as("epochs run by DigitClassifier.train with maxEpochs = 3 (patience >= 1 allows at least 2)")
                .isGreaterThanOrEqualTo(2);
        List<List<Integer>> orders = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            List<Integer> order = visited.subList(e * n, (e + 1) * n);
            assertThat(order.stream().distinct().count()).as("distinct training samples in epoch " + e
                    + " of DigitClassifier.train (each of the " + n + " exactly once)").isEqualTo(n);
            orders.add(order);
        }
        // A correct shuffle gives the file's order, or repeats an epoch's order, with probability
        // 1/n! each (n >= 80: below 1e-118).
        List<Integer> identity = java.util.stream.IntStream.range(0, n).boxed().toList();
        Check.holds("the order of epoch 0 differs from the data's own order", !orders.get(0).equals(identity), NOT_SHUFFLED);
        for (int e = 1; e < epochs; e++) {
            Check.holds("the order of epoch " + e + " differs from epoch " + (e - 1) + "'s",
                    !orders.get(e).equals(orders.get(e - 1)), SHUFFLED_ONCE);
        }
        Check.drewFrom("DigitClassifier.train", forTrain);
    }

    @Test
    @Points(1)
    void restoresTheWeightsOfTheBestEpoch(RandomGenerator rng) {
        // Random labels: nothing generalises, so the validation loss soon rises and early
        // stopping stops after its best epoch, whose weights must be put back.
        Split data = CapstoneData.random(rng, Draw.size(rng, 100, 160), Draw.size(rng, 60, 90));
        Sequential model = DigitClassifier.build(rng);

        CountedRandom forTrain = CountedRandom.child(rng);
        History h = DigitClassifier.train(model, Given.of("train", data.train()).student(),
                Given.of("validation", data.validation()).student(), 30, forTrain);

        int argmin = 0;
        for (int e = 1; e < h.epochs(); e++) {
            if (h.validationLoss().get(e) < h.validationLoss().get(argmin)) {
                argmin = e;
            }
        }
        assertThat(h.bestEpoch()).as("bestEpoch of DigitClassifier.train's history: the epoch of the lowest validation loss "
                + h.validationLoss()).isEqualTo(argmin);
        model.setTraining(false);
        double now = dlkit.reference.losses.SoftmaxCrossEntropy.compute(model.forward(data.validation().x()),
                data.validation().labels()).loss();
        Check.close("the validation loss of the model after DigitClassifier.train, against the history's at its best epoch "
                + argmin + " of " + h.epochs() + " (restore the best weights at the end)", now, h.validationLoss().get(argmin), 1e-9,
                NOT_RESTORED.wouldGive(h.validationLoss().get(h.epochs() - 1)));
        Check.drewFrom("DigitClassifier.train", forTrain);
    }

    private static List<Double> row(DMatrixRMaj x, int i) {
        List<Double> row = new ArrayList<>(x.numCols);
        for (int j = 0; j < x.numCols; j++) {
            row.add(x.get(i, j));
        }
        return row;
    }

    /** How many rows of logits have their (first) largest value at their label. */
    public static int correct(DMatrixRMaj logits, int[] labels) {
        int correct = 0;
        for (int i = 0; i < logits.numRows; i++) {
            int best = 0;
            for (int j = 1; j < logits.numCols; j++) {
                if (logits.get(i, j) > logits.get(i, best)) {
                    best = j;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return correct;
    }
}
