package dlkit.hidden.capstone;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.capstone.Dataset;
import dlkit.capstone.History;
import dlkit.capstone.PretrainedBody;
import dlkit.capstone.Split;
import dlkit.capstone.TransferLearning;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.CountedRandom;
import dlkit.grader.api.Disguise;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.layers.Dense;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transfer learning from the shipped body (pretrained on digits 0-4) to digits 5-9, with the
 * student's own layers, optimisers and training loop. One run per grading run, seeded from it:
 * head training (at most {@value #HEAD_BUDGET} epochs), then fine-tuning (at most
 * {@value #FINE_TUNE_BUDGET}), the reference's budgets whatever the student's file says. The
 * bounds are set below what the reference reaches over 200 seeds on the 193 test images of
 * digits 5-9: head accuracy min 0.9534 (9 wrong, where the bound 0.93 allows 13); fine-tuning
 * below the head's accuracy in 20 seeds of 200, by 0.0155 (3 images) at most, where the bound
 * 0.03 allows 5. See the TransferLearning Javadoc. withNewHead, trainHead and fineTune each get a
 * generator of their own and must draw from it (Check.drewFrom), or every test of that run
 * scores 0: a head drawn and shuffled from a fixed seed would be the same in every grading run.
 */
@Grades(TransferLearning.class)
@ExtendWith(GradingRandom.class)
// Training takes seconds: 30 s a test, whatever --timeout-per-test says, keeps a busy machine from failing a correct network.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransferLearningHiddenTest {

    private static final Known NOT_FROZEN = new Known("TransferLearning/body-not-frozen",
            "the body trained with the head; freeze it (Parameter.setFrozen(true)) in trainHead");
    private static final Known STAYS_FROZEN = new Known("TransferLearning/body-stays-frozen-in-fine-tuning",
            "the body still frozen in fineTune; unfreeze it first");
    private static final Known LEARNT_BEFOREHAND = new Known("TransferLearning/head-learnt-beforehand",
            "the head fits the kit's public copy of the digits 5-9, not the parts trainHead was given (graded, their"
                    + " classes are renumbered for the run); train the head on the train and validation arguments,"
                    + " not with weights learnt beforehand");
    private static final Known SINGLE_RATE = new Known("TransferLearning/fine-tune-single-rate",
            "fineTune trains the body at the head's learning rate: make two parameter groups (ParameterGroups), the body"
                    + " at BODY_LEARNING_RATE first, then the head at HEAD_LEARNING_RATE, with a constant schedule at the"
                    + " body's rate");

    static final int HEAD_BUDGET = dlkit.reference.capstone.TransferLearning.HEAD_EPOCHS;
    static final int FINE_TUNE_BUDGET = dlkit.reference.capstone.TransferLearning.FINE_TUNE_EPOCHS;
    static final double HEAD_BOUND = 0.93;
    static final double FINE_TUNE_LOSS = 0.03;

    private record Run(List<DMatrixRMaj> bodyBefore, List<DMatrixRMaj> headBefore, List<DMatrixRMaj> bodyAfterHead,
                       List<DMatrixRMaj> headAfterHead, double headAccuracy, double headPlainAccuracy, History head,
                       List<DMatrixRMaj> bodyAfterFineTune, double fineTuneAccuracy, History fineTune,
                       CountedRandom forHead, CountedRandom forTrainHead, CountedRandom forFineTune) {}

    private static Run run;
    private static RuntimeException runFailure;

    private static synchronized Run transferRun() {
        if (run == null && runFailure == null) {
            try {
                RandomGenerator rng = GradingRandom.forTest(GradingRandom.runSeed(), "capstone: TransferLearning 0-4 to 5-9");
                Split plain = CapstoneData.digits().onlyClasses(5, 9);
                Split data = Disguise.of(plain,
                        GradingRandom.forTest(GradingRandom.runSeed(), "capstone: the digits' disguise for TransferLearning"),
                        Disguise.PixelMove.NONE);
                Sequential body = PretrainedBody.load();
                List<DMatrixRMaj> bodyBefore = values(body.parameters());
                CountedRandom forHead = CountedRandom.child(rng);
                CountedRandom forTrainHead = CountedRandom.child(rng);
                CountedRandom forFineTune = CountedRandom.child(rng);
                Sequential model = TransferLearning.withNewHead(body, 5, forHead);
                List<DMatrixRMaj> headBefore = values(model.layers().get(1).parameters());
                Given<Dataset> train = Given.of("train", data.train());
                Given<Dataset> validation = Given.of("validation", data.validation());
                History head = TransferLearning.trainHead(model, train.student(), validation.student(), HEAD_BUDGET, forTrainHead);
                List<DMatrixRMaj> bodyAfterHead = values(body.parameters());
                List<DMatrixRMaj> headAfterHead = values(model.layers().get(1).parameters());
                double headAccuracy = accuracy(model, data);
                double headPlainAccuracy = accuracy(model, plain);
                History fineTune = TransferLearning.fineTune(model, train.student(), validation.student(), FINE_TUNE_BUDGET, forFineTune);
                run = new Run(bodyBefore, headBefore, bodyAfterHead, headAfterHead, headAccuracy, headPlainAccuracy, head,
                        values(body.parameters()), accuracy(model, data), fineTune, forHead, forTrainHead, forFineTune);
            } catch (RuntimeException e) {
                runFailure = e;
            }
        }
        if (runFailure != null) {
            throw runFailure;
        }
        Check.drewFrom("TransferLearning.withNewHead", run.forHead());
        Check.drewFrom("TransferLearning.trainHead", run.forTrainHead());
        Check.drewFrom("TransferLearning.fineTune", run.forFineTune());
        return run;
    }

    @Test
    @Points(1)
    void withNewHeadKeepsTheBodyAndAddsADenseHead(RandomGenerator rng) {
        Sequential body = PretrainedBody.load();
        int classes = Draw.size(rng, 2, 9);

        CountedRandom forHead = CountedRandom.child(rng);
        Sequential model = TransferLearning.withNewHead(body, classes, forHead);
        Check.drewFrom("TransferLearning.withNewHead", forHead);

        assertThat(model.layers()).as("layers of TransferLearning.withNewHead's model").hasSize(2);
        assertThat(model.layers().get(0)).as("layer 0 of TransferLearning.withNewHead's model: the body itself").isSameAs(body);
        assertThat(model.layers().get(1)).as("layer 1 of TransferLearning.withNewHead's model: a Dense head").isInstanceOf(Dense.class);
        DMatrixRMaj w = ((Dense) model.layers().get(1)).weight().value();
        assertThat(new int[] {w.numRows, w.numCols}).as("shape of the head's weight for " + classes + " classes")
                .containsExactly(((Dense) body.layers().get(0)).weight().value().numCols, classes);
    }

    @Test
    @Points(3)
    void headTrainingLeavesTheBodyBitForBitAndTrainsTheHead(RandomGenerator rng) {
        Run r = transferRun();
        for (int i = 0; i < r.bodyBefore().size(); i++) {
            Check.holds("body parameter " + i + " unchanged bit for bit by TransferLearning.trainHead (it must be frozen)",
                    !Matrix.changed(r.bodyBefore().get(i), r.bodyAfterHead().get(i)), NOT_FROZEN);
        }
        assertThat(Matrix.changed(r.headBefore().get(0), r.headAfterHead().get(0)))
                .as("the head's weight moved during TransferLearning.trainHead").isTrue();
    }

    @Test
    @Points(3)
    void headReachesTheStatedAccuracy(RandomGenerator rng) {
        Run r = transferRun();
        assertThat(r.head().epochs()).as("epochs of TransferLearning.trainHead with maxEpochs = " + HEAD_BUDGET)
                .isLessThanOrEqualTo(HEAD_BUDGET);
        Check.holds("accuracy " + r.headAccuracy() + " after TransferLearning.trainHead on the digits it was given, "
                + r.headPlainAccuracy() + " on the kit's public copy",
                r.headAccuracy() >= HEAD_BOUND || r.headPlainAccuracy() < HEAD_BOUND, LEARNT_BEFOREHAND);
        assertThat(r.headAccuracy()).as("accuracy on the 5-9 test part after TransferLearning.trainHead (run seed "
                + GradingRandom.runSeed() + ")").isGreaterThanOrEqualTo(HEAD_BOUND);
    }

    @Test
    @Points(2)
    void fineTuningMovesTheBody(RandomGenerator rng) {
        Run r = transferRun();
        boolean moved = false;
        for (int i = 0; i < r.bodyAfterHead().size(); i++) {
            moved |= Matrix.changed(r.bodyAfterHead().get(i), r.bodyAfterFineTune().get(i));
        }
        Check.holds("the body moved during TransferLearning.fineTune", moved, STAYS_FROZEN);
    }

    @Test
    @Points(2)
    void fineTuningKeepsTheAccuracy(RandomGenerator rng) {
        Run r = transferRun();
        assertThat(r.fineTune().epochs()).as("epochs of TransferLearning.fineTune with maxEpochs = " + FINE_TUNE_BUDGET)
                .isLessThanOrEqualTo(FINE_TUNE_BUDGET);
        assertThat(r.fineTuneAccuracy()).as("accuracy on the 5-9 test part after TransferLearning.fineTune, against "
                + r.headAccuracy() + " after trainHead (at most " + FINE_TUNE_LOSS + " lower)")
                .isGreaterThanOrEqualTo(r.headAccuracy() - FINE_TUNE_LOSS);
    }

    /** The fine-tuning epochs of {@link #fineTuneTrainsTheBodyAtItsOwnLowerRate}. */
    private static final int RATE_EPOCHS = 2;

    /**
     * Fine-tuning's two learning rates, on the student's numbers: a small drawn model (a body
     * {@code Dense(D, F) -> ReLU}, frozen as trainHead leaves it, and a Dense head) is fine-tuned
     * for {@value #RATE_EPOCHS} epochs on drawn data by the student's fineTune and by the
     * reference's, from the same values with the same shuffles (generators of one seed), and the
     * change of every parameter is compared, then the history's learning rates (the body's). This
     * test grades with the reference's Adam, ParameterGroups and fit, so the same recipe gives the
     * same bits; 1e-6 leaves room for a rate written another way (HEAD_LEARNING_RATE / 10, a few
     * ulps). One Adam at the head's rate for everything moves the body's first steps ten times as
     * far (relative error about 0.8), and is named when the student's change matches it. Three
     * runs of at most 4 steps on at most 120 samples: a few milliseconds.
     */
    @Test
    @Points(2)
    void fineTuneTrainsTheBodyAtItsOwnLowerRate(RandomGenerator rng) {
        int d = Draw.size(rng, 4, 12);
        int f = Draw.size(rng, 6, 16);
        int classes = Draw.size(rng, 2, 5);
        List<DMatrixRMaj> start = List.of(Draw.normal(rng, d, f, 1 / Math.sqrt(d)), Draw.normal(rng, 1, f, 0.1),
                Draw.normal(rng, f, classes, 1 / Math.sqrt(f)), Draw.normal(rng, 1, classes, 0.1));
        Given<Dataset> train = Given.of("train", randomPart(rng, Draw.size(rng, 40, 120), d, classes));
        Given<Dataset> validation = Given.of("validation", randomPart(rng, Draw.size(rng, 10, 30), d, classes));
        long seed = rng.nextLong();

        Sequential model = new Sequential(new Sequential(new Dense(start.get(0).copy(), start.get(1).copy()), new ReLU()),
                new Dense(start.get(2).copy(), start.get(3).copy()));
        TransferLearning.body(model).parameters().forEach(p -> p.setFrozen(true));
        CountedRandom forFineTune = new CountedRandom(new SplittableRandom(seed));
        History history = TransferLearning.fineTune(model, train.student(), validation.student(), RATE_EPOCHS, forFineTune);
        Given.unchanged("TransferLearning.fineTune", train, validation);

        var reference = referenceModel(start);
        reference.layers().get(0).parameters().forEach(p -> p.setFrozen(true));
        var referenceHistory = dlkit.reference.capstone.TransferLearning.fineTune(reference,
                ToReference.dataset(train.copy()), ToReference.dataset(validation.copy()), RATE_EPOCHS, new SplittableRandom(seed));
        // The mistake: one Adam at the head's rate on every parameter, the body unfrozen.
        var single = referenceModel(start);
        double headRate = dlkit.reference.capstone.TransferLearning.HEAD_LEARNING_RATE;
        var singleHistory = dlkit.reference.capstone.DigitClassifier.fit(single,
                new dlkit.reference.optim.Adam(single.parameters(), headRate, 0.9, 0.999, 1e-8), epoch -> headRate,
                ToReference.dataset(train.copy()), ToReference.dataset(validation.copy()), RATE_EPOCHS, new SplittableRandom(seed));

        String[] names = {"the body's weight", "the body's bias", "the head's weight", "the head's bias"};
        List<Parameter> params = model.parameters();
        for (int i = 0; i < names.length; i++) {
            Check.Mistake singleRate = SINGLE_RATE.wouldGive(minus(single.parameters().get(i).value(), start.get(i)));
            Check.Mistake[] mistakes = i < 2
                    ? new Check.Mistake[] {singleRate, STAYS_FROZEN.wouldGive(new DMatrixRMaj(start.get(i).numRows, start.get(i).numCols))}
                    : new Check.Mistake[] {singleRate};
            Check.close("the change of " + names[i] + " in TransferLearning.fineTune (" + RATE_EPOCHS + " epochs on "
                    + train.copy().size() + " samples), against the reference's from the same values and shuffles",
                    minus(params.get(i).value(), start.get(i)), minus(reference.parameters().get(i).value(), start.get(i)),
                    1e-6, mistakes);
        }
        Check.close("the learning rates of TransferLearning.fineTune's history (the body's), against the reference's",
                row(history.learningRate()), row(referenceHistory.learningRate()), 1e-12,
                SINGLE_RATE.wouldGive(row(singleHistory.learningRate())));
        Check.drewFrom("TransferLearning.fineTune", forFineTune);
    }

    /** The reference's copy of the drawn model: {@code Sequential(Sequential(Dense, ReLU), Dense)} from {@code start}'s copies. */
    private static dlkit.reference.layers.Sequential referenceModel(List<DMatrixRMaj> start) {
        return new dlkit.reference.layers.Sequential(
                new dlkit.reference.layers.Sequential(new dlkit.reference.layers.Dense(start.get(0).copy(), start.get(1).copy()),
                        new dlkit.reference.layers.ReLU()),
                new dlkit.reference.layers.Dense(start.get(2).copy(), start.get(3).copy()));
    }

    private static Dataset randomPart(RandomGenerator rng, int n, int d, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return new Dataset(Draw.normal(rng, n, d, 1.0), labels);
    }

    private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj out = a.copy();
        for (int j = 0; j < out.getNumElements(); j++) {
            out.data[j] -= b.data[j];
        }
        return out;
    }

    private static DMatrixRMaj row(List<Double> values) {
        DMatrixRMaj out = new DMatrixRMaj(1, values.size());
        for (int j = 0; j < values.size(); j++) {
            out.data[j] = values.get(j);
        }
        return out;
    }

    private static double accuracy(Sequential model, Split data) {
        model.setTraining(false);
        return DigitClassifierHiddenTest.correct(model.forward(data.test().x()), data.test().labels())
                / (double) data.test().size();
    }

    private static List<DMatrixRMaj> values(List<Parameter> params) {
        return params.stream().map(p -> p.value().copy()).toList();
    }

    private static final class Matrix {
        static boolean changed(DMatrixRMaj a, DMatrixRMaj b) {
            for (int i = 0; i < a.getNumElements(); i++) {
                if (Double.doubleToLongBits(a.data[i]) != Double.doubleToLongBits(b.data[i])) {
                    return true;
                }
            }
            return false;
        }
    }
}
