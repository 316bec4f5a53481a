package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class VanillaRnnTest {

    // D = 1, H = 1: W_xh = 0.5, W_hh = 2, b = 0.1.
    private final VanillaRnn rnn = new VanillaRnn(Matrices.row(0.5), Matrices.row(2.0), Matrices.row(0.1));

    @Test
    void oneStepByHand() {
        // tanh(x W_xh + h W_hh + b) = tanh(1 * 0.5 + 0.25 * 2 + 0.1) = tanh(1.1)
        assertThat(rnn.step(Matrices.row(1.0), Matrices.row(0.25))).as("VanillaRnn rnn.step(Matrices.row(1.0), Matrices.row(0.25))").isCloseTo(Matrices.row(Math.tanh(1.1)), 1e-15);
    }

    @Test
    void theStateIsCarriedFromStepToStep() {
        // h1 = tanh(0.5 * 1 + 2 * 0 + 0.1) = tanh(0.6)
        // h2 = tanh(0.5 * 0 + 2 * h1 + 0.1): the input is 0, only the memory of step 1 drives it
        // h3 = tanh(0.5 * -2 + 2 * h2 + 0.1)
        List<DMatrixRMaj> hs = rnn.forward(List.of(Matrices.row(1.0), Matrices.row(0.0), Matrices.row(-2.0)),
                Matrices.row(0.0));
        double h1 = Math.tanh(0.6);
        double h2 = Math.tanh(2 * h1 + 0.1);
        double h3 = Math.tanh(-1.0 + 2 * h2 + 0.1);
        assertThat(hs).as("VanillaRnn.forward hs").hasSize(3);
        assertThat(hs.get(0)).as("VanillaRnn hs.get(0)").isCloseTo(Matrices.row(h1), 1e-15);
        assertThat(hs.get(1)).as("VanillaRnn hs.get(1)").isCloseTo(Matrices.row(h2), 1e-15);
        assertThat(hs.get(2)).as("VanillaRnn hs.get(2)").isCloseTo(Matrices.row(h3), 1e-15);
    }

    @Test
    void matricesByHandWithABatchOfTwo() {
        // D = 2, H = 2. W_xh = [[1, 0], [0, 1]] (identity), W_hh = [[0, 1], [1, 0]] (swap), b = (0, 0.5).
        // Row 1: x = (1, 2), h = (3, 4): x W_xh + h W_hh + b = (1 + 4, 2 + 3 + 0.5) = (5, 5.5)
        // Row 2: x = (0, 0), h = (0, 0): (0, 0.5)
        VanillaRnn swap = new VanillaRnn(Matrices.of(new double[][] {{1, 0}, {0, 1}}),
                Matrices.of(new double[][] {{0, 1}, {1, 0}}), Matrices.row(0, 0.5));
        DMatrixRMaj h = swap.step(Matrices.of(new double[][] {{1, 2}, {0, 0}}), Matrices.of(new double[][] {{3, 4}, {0, 0}}));
        assertThat(h).as("VanillaRnn.step h").isCloseTo(Matrices.of(new double[][] {{Math.tanh(5), Math.tanh(5.5)}, {0, Math.tanh(0.5)}}), 1e-15);
    }

    @Test
    void statesStayInsideMinusOneToOne() {
        List<DMatrixRMaj> hs = rnn.forward(List.of(Matrices.row(100.0), Matrices.row(-100.0)), Matrices.row(0.0));
        assertThat(hs.get(0).get(0, 0)).as("VanillaRnn hs.get(0).get(0, 0)").isBetween(-1.0, 1.0);
        assertThat(hs.get(1).get(0, 0)).as("VanillaRnn hs.get(1).get(0, 0)").isBetween(-1.0, 1.0);
    }

    @Test
    void inputsAreNotModified() {
        DMatrixRMaj x = Matrices.row(1.0);
        DMatrixRMaj h0 = Matrices.row(0.3);
        rnn.forward(List.of(x, x), h0);
        assertThat(x.data[0]).as("VanillaRnn x.data[0]").isEqualTo(1.0);
        assertThat(h0.data[0]).as("VanillaRnn h0.data[0]").isEqualTo(0.3);
    }

    @Test
    void backwardByHandOverTwoSteps() {
        // D = H = 1, W_xh = 0.5, W_hh = 2, b = 0.1, x = (1, -1), h0 = 0; the loss reads h_2 only.
        // h1 = tanh(0.6), h2 = tanh(-0.5 + 2 h1 + 0.1).
        // da2 = 1 * (1 - h2^2); dx2 = 0.5 da2; sent back to h1: 2 da2.
        // da1 = 2 da2 (1 - h1^2); dx1 = 0.5 da1; dh0 = 2 da1.
        // dW_xh = x1 da1 + x2 da2, dW_hh = h0 da1 + h1 da2 = h1 da2, db = da1 + da2.
        VanillaRnn fresh = new VanillaRnn(Matrices.row(0.5), Matrices.row(2.0), Matrices.row(0.1));
        double h1 = Math.tanh(0.6);
        double h2 = Math.tanh(-0.5 + 2 * h1 + 0.1);
        double da2 = 1 - h2 * h2;
        double da1 = 2 * da2 * (1 - h1 * h1);
        VanillaRnn.Gradients g = fresh.backward(List.of(Matrices.row(1.0), Matrices.row(-1.0)), Matrices.row(0.0),
                List.of(Matrices.row(0.0), Matrices.row(1.0)));
        assertThat(g.dxs().get(0)).as("VanillaRnn.backward dx_1: the loss at step 2 reaches step 1").isCloseTo(Matrices.row(0.5 * da1), 1e-14);
        assertThat(g.dxs().get(1)).as("VanillaRnn.backward dx_2").isCloseTo(Matrices.row(0.5 * da2), 1e-14);
        assertThat(g.dh0()).as("VanillaRnn.backward dh0").isCloseTo(Matrices.row(2 * da1), 1e-14);
        assertThat(fresh.parameters().get(0).grad()).as("VanillaRnn.backward dW_xh").isCloseTo(Matrices.row(da1 - da2), 1e-14);
        assertThat(fresh.parameters().get(1).grad()).as("VanillaRnn.backward dW_hh: h_{t-1}, not h_t").isCloseTo(Matrices.row(h1 * da2), 1e-14);
        assertThat(fresh.parameters().get(2).grad()).as("VanillaRnn.backward db").isCloseTo(Matrices.row(da1 + da2), 1e-14);
    }

    @Test
    void backwardAgreesWithCentredDifferences() {
        SplittableRandom rng = new SplittableRandom(16);
        int t = 5;
        int n = 2;
        VanillaRnn net = new VanillaRnn(gaussian(rng, 3, 4, 0.7), gaussian(rng, 4, 4, 0.7), gaussian(rng, 1, 4, 0.5));
        List<DMatrixRMaj> xs = new ArrayList<>();
        List<DMatrixRMaj> dhs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            xs.add(gaussian(rng, n, 3, 1.0));
            dhs.add(gaussian(rng, n, 4, 1.0));
        }
        DMatrixRMaj h0 = gaussian(rng, n, 4, 0.5);
        // L = sum over t of sum(h_t * dh_t); every matrix below is nudged in place, so L reads it.
        java.util.function.ToDoubleFunction<DMatrixRMaj> loss = ignored -> {
            double sum = 0;
            List<DMatrixRMaj> hs = net.forward(xs, h0);
            for (int s = 0; s < t; s++) {
                sum += dot(hs.get(s), dhs.get(s));
            }
            return sum;
        };
        VanillaRnn.Gradients g = net.backward(xs, h0, dhs);
        for (int s = 0; s < t; s++) {
            assertThat(g.dxs().get(s)).as("VanillaRnn.backward dx at step %d against centred differences", s + 1)
                    .isCloseTo(GradientCheck.numericGradient(loss, xs.get(s)), 1e-7);
        }
        assertThat(g.dh0()).as("VanillaRnn.backward dh0 against centred differences")
                .isCloseTo(GradientCheck.numericGradient(loss, h0), 1e-7);
        for (var p : net.parameters()) {
            assertThat(p.grad()).as("VanillaRnn.backward d%s against centred differences", p.name())
                    .isCloseTo(GradientCheck.numericGradient(loss, p.value()), 1e-7);
        }
    }

    @Test
    void backwardAddsIntoTheGradients() {
        VanillaRnn fresh = new VanillaRnn(Matrices.row(0.5), Matrices.row(2.0), Matrices.row(0.1));
        List<DMatrixRMaj> xs = List.of(Matrices.row(1.0), Matrices.row(-1.0));
        List<DMatrixRMaj> dhs = List.of(Matrices.row(0.3), Matrices.row(1.0));
        fresh.backward(xs, Matrices.row(0.0), dhs);
        DMatrixRMaj once = fresh.parameters().get(1).grad().copy();
        fresh.backward(xs, Matrices.row(0.0), dhs);
        DMatrixRMaj twice = once.copy();
        twice.data[0] *= 2;
        assertThat(fresh.parameters().get(1).grad()).as("VanillaRnn.backward dW_hh after two calls: added, not overwritten")
                .isCloseTo(twice, 1e-14);
    }

    @Test
    void backwardLeavesItsInputsAlone() {
        DMatrixRMaj x = Matrices.row(1.0);
        DMatrixRMaj h0 = Matrices.row(0.3);
        DMatrixRMaj dh = Matrices.row(-2.0);
        rnn.backward(List.of(x, x), h0, List.of(dh, dh));
        assertThat(x.data[0]).as("VanillaRnn.backward x.data[0]").isEqualTo(1.0);
        assertThat(h0.data[0]).as("VanillaRnn.backward h0.data[0]").isEqualTo(0.3);
        assertThat(dh.data[0]).as("VanillaRnn.backward dh.data[0]").isEqualTo(-2.0);
    }

    /** sum(a * b) element-wise: the loss whose gradient with respect to a is b. */
    static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    static DMatrixRMaj gaussian(SplittableRandom rng, int rows, int cols, double std) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return m;
    }
}
