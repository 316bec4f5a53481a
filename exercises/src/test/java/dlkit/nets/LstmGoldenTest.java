package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Lstm against torch.nn.LSTMCell and torch.nn.LSTM (the instructor's PyTorch script), float64, with
 * W_x = weight_ih^T, W_h = weight_hh^T (column blocks i, f, g, o) and b = bias_ih + bias_hh.
 * Backward against autograd on L = sum(h * dh) + sum(c * dc): dx, dhPrev, dcPrev, dW_x =
 * weight_ih.grad^T, dW_h = weight_hh.grad^T, db = bias_ih.grad. All at 1e-9 relative error
 * (exact maths; the largest seen is printed).
 */
class LstmGoldenTest {

    @Test
    void cellMatchesLstmCell() {
        JsonNode c = RecurrentGolden.CASES.get("lstm");
        Lstm lstm = new Lstm(Golden.matrix(c.get("wx")), Golden.matrix(c.get("wh")), Golden.matrix(c.get("b")));
        DMatrixRMaj x = Golden.matrix(c.get("x"));
        DMatrixRMaj hPrev = Golden.matrix(c.get("hPrev"));
        DMatrixRMaj cPrev = Golden.matrix(c.get("cPrev"));

        Lstm.State s = lstm.forward(x, hPrev, cPrev);
        Lstm.Gradients g = lstm.backward(x, hPrev, cPrev, Golden.matrix(c.get("dh")), Golden.matrix(c.get("dc")));

        double worst = RecurrentGolden.assertAllClose("Lstm against LSTMCell:", c,
                new String[] {"h", "c", "dx", "dhPrev", "dcPrev", "dwx", "dwh", "db"}, s.h(), s.c(), g.dx(), g.dhPrev(),
                g.dcPrev(), lstm.parameters().get(0).grad(), lstm.parameters().get(1).grad(), lstm.parameters().get(2).grad());
        System.out.printf("Lstm cell: relative error against PyTorch %.2g%n", worst);
    }

    @Test
    void unrolledMatchesLstm() {
        JsonNode c = RecurrentGolden.CASES.get("lstm_sequence");
        Lstm lstm = new Lstm(Golden.matrix(c.get("wx")), Golden.matrix(c.get("wh")), Golden.matrix(c.get("b")));
        List<DMatrixRMaj> xs = NetsGolden.matrices(c.get("xs"));
        List<DMatrixRMaj> expected = NetsGolden.matrices(c.get("states"));
        Lstm.State s = new Lstm.State(Golden.matrix(c.get("h0")), Golden.matrix(c.get("c0")));
        double worst = 0;
        for (int t = 0; t < xs.size(); t++) {
            s = lstm.forward(xs.get(t), s.h(), s.c());
            assertThat(s.h()).as("Lstm h at step %d against torch.nn.LSTM", t + 1).isCloseTo(expected.get(t), RecurrentGolden.TOLERANCE);
            worst = RecurrentGolden.worst(worst, s.h(), expected.get(t));
        }
        assertThat(s.c()).as("Lstm c at the last step against torch.nn.LSTM's c_n").isCloseTo(Golden.matrix(c.get("c_n")), RecurrentGolden.TOLERANCE);
        System.out.printf("Lstm over a sequence: relative error against PyTorch %.2g%n", worst);
    }
}
