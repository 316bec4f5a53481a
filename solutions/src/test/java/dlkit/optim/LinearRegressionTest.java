package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LinearRegressionTest {

    // Two samples, two features: X = [[1, 2], [3, 4]], y = [[1], [0]].
    private final LinearRegression f = new LinearRegression(
            Matrices.of(new double[][] {{1, 2}, {3, 4}}), Matrices.of(new double[][] {{1}, {0}}));

    @Test
    void valueByHand() {
        // w = (1, -1): X w = (-1, -1), residuals (-2, -1), mean of squares (4 + 1) / 2 = 2.5.
        Assertions.assertThat(f.value(Matrices.of(new double[][] {{1}, {-1}}))).as("LinearRegression f.value(Matrices.of(new double[][] {{1}, {-1}}))").isCloseTo(2.5, Assertions.within(1e-15));
    }

    @Test
    void gradientByHand() {
        // Residuals r = (-2, -1); X^T r = (1*-2 + 3*-1, 2*-2 + 4*-1) = (-5, -8); times 2/N = 1.
        assertThat(f.gradient(Matrices.of(new double[][] {{1}, {-1}}))).as("LinearRegression f.gradient(Matrices.of(new double[][] {{1}, {-1}}))")
                .isCloseTo(Matrices.of(new double[][] {{-5}, {-8}}), 1e-15);
    }

    @Test
    void gradientMatchesCentredDifferences() {
        // Tolerance 1e-7; a correct gradient gives around 1e-10 here.
        DMatrixRMaj x = Matrices.of(new double[][] {{0.5, -1.2, 2.0}, {1.1, 0.3, -0.7}, {-0.4, 0.9, 0.2},
                {2.2, -0.1, 1.3}, {0.0, 1.7, -1.5}});
        DMatrixRMaj y = Matrices.of(new double[][] {{1.0}, {-0.5}, {0.3}, {2.0}, {-1.1}});
        LinearRegression g = new LinearRegression(x, y);
        DMatrixRMaj w = Matrices.of(new double[][] {{0.3}, {-0.8}, {1.4}});

        DMatrixRMaj numeric = GradientCheck.numericGradient(g::value, w);

        assertThat(g.gradient(w)).as("LinearRegression.gradient against centred differences").isCloseTo(numeric, 1e-7);
    }

    @Test
    void gradientIsZeroAtAnExactFit() {
        // y = X (1, 2) exactly, so w = (1, 2) fits with zero error.
        LinearRegression exact = new LinearRegression(
                Matrices.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}), Matrices.of(new double[][] {{1}, {2}, {3}}));
        DMatrixRMaj w = Matrices.of(new double[][] {{1}, {2}});
        Assertions.assertThat(exact.value(w)).as("LinearRegression exact.value(w)").isEqualTo(0.0);
        Assertions.assertThat(exact.gradient(w).data).as("LinearRegression exact.gradient(w).data").containsOnly(0.0);
    }

    @Test
    void wrongShapeOfWeightsIsRejected() {
        Assertions.assertThatIllegalArgumentException().as("LinearRegression: f.value(Matrices.row(1, 1)) throws").isThrownBy(() -> f.value(Matrices.row(1, 1)))
                .withMessageContaining("w: expected (D, 1) = (2, 1) but was (1, 2)");
    }
}
