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

class LstmTest {

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    // D = H = 1, so W_x, W_h and b are rows of four, one number per gate: i, f, g, o.
    private final Lstm cell = new Lstm(Matrices.row(1.0, -1.0, 0.5, 2.0), Matrices.row(0.5, 0.25, -1.0, 1.0),
            Matrices.row(0.1, 0.2, 0.3, 0.4));
    private final DMatrixRMaj x = Matrices.row(1.0);
    private final DMatrixRMaj hPrev = Matrices.row(0.5);
    private final DMatrixRMaj cPrev = Matrices.row(2.0);

    // a = x W_x + hPrev W_h + b = (1 + 0.25 + 0.1, -1 + 0.125 + 0.2, 0.5 - 0.5 + 0.3, 2 + 0.5 + 0.4)
    private final double i = sigmoid(1.35);
    private final double f = sigmoid(-0.675);
    private final double g = Math.tanh(0.3);
    private final double o = sigmoid(2.9);

    @Test
    void gatesInPyTorchsOrderByHand() {
        assertThat(cell.gates(x, hPrev)).as("Lstm.gates [i | f | g | o], sigmoid except tanh on g")
                .isCloseTo(Matrices.row(i, f, g, o), 1e-15);
    }

    @Test
    void stepByHand() {
        Lstm.State s = cell.forward(x, hPrev, cPrev);
        double c = f * 2.0 + i * g;
        assertThat(s.c()).as("Lstm.forward c = f * cPrev + i * g").isCloseTo(Matrices.row(c), 1e-15);
        assertThat(s.h()).as("Lstm.forward h = o * tanh(c)").isCloseTo(Matrices.row(o * Math.tanh(c)), 1e-15);
    }

    @Test
    void cellGradientByHand() {
        // With dh = 0 and dc = 1 only the cell path counts: dcPrev = dc * f.
        Lstm.Gradients grads = cell.backward(x, hPrev, cPrev, Matrices.row(0.0), Matrices.row(1.0));
        assertThat(grads.dcPrev()).as("Lstm.backward dcPrev = dc * f").isCloseTo(Matrices.row(f), 1e-15);
        // da_f = dc * cPrev * f (1 - f); with x = 1 it is also dW_x's f entry.
        assertThat(cell.parameters().get(0).grad().get(0, 1)).as("Lstm.backward dW_x of the forget gate = cPrev f (1 - f)")
                .isCloseTo(2.0 * f * (1 - f), within(1e-15));
    }

    @Test
    void backwardAgreesWithCentredDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 3;
        int d = 2;
        int h = 3;
        Lstm lstm = new Lstm(gaussian(rng, d, 4 * h, 0.8), gaussian(rng, h, 4 * h, 0.8), gaussian(rng, 1, 4 * h, 0.5));
        DMatrixRMaj xs = gaussian(rng, n, d, 1.0);
        DMatrixRMaj hs = gaussian(rng, n, h, 0.7);
        DMatrixRMaj cs = gaussian(rng, n, h, 1.0);
        DMatrixRMaj dh = gaussian(rng, n, h, 1.0);
        DMatrixRMaj dc = gaussian(rng, n, h, 1.0);
        // L = sum(h * dh) + sum(c * dc); the matrices are nudged in place, so L reads them.
        ToDoubleFunction<DMatrixRMaj> loss = ignored -> {
            Lstm.State s = lstm.forward(xs, hs, cs);
            return VanillaRnnTest.dot(s.h(), dh) + VanillaRnnTest.dot(s.c(), dc);
        };
        Lstm.Gradients grads = lstm.backward(xs, hs, cs, dh, dc);
        assertThat(grads.dx()).as("Lstm.backward dx against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, xs), 1e-7);
        assertThat(grads.dhPrev()).as("Lstm.backward dhPrev against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, hs), 1e-7);
        assertThat(grads.dcPrev()).as("Lstm.backward dcPrev against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, cs), 1e-7);
        for (var p : lstm.parameters()) {
            assertThat(p.grad()).as("Lstm.backward d%s against centred differences", p.name())
                    .isCloseTo(GradientCheck.numericGradient(loss, p.value()), 1e-7);
        }
    }

    @Test
    void backwardAddsIntoTheGradients() {
        cell.backward(x, hPrev, cPrev, Matrices.row(1.0), Matrices.row(0.5));
        DMatrixRMaj twice = cell.parameters().get(1).grad().copy();
        for (int k = 0; k < twice.getNumElements(); k++) {
            twice.data[k] *= 2;
        }
        cell.backward(x, hPrev, cPrev, Matrices.row(1.0), Matrices.row(0.5));
        assertThat(cell.parameters().get(1).grad()).as("Lstm.backward dW_h after two calls: added, not overwritten")
                .isCloseTo(twice, 1e-14);
    }

    @Test
    void inputsAreNotModified() {
        DMatrixRMaj dh = Matrices.row(1.0);
        DMatrixRMaj dc = Matrices.row(-1.0);
        cell.forward(x, hPrev, cPrev);
        cell.backward(x, hPrev, cPrev, dh, dc);
        assertThat(x.data[0]).as("Lstm x.data[0]").isEqualTo(1.0);
        assertThat(hPrev.data[0]).as("Lstm hPrev.data[0]").isEqualTo(0.5);
        assertThat(cPrev.data[0]).as("Lstm cPrev.data[0]").isEqualTo(2.0);
        assertThat(dh.data[0]).as("Lstm dh.data[0]").isEqualTo(1.0);
        assertThat(dc.data[0]).as("Lstm dc.data[0]").isEqualTo(-1.0);
    }
}
