package dlkit.nets;

import static dlkit.nets.VanillaRnnTest.gaussian;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GruTest {

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    // D = H = 1, so the weights and biases are rows of three, one number per gate: r, z, n.
    private final Gru cell = new Gru(Matrices.row(1.0, -0.5, 2.0), Matrices.row(0.5, 1.0, -1.5),
            Matrices.row(0.1, 0.2, 0.3), Matrices.row(-0.2, 0.1, 0.8));
    private final DMatrixRMaj x = Matrices.row(1.0);
    private final DMatrixRMaj hPrev = Matrices.row(0.5);

    // ax = x W_x + b_x = (1.1, -0.3, 2.3); ah = hPrev W_h + b_h = (0.05, 0.6, 0.05)
    private final double r = sigmoid(1.1 + 0.05);
    private final double z = sigmoid(-0.3 + 0.6);
    // r scales ah_n = hPrev W_hn + b_hn, bias included (PyTorch's convention)
    private final double n = Math.tanh(2.3 + r * 0.05);

    @Test
    void gatesInPyTorchsOrderByHand() {
        assertThat(cell.gates(x, hPrev)).as("Gru.gates [r | z | n], n = tanh(ax_n + r * (hPrev W_hn + b_hn))")
                .isCloseTo(Matrices.row(r, z, n), 1e-15);
    }

    @Test
    void stepByHand() {
        assertThat(cell.forward(x, hPrev)).as("Gru.forward h = (1 - z) * n + z * hPrev")
                .isCloseTo(Matrices.row((1 - z) * n + z * 0.5), 1e-15);
    }

    @Test
    void resetGateScalesTheBiasToo() {
        // With hPrev = 0, ah_n = b_hn = 0.8: PyTorch's n = tanh(ax_n + r * 0.8). Scaling hPrev before
        // the product, as the original paper, would give tanh(ax_n + 0.8) instead.
        DMatrixRMaj zero = Matrices.row(0.0);
        double r0 = sigmoid(1.1 - 0.2);
        assertThat(cell.gates(x, zero).get(0, 2)).as("Gru.gates n with hPrev = 0")
                .isCloseTo(Math.tanh(2.3 + r0 * 0.8), within(1e-15));
    }

    @Test
    void backwardAgreesWithCentredDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        int rows = 3;
        int d = 2;
        int h = 3;
        Gru gru = new Gru(gaussian(rng, d, 3 * h, 0.8), gaussian(rng, h, 3 * h, 0.8), gaussian(rng, 1, 3 * h, 0.5),
                gaussian(rng, 1, 3 * h, 0.5));
        DMatrixRMaj xs = gaussian(rng, rows, d, 1.0);
        DMatrixRMaj hs = gaussian(rng, rows, h, 0.7);
        DMatrixRMaj dh = gaussian(rng, rows, h, 1.0);
        // L = sum(h * dh); the matrices are nudged in place, so L reads them.
        ToDoubleFunction<DMatrixRMaj> loss = ignored -> VanillaRnnTest.dot(gru.forward(xs, hs), dh);
        Gru.Gradients grads = gru.backward(xs, hs, dh);
        assertThat(grads.dx()).as("Gru.backward dx against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, xs), 1e-7);
        assertThat(grads.dhPrev()).as("Gru.backward dhPrev against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, hs), 1e-7);
        for (var p : gru.parameters()) {
            assertThat(p.grad()).as("Gru.backward d%s against centred differences", p.name())
                    .isCloseTo(GradientCheck.numericGradient(loss, p.value()), 1e-7);
        }
    }

    @Test
    void backwardAddsIntoTheGradients() {
        cell.backward(x, hPrev, Matrices.row(1.0));
        DMatrixRMaj twice = cell.parameters().get(3).grad().copy();
        for (int k = 0; k < twice.getNumElements(); k++) {
            twice.data[k] *= 2;
        }
        cell.backward(x, hPrev, Matrices.row(1.0));
        assertThat(cell.parameters().get(3).grad()).as("Gru.backward db_h after two calls: added, not overwritten")
                .isCloseTo(twice, 1e-14);
    }

    @Test
    void inputsAreNotModified() {
        DMatrixRMaj dh = Matrices.row(1.0);
        cell.forward(x, hPrev);
        cell.backward(x, hPrev, dh);
        assertThat(x.data[0]).as("Gru x.data[0]").isEqualTo(1.0);
        assertThat(hPrev.data[0]).as("Gru hPrev.data[0]").isEqualTo(0.5);
        assertThat(dh.data[0]).as("Gru dh.data[0]").isEqualTo(1.0);
    }
}
