package dlkit.layers;

import static dlkit.layers.BatchNormTest.random;
import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LeakyReLUTest {

    @Test
    void forwardAndBackwardByHandWithTheDefaultSlope() {
        LeakyReLU layer = new LeakyReLU();
        DMatrixRMaj y = layer.forward(Matrices.row(-2, -0.5, 0, 3));
        // Negatives are multiplied by 0.01; positives pass.
        assertThat(y).as("LeakyReLU.forward y").isCloseTo(Matrices.row(-0.02, -0.005, 0, 3), 1e-15);
        // Derivative 0.01 at x <= 0 (0 included, as PyTorch), 1 at x > 0.
        DMatrixRMaj dx = layer.backward(Matrices.row(10, 10, 10, 10));
        assertThat(dx).as("LeakyReLU.backward dx").isCloseTo(Matrices.row(0.1, 0.1, 0.1, 10), 1e-15);
    }

    @Test
    void backwardPassesANumericGradientCheck() {
        // Random inputs are never exactly at the kink; expect agreement to about 1e-10.
        LeakyReLU layer = new LeakyReLU(0.2);
        DMatrixRMaj x = random(21, 5, 4, 1.0);
        DMatrixRMaj up = random(22, 5, 4, 1.0);
        layer.forward(x);
        assertThat(layer.backward(up)).as("LeakyReLU layer.backward(up)").isCloseTo(GradientCheck.numericGradient(layer::forward, x, up), 1e-8);
    }

    @Test
    void forwardDoesNotModifyItsInput() {
        DMatrixRMaj x = Matrices.row(-1, 2);
        new LeakyReLU().forward(x);
        assertThat(x).as("LeakyReLU x").isCloseTo(Matrices.row(-1, 2), 0.0);
    }
}
