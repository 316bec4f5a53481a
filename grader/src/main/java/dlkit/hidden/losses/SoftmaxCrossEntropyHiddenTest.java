package dlkit.hidden.losses;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.LossAndGradient;
import dlkit.losses.SoftmaxCrossEntropy;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(SoftmaxCrossEntropy.class)
@ExtendWith(GradingRandom.class)
class SoftmaxCrossEntropyHiddenTest {

    private static int[] labels(RandomGenerator rng, int n, int c) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(c);
        }
        return labels;
    }

    private static DMatrixRMaj times(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }

    @Test
    @Points(2)
    void lossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 12);
        int c = Draw.size(rng, 2, 8);
        DMatrixRMaj logits = Draw.normal(rng, n, c, 3.0);
        int[] labels = labels(rng, n, c);

        double student = SoftmaxCrossEntropy.compute(logits, labels).loss();
        double reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits, labels).loss();

        Check.close("loss of SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits", student, reference, 1e-9,
                Mistake.of("the loss summed over the batch; PyTorch's default is the mean (divide by N)", reference * n));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 12);
        int c = Draw.size(rng, 2, 8);
        DMatrixRMaj logits = Draw.normal(rng, n, c, 3.0);
        int[] labels = labels(rng, n, c);

        DMatrixRMaj student = SoftmaxCrossEntropy.compute(logits, labels).gradient();
        DMatrixRMaj reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits, labels).gradient();

        Check.close("gradient of SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits", student, reference, 1e-9,
                new Mistake("the gradient is missing the 1/N of the mean over the batch", times(reference, n)),
                new Mistake("the gradient has the wrong sign: it is softmax - onehot", times(reference, -1)));
    }

    @Test
    @Points(2)
    void finiteAndRightAtLogitsOfPlusMinusOneThousand(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int c = Draw.size(rng, 2, 6);
        DMatrixRMaj logits = new DMatrixRMaj(n, c);
        for (int i = 0; i < logits.getNumElements(); i++) {
            logits.data[i] = rng.nextBoolean() ? 1000 - rng.nextDouble(0, 3) : -1000 + rng.nextDouble(0, 3);
        }
        int[] labels = labels(rng, n, c);

        LossAndGradient student = SoftmaxCrossEntropy.compute(logits, labels);
        var reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(logits, labels);

        String what = "SoftmaxCrossEntropy.compute on (" + n + ", " + c + ") logits near +-1000";
        String hint = Double.isFinite(student.loss()) ? "" : " (looks like softmax without the max shift: exp(1000) overflows; subtract each row's max first)";
        assertThat(student.loss()).as("loss of " + what + hint).isFinite();
        assertThat(student.gradient()).as("gradient of " + what + hint).isFinite();
        Check.close("loss of " + what, student.loss(), reference.loss(), 1e-9);
        Check.close("gradient of " + what, student.gradient(), reference.gradient(), 1e-9);
    }

    @Test
    @Points(1)
    void singleSampleAndDoesNotModifyItsInput(RandomGenerator rng) {
        int c = Draw.size(rng, 2, 10);
        DMatrixRMaj logits = Draw.normal(rng, 1, c, 5.0);
        DMatrixRMaj copy = logits.copy();
        int[] labels = {rng.nextInt(c)};

        LossAndGradient student = SoftmaxCrossEntropy.compute(logits, labels);
        var reference = dlkit.reference.losses.SoftmaxCrossEntropy.compute(copy, labels);

        Check.close("loss of SoftmaxCrossEntropy.compute on one sample of " + c + " classes", student.loss(), reference.loss(), 1e-9);
        Check.close("gradient of SoftmaxCrossEntropy.compute on one sample", student.gradient(), reference.gradient(), 1e-9);
        Check.close("the logits after SoftmaxCrossEntropy.compute (they must not be modified)", logits, copy, 0.0);
    }
}
