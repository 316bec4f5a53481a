package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Gru against torch.nn.GRUCell and torch.nn.GRU (the instructor's PyTorch script), float64, with
 * W_x = weight_ih^T, W_h = weight_hh^T (column blocks r, z, n), b_x = bias_ih, b_h = bias_hh;
 * the reset gate scales (hPrev W_hn + b_hn), as PyTorch does. Backward against autograd on
 * L = sum(h * dh): dx, dhPrev, and the four parameter gradients (weights' transposed). All at
 * 1e-9 relative error (exact maths; the largest seen is printed).
 */
class GruGoldenTest {

    @Test
    void cellMatchesGruCell() {
        JsonNode c = RecurrentGolden.CASES.get("gru");
        Gru gru = new Gru(Golden.matrix(c.get("wx")), Golden.matrix(c.get("wh")), Golden.matrix(c.get("bx")),
                Golden.matrix(c.get("bh")));
        DMatrixRMaj x = Golden.matrix(c.get("x"));
        DMatrixRMaj hPrev = Golden.matrix(c.get("hPrev"));

        DMatrixRMaj h = gru.forward(x, hPrev);
        Gru.Gradients g = gru.backward(x, hPrev, Golden.matrix(c.get("dh")));

        double worst = RecurrentGolden.assertAllClose("Gru against GRUCell:", c,
                new String[] {"h", "dx", "dhPrev", "dwx", "dwh", "dbx", "dbh"}, h, g.dx(), g.dhPrev(),
                gru.parameters().get(0).grad(), gru.parameters().get(1).grad(), gru.parameters().get(2).grad(),
                gru.parameters().get(3).grad());
        System.out.printf("Gru cell: relative error against PyTorch %.2g%n", worst);
    }

    @Test
    void unrolledMatchesGru() {
        JsonNode c = RecurrentGolden.CASES.get("gru_sequence");
        Gru gru = new Gru(Golden.matrix(c.get("wx")), Golden.matrix(c.get("wh")), Golden.matrix(c.get("bx")),
                Golden.matrix(c.get("bh")));
        List<DMatrixRMaj> xs = NetsGolden.matrices(c.get("xs"));
        List<DMatrixRMaj> expected = NetsGolden.matrices(c.get("states"));
        DMatrixRMaj h = Golden.matrix(c.get("h0"));
        double worst = 0;
        for (int t = 0; t < xs.size(); t++) {
            h = gru.forward(xs.get(t), h);
            assertThat(h).as("Gru h at step %d against torch.nn.GRU", t + 1).isCloseTo(expected.get(t), RecurrentGolden.TOLERANCE);
            worst = RecurrentGolden.worst(worst, h, expected.get(t));
        }
        System.out.printf("Gru over a sequence: relative error against PyTorch %.2g%n", worst);
    }
}
