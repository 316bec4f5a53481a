package dlkit.losses;

import static dlkit.losses.LossTesting.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {

    @Test
    void byHand() {
        // Residuals 1, -2, 0, 3 over N * D = 4 elements: loss (1 + 4 + 0 + 9) / 4 = 3.5,
        // gradient 2 r / 4 = r / 2.
        LossAndGradient r = MeanSquaredError.compute(Matrices.of(new double[][] {{2, 0}, {1, 4}}),
                Matrices.of(new double[][] {{1, 2}, {1, 1}}));
        assertThat(r.loss()).as("MeanSquaredError loss").isCloseTo(3.5, within(1e-15));
        assertThat(r.gradient()).as("MeanSquaredError gradient").isCloseTo(Matrices.of(new double[][] {{0.5, -1}, {0, 1.5}}), 1e-15);
    }

    @Test
    void gradientPassesANumericGradientCheck() {
        // A quadratic: centred differences are exact up to rounding, about 1e-10; the test allows 1e-8.
        DMatrixRMaj p = random(1, 5, 3, 1.0);
        DMatrixRMaj t = random(2, 5, 3, 1.0);
        assertThat(MeanSquaredError.compute(p, t).gradient()).as("MeanSquaredError.compute(p, t).gradient()")
                .isCloseTo(GradientCheck.numericGradient(m -> MeanSquaredError.compute(m, t).loss(), p), 1e-8);
    }
}
