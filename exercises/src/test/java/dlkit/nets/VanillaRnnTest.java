package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import java.util.List;
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
}
