package dlkit.capstone;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TransferLearningTest {

    @Test
    void thePretrainedBodyMapsSixtyFourPixelsTo128Features() {
        Sequential body = PretrainedBody.load();

        assertThat(((Dense) body.layers().get(0)).weight().value()).hasShape(64, 128);
        assertThat(body.forward(new DMatrixRMaj(3, 64))).hasShape(3, 128);
        assertThat(body.parameters()).noneMatch(Parameter::isFrozen);
    }

    @Test
    void aNewHeadSitsOnTheSameBody() {
        Sequential body = PretrainedBody.load();

        Sequential model = TransferLearning.withNewHead(body, 5, new SplittableRandom(3));

        assertThat(model.layers()).hasSize(2);
        assertThat(model.layers().get(0)).isSameAs(body);
        assertThat(model.forward(new DMatrixRMaj(4, 64))).hasShape(4, 5);
    }

    @Test
    void trainHeadFreezesTheBody() {
        Split data = DigitClassifierTest.scaled(Digits.split()).onlyClasses(5, 9);
        SplittableRandom rng = new SplittableRandom(2);
        Sequential body = PretrainedBody.load();
        Sequential model = new Sequential(body, Dense.create(128, 5, rng));

        TransferLearning.trainHead(model, data.train(), data.validation(), 1, rng);

        assertThat(body.parameters()).allMatch(Parameter::isFrozen);
        assertThat(model.layers().get(1).parameters()).noneMatch(Parameter::isFrozen);
    }

    @Test
    void fineTuneUnfreezesTheBody() {
        Split data = DigitClassifierTest.scaled(Digits.split()).onlyClasses(5, 9);
        SplittableRandom rng = new SplittableRandom(3);
        Sequential body = PretrainedBody.load();
        body.parameters().forEach(p -> p.setFrozen(true));
        Sequential model = new Sequential(body, Dense.create(128, 5, rng));

        TransferLearning.fineTune(model, data.train(), data.validation(), 1, rng);

        assertThat(body.parameters()).noneMatch(Parameter::isFrozen);
    }

    @Test
    void headTrainingLeavesTheBodyBitForBitAndLearnsDigitsFiveToNine() {
        Split data = Standardizer.standardize(Digits.split()).onlyClasses(5, 9);
        SplittableRandom rng = new SplittableRandom(11);
        Sequential model = TransferLearning.withNewHead(PretrainedBody.load(), 5, rng);
        List<DMatrixRMaj> before = model.layers().get(0).parameters().stream().map(p -> p.value().copy()).toList();

        History head = TransferLearning.trainHead(model, data.train(), data.validation(),
                TransferLearning.HEAD_EPOCHS, rng);

        List<Parameter> body = model.layers().get(0).parameters();
        for (int i = 0; i < body.size(); i++) {
            assertThat(body.get(i).value()).as("body parameter " + body.get(i)).isCloseTo(before.get(i), 0);
        }
        assertThat(head.epochs()).isBetween(1, TransferLearning.HEAD_EPOCHS);
        double headAccuracy = DigitClassifier.accuracy(model, data.test().x(), data.test().labels());
        assertThat(headAccuracy).isGreaterThanOrEqualTo(0.93);

        TransferLearning.fineTune(model, data.train(), data.validation(), TransferLearning.FINE_TUNE_EPOCHS, rng);

        assertThat(Math.abs(body.get(0).value().get(0, 0) - before.get(0).get(0, 0))
                + Math.abs(body.get(0).value().get(10, 7) - before.get(0).get(10, 7)))
                .as("fine-tuning moves the body").isPositive();
        assertThat(DigitClassifier.accuracy(model, data.test().x(), data.test().labels()))
                .isGreaterThanOrEqualTo(headAccuracy - 0.03);
    }
}
