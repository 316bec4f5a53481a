package dlkit.losses;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    @Test
    void twoSamplesByHand() {
        // Row 0: logits (0, 0), label 0: softmax (1/2, 1/2), loss ln 2.
        // Row 1: logits (ln 3, 0), label 1: softmax (3/4, 1/4), loss -ln(1/4) = ln 4.
        // Mean: (ln 2 + ln 4) / 2 = 1.5 ln 2. Gradient (softmax - onehot) / 2.
        DMatrixRMaj logits = Matrices.of(new double[][] {{0, 0}, {Math.log(3), 0}});

        LossAndGradient out = SoftmaxCrossEntropy.compute(logits, new int[] {0, 1});

        assertThat(out.loss()).as("SoftmaxCrossEntropy loss").isCloseTo(1.5 * Math.log(2), within(1e-15));
        assertThat(out.gradient()).as("SoftmaxCrossEntropy gradient").isCloseTo(Matrices.of(new double[][] {{-0.25, 0.25}, {0.375, -0.375}}), 1e-15);
    }

    @Test
    void finiteAtLogitsOfPlusMinusOneThousand() {
        // softmax of (1000, -1000) is (1, e^-2000 = 0): loss = 2000 for label 1, gradient (1, -1).
        LossAndGradient out = SoftmaxCrossEntropy.compute(Matrices.row(1000, -1000), new int[] {1});

        assertThat(out.loss()).as("SoftmaxCrossEntropy loss").isCloseTo(2000, within(1e-12));
        assertThat(out.gradient()).as("SoftmaxCrossEntropy gradient").isFinite().isCloseTo(Matrices.row(1, -1), 1e-15);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // Smooth function of moderate size: expect a relative error around 1e-9; allow 1e-7.
        SplittableRandom random = new SplittableRandom(37);
        DMatrixRMaj logits = new DMatrixRMaj(5, 4);
        for (int i = 0; i < logits.getNumElements(); i++) {
            logits.data[i] = 2 * random.nextGaussian();
        }
        int[] labels = {3, 0, 1, 1, 2};

        DMatrixRMaj numeric = GradientCheck.numericGradient(z -> SoftmaxCrossEntropy.compute(z, labels).loss(), logits);

        assertThat(SoftmaxCrossEntropy.compute(logits, labels).gradient()).as("SoftmaxCrossEntropy.compute(logits, labels).gradient()").isCloseTo(numeric, 1e-7);
    }

    @Test
    void addingAConstantToARowChangesNothing() {
        // Softmax depends only on differences of logits within a row.
        DMatrixRMaj logits = Matrices.of(new double[][] {{0.5, -1, 2}, {3, 0, 1}});
        DMatrixRMaj shifted = Matrices.of(new double[][] {{100.5, 99, 102}, {3, 0, 1}});

        LossAndGradient a = SoftmaxCrossEntropy.compute(logits, new int[] {2, 0});
        LossAndGradient b = SoftmaxCrossEntropy.compute(shifted, new int[] {2, 0});

        assertThat(b.loss()).as("SoftmaxCrossEntropy loss").isCloseTo(a.loss(), within(1e-12));
        assertThat(b.gradient()).as("SoftmaxCrossEntropy gradient").isCloseTo(a.gradient(), 1e-12);
        assertThat(logits).as("SoftmaxCrossEntropy logits").isCloseTo(Matrices.of(new double[][] {{0.5, -1, 2}, {3, 0, 1}}), 0.0);
    }

    @Test
    void rejectsLabelsOutOfRangeOrOfTheWrongCount() {
        DMatrixRMaj logits = new DMatrixRMaj(2, 3);
        assertThatThrownBy(() -> SoftmaxCrossEntropy.compute(logits, new int[] {0, 3}), "SoftmaxCrossEntropy.compute with a label out of range")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] = 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.compute(logits, new int[] {0}), "SoftmaxCrossEntropy.compute with too few labels")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N = 2");
    }
}
