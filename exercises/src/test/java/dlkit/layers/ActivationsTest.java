package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** ReLU, Sigmoid and Tanh: values by hand, backward by hand and by centred differences (tolerance 1e-7). */
class ActivationsTest {

    private static final DMatrixRMaj X = Matrices.of(new double[][] {{-2, -0.5, 0}, {0.5, 1, 3}});
    private static final DMatrixRMaj DY = Matrices.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void reluForwardAndBackwardByHand() {
        ReLU relu = new ReLU();
        assertThat(relu.forward(X)).as("Activations relu.forward(X)").isCloseTo(Matrices.of(new double[][] {{0, 0, 0}, {0.5, 1, 3}}), 0);
        // The gradient passes where x > 0 only; at x = 0 it is 0 (PyTorch's convention).
        assertThat(relu.backward(DY)).as("Activations relu.backward(DY)").isCloseTo(Matrices.of(new double[][] {{0, 0, 0}, {4, 5, 6}}), 0);
    }

    @Test
    void sigmoidByHand() {
        // s(0) = 1/2 and s'(0) = 1/4; s(ln 3) = 3/4 and s'(ln 3) = 3/4 * 1/4 = 3/16.
        Sigmoid sigmoid = new Sigmoid();
        DMatrixRMaj y = sigmoid.forward(Matrices.row(0, Math.log(3), -Math.log(3)));
        assertThat(y).as("Activations.forward y").isCloseTo(Matrices.row(0.5, 0.75, 0.25), 1e-15);
        assertThat(sigmoid.backward(Matrices.row(1, 1, 2))).as("Activations sigmoid.backward(Matrices.row(1, 1, 2))").isCloseTo(Matrices.row(0.25, 3.0 / 16, 6.0 / 16), 1e-15);
    }

    @Test
    void sigmoidIsFiniteAtHugeInputs() {
        Sigmoid sigmoid = new Sigmoid();
        DMatrixRMaj y = sigmoid.forward(Matrices.row(-1000, 1000));
        assertThat(y).as("Activations.forward y").isFinite().isCloseTo(Matrices.row(0, 1), 0);
        assertThat(sigmoid.backward(Matrices.row(1, 1))).as("Activations sigmoid.backward(Matrices.row(1, 1))").isFinite();
    }

    @Test
    void tanhByHand() {
        // tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6, derivative 1 - 0.36 = 0.64.
        Tanh tanh = new Tanh();
        assertThat(tanh.forward(Matrices.row(Math.log(2), 0))).as("Activations tanh.forward(Matrices.row(Math.log(2), 0))").isCloseTo(Matrices.row(0.6, 0), 1e-15);
        assertThat(tanh.backward(Matrices.row(1, 3))).as("Activations tanh.backward(Matrices.row(1, 3))").isCloseTo(Matrices.row(0.64, 3), 1e-15);
    }

    @Test
    void backwardPassesMatchCentredDifferences() {
        SplittableRandom rng = new SplittableRandom(2);
        DMatrixRMaj x = DenseTest.random(rng, 4, 5);
        DMatrixRMaj dy = DenseTest.random(rng, 4, 5);
        for (int i = 0; i < x.data.length; i++) {
            if (Math.abs(x.data[i]) < 1e-3) {
                x.data[i] = 0.5; // keep away from ReLU's kink, where differences are meaningless
            }
        }
        for (Layer layer : new Layer[] {new ReLU(), new Sigmoid(), new Tanh()}) {
            layer.forward(x);
            DMatrixRMaj analytic = layer.backward(dy);
            DMatrixRMaj numeric = GradientCheck.numericGradient(layer::forward, x, dy);
            assertThat(analytic).as(layer.getClass().getSimpleName() + ".backward dX against centred differences").isCloseTo(numeric, 1e-7);
        }
    }

    @Test
    void forwardDoesNotModifyItsInput() {
        for (Layer layer : new Layer[] {new ReLU(), new Sigmoid(), new Tanh()}) {
            DMatrixRMaj x = X.copy();
            layer.forward(x);
            assertThat(x).as(layer.getClass().getSimpleName()).isCloseTo(X, 0);
        }
    }
}
