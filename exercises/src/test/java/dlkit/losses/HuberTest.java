package dlkit.losses;

import static dlkit.losses.LossTesting.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class HuberTest {

    @Test
    void byHandWithDeltaOne() {
        // Residuals 0.5 (quadratic: 0.125), -3 (linear: 1 * (3 - 0.5) = 2.5): mean (0.125 + 2.5) / 2.
        // Gradient: the residual clipped to [-1, 1], divided by 2: 0.25 and -0.5.
        LossAndGradient r = new Huber().compute(Matrices.row(1.5, -1), Matrices.row(1, 2));
        assertThat(r.loss()).as("Huber loss").isCloseTo(2.625 / 2, within(1e-15));
        assertThat(r.gradient()).as("Huber gradient").isCloseTo(Matrices.row(0.25, -0.5), 1e-15);
    }

    @Test
    void aSmallDeltaIsScaledMeanAbsoluteErrorFarAway() {
        // delta = 0.1, residual 5: 0.1 * (5 - 0.05) = 0.495.
        assertThat(new Huber(0.1).compute(Matrices.row(5), Matrices.row(0)).loss()).as("Huber new Huber(0.1).compute(Matrices.row(5), Matrices.row(0)).loss()").isCloseTo(0.495, within(1e-15));
    }

    @Test
    void gradientPassesANumericGradientCheck() {
        // Residuals of size about 1.4 on both sides of delta = 1; random ones are never at |r| = delta.
        // Expect about 1e-10; the test allows 1e-7.
        DMatrixRMaj p = random(3, 6, 4, 1.0);
        DMatrixRMaj t = random(4, 6, 4, 1.0);
        Huber huber = new Huber();
        assertThat(huber.compute(p, t).gradient()).as("Huber huber.compute(p, t).gradient()")
                .isCloseTo(GradientCheck.numericGradient(m -> huber.compute(m, t).loss(), p), 1e-7);
    }
}
