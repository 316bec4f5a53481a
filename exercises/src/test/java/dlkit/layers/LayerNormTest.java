package dlkit.layers;

import static dlkit.layers.BatchNormTest.random;
import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    @Test
    void forwardByHand() {
        // Row {1, 3}: mean 2, biased variance 1. Row {0, 0}: mean 0, variance 0, so xhat = 0.
        // gamma = (2, 3), beta = (0.5, -1).
        LayerNorm ln = new LayerNorm(2);
        ln.gamma().value().setData(new double[] {2, 3});
        ln.beta().value().setData(new double[] {0.5, -1});
        DMatrixRMaj y = ln.forward(Matrices.of(new double[][] {{1, 3}, {0, 0}}));

        double a = 1 / Math.sqrt(1 + 1e-5);
        assertThat(y).as("LayerNorm.forward y").isCloseTo(Matrices.of(new double[][] {{0.5 - 2 * a, -1 + 3 * a}, {0.5, -1}}), 1e-12);
    }

    @Test
    void eachRowIsNormalisedOnItsOwn() {
        // A row's output does not depend on the other rows: a batch of one gives the same row.
        LayerNorm ln = new LayerNorm(5);
        DMatrixRMaj x = random(11, 3, 5, 4.0);
        DMatrixRMaj all = ln.forward(x);
        DMatrixRMaj second = ln.forward(Matrices.row(x.get(1, 0), x.get(1, 1), x.get(1, 2), x.get(1, 3), x.get(1, 4)));
        assertThat(second).as("LayerNorm.forward second").isCloseTo(Matrices.row(all.get(1, 0), all.get(1, 1), all.get(1, 2), all.get(1, 3), all.get(1, 4)), 1e-14);
    }

    @Test
    void backwardPassesNumericGradientChecks() {
        // Analytic and centred-difference gradients agree to about 1e-9; the test allows 1e-6.
        LayerNorm ln = new LayerNorm(6);
        ln.gamma().value().setTo(random(12, 1, 6, 1.0));
        ln.beta().value().setTo(random(13, 1, 6, 1.0));
        DMatrixRMaj x = random(14, 4, 6, 2.0);
        DMatrixRMaj up = random(15, 4, 6, 1.0);

        ln.forward(x);
        DMatrixRMaj dx = ln.backward(up);

        assertThat(dx).as("LayerNorm.backward dx").isCloseTo(GradientCheck.numericGradient(ln::forward, x, up), 1e-6);
        assertThat(ln.gamma().grad()).as("LayerNorm.backward gradient of gamma").isCloseTo(GradientCheck.numericGradient(m -> ln.forward(x), ln.gamma().value(), up), 1e-6);
        assertThat(ln.beta().grad()).as("LayerNorm.backward gradient of beta").isCloseTo(GradientCheck.numericGradient(m -> ln.forward(x), ln.beta().value(), up), 1e-6);
    }

    @Test
    void backwardAddsIntoTheParameterGradients() {
        LayerNorm ln = new LayerNorm(2);
        DMatrixRMaj up = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        ln.forward(Matrices.of(new double[][] {{1, 3}, {5, -2}}));
        ln.backward(up);
        ln.backward(up);
        assertThat(ln.beta().grad()).as("LayerNorm.backward gradient of beta").isCloseTo(Matrices.row(8, 12), 1e-12);
    }
}
