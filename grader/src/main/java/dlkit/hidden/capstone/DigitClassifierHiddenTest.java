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
import dlkit.grader.api.Disguise;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.GradedTraining;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dense;
import dlkit.layers.Dropout;
import dlkit.layers.Layer;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import dlkit.optim.LearningRateSchedule;
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
 * <p>Each element of fit's recipe that the accuracy cannot see (the L2 gradient on the Dense
 * weights only, the learning rate of each epoch from the schedule, early stopping that stops,
 * and restores the best epoch's values) is checked on its own, on the student's fit with a
 * {@link ScriptedModel}: a model and an optimiser whose every number the test writes, so that
 * the loop's own numbers (the gradients it adds, the rates it sets, when it stops, what it puts
 * back) are compared with what its Javadoc prescribes, exactly or to rounding, whatever the
 * file's constants; a few milliseconds each.
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
    private static final Known LEARNT_BEFOREHAND = new Known("DigitClassifier/weights-learnt-beforehand",
            "the network fits the kit's public copy of the digits, not the parts train was given (graded, they come"
                    + " in a disguise drawn for the run: classes renumbered, pixels reordered); train on the train and"
                    + " validation arguments, not with weights learnt beforehand");
    private static final Known NO_L2 = new Known("DigitClassifier/no-l2",
            "no L2 gradient on the Dense weights: after backward, before the step, add the penalty's gradients"
                    + " (L2Penalty.addGradients) to the parameters named \"weight\"");
    private static final Known L2_ON_BIASES = new Known("DigitClassifier/l2-on-biases",
            "the L2 gradient is added to the biases too; the penalty is on the Dense weights only (the parameters"
                    + " named \"weight\")");
    private static final Known NO_SCHEDULE = new Known("DigitClassifier/no-schedule",
            "the learning rate is not set from the schedule: at the start of each epoch e call"
                    + " optimizer.setLearningRate(schedule.at(e))");
    private static final Known NEVER_STOPS = new Known("DigitClassifier/never-stops",
            "training never stops early: end the loop when EarlyStopping.update returns true");
    private static final Known VALIDATION_IN_TRAINING_MODE = new Known("DigitClassifier/validation-in-training-mode",
            "the validation pass runs in training mode, with dropout on; call setTraining(false) before it");

    /** The epochs a grading run allows: the reference's MAX_EPOCHS, whatever the student's file says. */
    static final int BUDGET = dlkit.reference.capstone.DigitClassifier.MAX_EPOCHS;

    /** plainAccuracy: the trained network on the test images without the run's disguise, which it should not know. */
    private record Run(double testAccuracy, double plainAccuracy, History history, String seed, CountedRandom forBuild,
                       CountedRandom forTrain) {}

    private static Run run;
    private static RuntimeException runFailure;

    /** Trains once per grading run (the first test to ask pays the time), from the run's seed. */
    private static synchronized Run digitsRun() {
        if (run == null && runFailure == null) {
            try {
                RandomGenerator rng = GradingRandom.forTest(GradingRandom.runSeed(), "capstone: DigitClassifier on the digits");
                Split plain = CapstoneData.digits();
                Split data = Disguise.of(plain,
                        GradingRandom.forTest(GradingRandom.runSeed(), "capstone: the digits' disguise for DigitClassifier"),
                        Disguise.PixelMove.ANY_ORDER);
                CountedRandom forBuild = CountedRandom.child(rng);
                CountedRandom forTrain = CountedRandom.child(rng);
                Sequential model = DigitClassifier.build(forBuild);
                // The test part stays here: train gets copies of the other two parts only.
                History history = DigitClassifier.train(model, Given.of("train", data.train()).student(),
                        Given.of("validation", data.validation()).student(), BUDGET, forTrain);
                model.setTraining(false);
                var trained = onReferenceLayers(model);
                double accuracy = correct(trained.forward(data.test().x()), data.test().labels()) / (double) data.test().size();
                double plainAccuracy = correct(trained.forward(plain.test().x()), plain.test().labels()) / (double) plain.test().size();
                run = new Run(accuracy, plainAccuracy, history, "run seed " + GradingRandom.runSeed(), forBuild, forTrain);
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
     * The trained network as the reference's layers holding the student's trained weights, for
     * the test images: they never reach code of the student's, so a layer that knew the kit's
     * (public) test images by heart scores them no better than its weights do. Dropout is the
     * identity in inference mode, so it is left out.
     *
     * @throws AssertionError naming the layer, if the network holds one other than Dense, ReLU and Dropout
     */
    static dlkit.reference.layers.Sequential onReferenceLayers(Sequential model) {
        List<dlkit.reference.layers.Layer> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense d) {
                layers.add(new dlkit.reference.layers.Dense(d.weight().value().copy(), d.bias().value().copy()));
            } else if (layer instanceof ReLU) {
                layers.add(new dlkit.reference.layers.ReLU());
            } else if (!(layer instanceof Dropout)) {
                throw new AssertionError("DigitClassifier.build: the network is made of Dense, ReLU and Dropout layers only, as"
                        + " the class comment draws it; it holds a " + layer.getClass().getName()
                        + ", so its test accuracy cannot be measured");
            }
        }
        return new dlkit.reference.layers.Sequential(layers);
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
        Check.holds("test accuracy " + r.testAccuracy() + " on the digits train was given, " + r.plainAccuracy()
                + " on the kit's public copy", r.testAccuracy() >= band || r.plainAccuracy() < band, LEARNT_BEFOREHAND);
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

    /**
     * train's schedule, on the graded run's history: the cosine from the first epoch's rate down
     * to a twentieth of it over maxEpochs ({@value #BUDGET}), as train's Javadoc prescribes. The
     * first rate is read from the history, so any LEARNING_RATE of the file passes. 1e-9 allows
     * the student's Schedules.cosine to round in another order (a few ulps of rates near 1e-2);
     * a constant rate is off by up to 95% at the last epoch.
     */
    @Test
    @Points(1)
    void trainAnnealsTheLearningRateAlongTheCosine(RandomGenerator rng) {
        History h = gradedRun().history();
        double first = h.learningRate().get(0);
        DMatrixRMaj actual = new DMatrixRMaj(1, h.epochs());
        DMatrixRMaj expected = new DMatrixRMaj(1, h.epochs());
        DMatrixRMaj constant = new DMatrixRMaj(1, h.epochs());
        for (int e = 0; e < h.epochs(); e++) {
            actual.data[e] = h.learningRate().get(e);
            expected.data[e] = dlkit.reference.optim.Schedules.cosine(first, first / 20, BUDGET, e);
            constant.data[e] = first;
        }
        Check.close("the learning rates of the " + h.epochs() + " epochs in DigitClassifier.train's history (maxEpochs = "
                + BUDGET + "), against the cosine from the first, " + first + ", down to a twentieth of it over maxEpochs",
                actual, expected, 1e-9, NO_SCHEDULE.wouldGive(constant));
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
        long inTraining = validation.stream().filter(p -> p.training).count();
        Check.holds(inTraining + " of " + validation.size() + " validation passes of DigitClassifier.train ran in training"
                + " mode (none may: dropout would make the validation loss noisy)", inTraining == 0, VALIDATION_IN_TRAINING_MODE);
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

    /** The parameters of a {@link ScriptedModel} named "weight" and "bias", by index. */
    private static final int[] WEIGHTS = {0, 2};
    private static final int[] BIASES = {1, 3};

    private record Scripted(ScriptedModel model, History history, CountedRandom forFit) {}

    /**
     * The student's fit on a {@link ScriptedModel} and its optimiser (see there: the test writes
     * every number but the loop's), whose validation loss is lowest at epoch {@code best}: a few
     * milliseconds, whatever the number of epochs. Checks that fit left its data unchanged; the
     * test checks last that fit drew from {@code forFit}.
     */
    private static Scripted fitScripted(RandomGenerator rng, int maxEpochs, int best, LearningRateSchedule schedule) {
        ScriptedModel model = new ScriptedModel(rng, maxEpochs, best);
        Given<Dataset> train = Given.of("train", model.train);
        Given<Dataset> validation = Given.of("validation", model.validation);
        CountedRandom forFit = CountedRandom.child(rng);
        History history = DigitClassifier.fit(model, model.optimizer(), schedule, train.student(), validation.student(),
                maxEpochs, forFit);
        Given.unchanged("DigitClassifier.fit", train, validation);
        assertThat(model.steps).as("optimiser steps in DigitClassifier.fit over " + history.epochs() + " epochs").isNotEmpty();
        return new Scripted(model, history, forFit);
    }

    /**
     * The factor c of the L2 gradient c w found at a step of a scripted fit: the least-squares fit
     * of the gradients of every weight against the values, sum g w / sum w^2 (2 lambda for a
     * penalty lambda sum w^2).
     */
    private static double l2Factor(ScriptedModel.Step step) {
        double gw = 0;
        double ww = 0;
        for (int i : WEIGHTS) {
            DMatrixRMaj g = step.grads().get(i);
            DMatrixRMaj w = step.values().get(i);
            for (int j = 0; j < w.getNumElements(); j++) {
                gw += g.data[j] * w.data[j];
                ww += w.data[j] * w.data[j];
            }
        }
        return gw / ww;
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int j = 0; j < out.getNumElements(); j++) {
            out.data[j] *= factor;
        }
        return out;
    }

    /**
     * The L2 penalty on every Dense weight, judged on fit's own gradients: the scripted model's
     * backward adds nothing, so at each step the gradient of each parameter named "weight" is the
     * penalty's alone, 2 lambda w. It must be one positive multiple of w for both weights and
     * every step. The multiple is fitted from the student's gradients, so any L2 constant of the
     * file passes (and either convention of L2Penalty, which has its own exercise); 1e-9 allows
     * 2 lambda w rounded in any order (a few ulps), where a missing penalty leaves 0 and one
     * weight left out is off by 100%. Three epochs of a loss that falls in each: a few milliseconds.
     */
    @Test
    @Points(1)
    void fitAddsTheL2GradientToEveryDenseWeight(RandomGenerator rng) {
        Scripted s = fitScripted(rng, 3, 2, epoch -> 0.1);
        List<ScriptedModel.Step> steps = s.model().steps;
        double first = l2Factor(steps.get(0));
        for (int k = 0; k < steps.size(); k++) {
            ScriptedModel.Step step = steps.get(k);
            boolean anyGradient = false;
            for (int i : WEIGHTS) {
                for (double g : step.grads().get(i).data) {
                    anyGradient |= g != 0;
                }
            }
            Check.holds("the weights' gradients at training step " + k + " of DigitClassifier.fit are not all 0 (backward"
                    + " added nothing there: the L2 penalty's 2 lambda w must)", anyGradient, NO_L2);
            double factor = l2Factor(step);
            Check.holds("the L2 gradient at training step " + k + " of DigitClassifier.fit is 2 lambda w with lambda > 0"
                    + " (fitted: 2 lambda = " + factor + ")", factor > 0, null);
            for (int i : WEIGHTS) {
                Check.close("the gradient of weight " + i / 2 + " at training step " + k + " of DigitClassifier.fit, where"
                        + " backward added nothing, against 2 lambda w with 2 lambda = " + factor + " fitted to both weights",
                        step.grads().get(i), scaled(step.values().get(i), factor), 1e-9,
                        NO_L2.wouldGive(new DMatrixRMaj(step.values().get(i).numRows, step.values().get(i).numCols)));
            }
            Check.close("2 lambda of the L2 gradient at training step " + k + " of DigitClassifier.fit, against step 0's"
                    + " (one L2 constant)", factor, first, 1e-9);
        }
        Check.drewFrom("DigitClassifier.fit", s.forFit());
    }

    /**
     * No L2 penalty on the biases: with the scripted model (backward adds nothing, every bias
     * drawn non-zero), each bias's gradient at each step must stay exactly 0; a penalty on every
     * parameter gives 2 lambda b, named when it matches the weights' 2 lambda.
     */
    @Test
    @Points(1)
    void fitLeavesTheBiasesOutOfTheL2Penalty(RandomGenerator rng) {
        Scripted s = fitScripted(rng, 3, 2, epoch -> 0.1);
        List<ScriptedModel.Step> steps = s.model().steps;
        for (int k = 0; k < steps.size(); k++) {
            ScriptedModel.Step step = steps.get(k);
            double factor = l2Factor(step);
            for (int i : BIASES) {
                DMatrixRMaj b = step.values().get(i);
                Check.close("the gradient of bias " + i / 2 + " at training step " + k + " of DigitClassifier.fit, where"
                        + " backward added nothing (no penalty on biases: it stays 0)", step.grads().get(i),
                        new DMatrixRMaj(b.numRows, b.numCols), 0, L2_ON_BIASES.wouldGive(scaled(b, factor)));
            }
        }
        Check.drewFrom("DigitClassifier.fit", s.forFit());
    }

    /**
     * fit's learning rate per epoch: every step of epoch e runs at schedule.at(e), and the
     * history records it. The schedule here halves a drawn rate each epoch, and the scripted
     * optimiser starts at another rate (0.2 to 0.9), so a rate never set from the schedule shows.
     * The rates pass through fit unchanged, so 1e-12 is room for rounding only; three epochs of a
     * falling loss (every patience runs them all).
     */
    @Test
    @Points(1)
    void fitSetsEachEpochsLearningRateFromTheSchedule(RandomGenerator rng) {
        double base = rng.nextDouble(0.01, 0.1);
        LearningRateSchedule schedule = epoch -> base / (1 << epoch);
        Scripted s = fitScripted(rng, 3, 2, schedule);
        double initial = s.model().initialLearningRate();
        List<ScriptedModel.Step> steps = s.model().steps;
        for (int k = 0; k < steps.size(); k++) {
            ScriptedModel.Step step = steps.get(k);
            Check.close("the learning rate of training step " + k + " (epoch " + step.epoch() + ") of DigitClassifier.fit,"
                    + " against schedule.at(" + step.epoch() + ")", step.learningRate(), schedule.at(step.epoch()), 1e-12,
                    NO_SCHEDULE.wouldGive(initial));
        }
        History h = s.history();
        for (int e = 0; e < h.epochs(); e++) {
            Check.close("the learning rate of epoch " + e + " in DigitClassifier.fit's history, against schedule.at(" + e + ")",
                    h.learningRate().get(e), schedule.at(e), 1e-12, NO_SCHEDULE.wouldGive(initial));
        }
        Check.drewFrom("DigitClassifier.fit", s.forFit());
    }

    /** The budget of the early-stopping runs: a patience up to {@value} - 5 stops within it. */
    private static final int STOPPING_BUDGET = 40;

    /**
     * Early stopping ends training: on the scripted model the validation loss falls strictly up
     * to a drawn epoch (1 to 3) and rises strictly after it, for {@value #STOPPING_BUDGET} epochs;
     * early stopping (mode MIN, min delta 0) must keep that epoch as the best and end the loop
     * PATIENCE epochs later, before the budget for any patience below 36. The loop's numbers only:
     * a few milliseconds even when it runs all {@value #STOPPING_BUDGET} epochs.
     */
    @Test
    @Points(1)
    void earlyStoppingEndsTrainingAfterTheBestEpoch(RandomGenerator rng) {
        int best = Draw.size(rng, 1, 3);
        Scripted s = fitScripted(rng, STOPPING_BUDGET, best, epoch -> 0.1);
        History h = s.history();

        assertThat(h.bestEpoch()).as("bestEpoch of DigitClassifier.fit's history: the epoch of the lowest validation loss "
                + h.validationLoss()).isEqualTo(best);
        Check.holds("DigitClassifier.fit ran " + h.epochs() + " of maxEpochs = " + STOPPING_BUDGET + " epochs, although the"
                + " validation loss rose in every epoch after epoch " + best + ": early stopping must end it PATIENCE epochs"
                + " after the best", h.epochs() < STOPPING_BUDGET, NEVER_STOPS);
        assertThat(h.epochs()).as("epochs run by DigitClassifier.fit: at least one after the best epoch " + best
                + " (patience >= 1)").isGreaterThanOrEqualTo(best + 2);
        Check.drewFrom("DigitClassifier.fit", s.forFit());
    }

    /**
     * At the end, the weights of the best epoch: on the scripted model, whose validation loss is
     * lowest at a drawn epoch (1 to 3), every parameter after fit must hold, bit for bit, the
     * values it had at that epoch (restoring copies values, so no tolerance), and the history's
     * bestEpoch must be that epoch, the lowest of its validation losses. Keeping the last epoch's
     * values is named. A few milliseconds.
     */
    @Test
    @Points(1)
    void restoresTheWeightsOfTheBestEpoch(RandomGenerator rng) {
        int best = Draw.size(rng, 1, 3);
        Scripted s = fitScripted(rng, STOPPING_BUDGET, best, epoch -> 0.1);
        History h = s.history();

        int argmin = 0;
        for (int e = 1; e < h.epochs(); e++) {
            if (h.validationLoss().get(e) < h.validationLoss().get(argmin)) {
                argmin = e;
            }
        }
        assertThat(h.bestEpoch()).as("bestEpoch of DigitClassifier.fit's history: the epoch of the lowest validation loss "
                + h.validationLoss()).isEqualTo(argmin).isEqualTo(best);
        List<DMatrixRMaj> now = s.model().values();
        List<DMatrixRMaj> atBest = s.model().script(best);
        List<DMatrixRMaj> atLast = s.model().script(h.epochs() - 1);
        String[] names = {"weight 0", "bias 0", "weight 1", "bias 1"};
        for (int i = 0; i < now.size(); i++) {
            Check.close(names[i] + " after DigitClassifier.fit (" + h.epochs() + " epochs), against its value at the best"
                    + " epoch " + best + " (restore the best weights at the end, every parameter)", now.get(i),
                    atBest.get(i), 0, NOT_RESTORED.wouldGive(atLast.get(i)));
        }
        Check.drewFrom("DigitClassifier.fit", s.forFit());
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
