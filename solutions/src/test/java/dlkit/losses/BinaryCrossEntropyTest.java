package dlkit.losses;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {

    @Test
    void twoElementsByHand() {
        // z = 0, t = 0: sigmoid 1/2, loss ln 2, gradient 1/2.
        // z = ln 3, t = 1: sigmoid 3/4, loss -ln(3/4) = ln(4/3), gradient -1/4.
        // Mean over the 2 elements: (ln 2 + ln(4/3)) / 2 = ln(8/3) / 2; gradients divided by 2.
        LossAndGradient out = BinaryCrossEntropy.compute(Matrices.row(0, Math.log(3)), Matrices.row(0, 1));

        assertThat(out.loss()).as("BinaryCrossEntropy loss").isCloseTo(Math.log(8.0 / 3) / 2, within(1e-15));
        assertThat(out.gradient()).as("BinaryCrossEntropy gradient").isCloseTo(Matrices.row(0.25, -0.125), 1e-15);
    }

    @Test
    void finiteAtLogitsOfPlusMinusOneThousand() {
        // Confidently wrong on both: each element's loss is 1000, the gradient (1 - 0, 0 - 1) / 2.
        LossAndGradient out = BinaryCrossEntropy.compute(Matrices.row(1000, -1000), Matrices.row(0, 1));

        assertThat(out.loss()).as("BinaryCrossEntropy loss").isCloseTo(1000, within(1e-12));
        assertThat(out.gradient()).as("BinaryCrossEntropy gradient").isFinite().isCloseTo(Matrices.row(0.5, -0.5), 1e-15);
    }

    @Test
    void equalsTheTextbookFormulaOnModerateLogits() {
        DMatrixRMaj z = Matrices.of(new double[][] {{-2, 0.5}, {3, -0.1}, {1, 4}});
        DMatrixRMaj t = Matrices.of(new double[][] {{0, 1}, {1, 0.3}, {0.5, 0}});
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            double s = 1 / (1 + Math.exp(-z.data[i]));
            expected -= t.data[i] * Math.log(s) + (1 - t.data[i]) * Math.log(1 - s);
        }
        assertThat(BinaryCrossEntropy.compute(z, t).loss()).as("BinaryCrossEntropy.compute(z, t).loss()").isCloseTo(expected / 6, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // Smooth function of moderate size: expect a relative error around 1e-9; allow 1e-7.
        SplittableRandom random = new SplittableRandom(38);
        DMatrixRMaj z = new DMatrixRMaj(4, 3);
        DMatrixRMaj t = new DMatrixRMaj(4, 3);
        for (int i = 0; i < z.getNumElements(); i++) {
            z.data[i] = 3 * random.nextGaussian();
            t.data[i] = random.nextDouble();
        }

        DMatrixRMaj numeric = GradientCheck.numericGradient(m -> BinaryCrossEntropy.compute(m, t).loss(), z);

        assertThat(BinaryCrossEntropy.compute(z, t).gradient()).as("BinaryCrossEntropy.compute(z, t).gradient()").isCloseTo(numeric, 1e-7);
    }

    @Test
    void rejectsTargetsOutsideZeroOneAndShapeMismatch() {
        assertThatThrownBy(() -> BinaryCrossEntropy.compute(Matrices.row(0, 0), Matrices.row(0, 2)), "BinaryCrossEntropy.compute with a target outside [0, 1]")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> BinaryCrossEntropy.compute(Matrices.row(0, 0), Matrices.row(0)), "BinaryCrossEntropy.compute with targets of the wrong shape")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets: expected (N, K) = (1, 2)");
    }
}
