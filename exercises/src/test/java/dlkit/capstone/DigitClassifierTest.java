package dlkit.capstone;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Dropout;
import dlkit.layers.Layer;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import dlkit.losses.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DigitClassifierTest {

    @Test
    void buildMapsSixtyFourPixelsToTenLogitsWithDropoutInside() {
        Sequential model = DigitClassifier.build(new SplittableRandom(1));

        assertThat(model.forward(new DMatrixRMaj(5, 64))).hasShape(5, 10);
        assertThat(model.layers()).anyMatch(l -> l instanceof Dropout);
    }

    @Test
    void accuracyIsTheFractionOfRowsWhoseLargestLogitIsTheLabel() {
        DMatrixRMaj logits = Matrices.of(new double[][] {{0.1, 2, -1}, {3, 0, 0}, {0, 0, 5}});
        Layer fixed = new Layer() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj x) {
                return logits.copy();
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                throw new UnsupportedOperationException();
            }
        };

        // Arg maxes 1, 0, 2 against labels 1, 2, 2: two right out of three.
        assertThat(DigitClassifier.accuracy(fixed, new DMatrixRMaj(3, 4), new int[] {1, 2, 2})).isEqualTo(2.0 / 3);
    }

    @Test
    void reachesAtLeast93PercentOnTheTestPartWithinTheBudget() {
        Split data = Standardizer.standardize(Digits.split());
        SplittableRandom rng = new SplittableRandom(42);
        Sequential classifier = DigitClassifier.build(rng);

        History history = DigitClassifier.train(classifier, data.train(), data.validation(), DigitClassifier.MAX_EPOCHS, rng);

        assertThat(history.epochs()).isBetween(1, DigitClassifier.MAX_EPOCHS);
        classifier.setTraining(false);
        assertThat(DigitClassifier.accuracy(classifier, data.test().x(), data.test().labels())).isGreaterThanOrEqualTo(0.93);
        // Early stopping put back the weights of the best epoch: the model's validation loss now
        // is the lowest one of the history.
        double best = history.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(history.validationLoss().get(history.bestEpoch())).isEqualTo(best);
        double now = SoftmaxCrossEntropy.compute(classifier.forward(data.validation().x()), data.validation().labels()).loss();
        assertThat(Matrices.relativeError(now, best)).isLessThan(1e-12);
        // A schedule changed the learning rate along the way.
        assertThat(history.learningRate().stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void trainRecordsEveryEpochWithinTheBudget() {
        Split data = scaled(Digits.split());
        SplittableRandom rng = new SplittableRandom(5);
        Sequential small = new Sequential(Dense.create(64, 10, rng));

        History history = DigitClassifier.train(small, data.train(), data.validation(), 3, rng);

        assertThat(history.epochs()).isBetween(1, 3);
        assertThat(history.validationAccuracy()).hasSize(history.epochs()).allMatch(a -> a >= 0 && a <= 1);
        assertThat(history.trainLoss()).allMatch(l -> l > 0 && Double.isFinite(l));
    }

    @Test
    void trainingStepsRunInTrainingModeAndEvaluationInInferenceMode() {
        Split data = scaled(Digits.split());
        SplittableRandom rng = new SplittableRandom(7);
        ModeSpy spy = new ModeSpy(new Sequential(Dense.create(64, 32, rng), new ReLU(), new Dropout(0.2, rng),
                Dense.create(32, 10, rng)));

        History history = DigitClassifier.fit(spy, new dlkit.optim.Adam(spy.parameters()), epoch -> 1e-3, data.train(),
                data.validation(), 2, rng);

        assertThat(history.epochs()).isEqualTo(2);
        assertThat(spy.modeAtBackward).as("mode of each training step (forward then backward): dropout must be on")
                .isNotEmpty().containsOnly(true);
        assertThat(spy.modeOfValidationForwards).as("mode of the forward passes on the validation part")
                .hasSize(2).containsOnly(false);
    }

    /** The raw pixels divided by 16, into [0, 1]: enough for tests that do not need standardisation. */
    static Split scaled(Split raw) {
        return new Split(scaled(raw.train()), scaled(raw.validation()), scaled(raw.test()));
    }

    private static Dataset scaled(Dataset raw) {
        return new Dataset(Matrices.map(raw.x(), v -> v / 16), raw.labels());
    }

    /** Wraps a model and records its mode (true: training) at each training step and validation pass. */
    private static final class ModeSpy implements Layer {
        private final Layer inner;
        private boolean training = true;
        private boolean modeAtForward;
        final List<Boolean> modeAtBackward = new ArrayList<>();
        final List<Boolean> modeOfValidationForwards = new ArrayList<>();

        ModeSpy(Layer inner) {
            this.inner = inner;
        }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            modeAtForward = training;
            if (x.numRows == Digits.VALIDATION) {
                modeOfValidationForwards.add(training);
            }
            return inner.forward(x);
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
            modeAtBackward.add(modeAtForward && training);
            return inner.backward(gradOutput);
        }

        @Override
        public List<dlkit.core.Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public void setTraining(boolean training) {
            this.training = training;
            inner.setTraining(training);
        }
    }
}
