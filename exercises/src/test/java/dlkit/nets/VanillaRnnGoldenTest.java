package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * VanillaRnn against torch.nn.RNN(nonlinearity='tanh') with the same weights copied in
 * (the instructor's PyTorch script): W_xh = weight_ih_l0^T, W_hh = weight_hh_l0^T, b = bias_ih + bias_hh.
 * Five steps of products and tanh: the relative error stays at rounding level, below 1e-9.
 * Backward against autograd (the instructor's PyTorch script) on L = sum over t of sum(h_t * dh_t):
 * dx_t = xs.grad, dh_0 = h0.grad, dW_xh = weight_ih_l0.grad^T, dW_hh = weight_hh_l0.grad^T and
 * db = bias_ih_l0.grad (equal to bias_hh_l0.grad), also at 1e-9.
 */
class VanillaRnnGoldenTest {

    @Test
    void matchesPyTorch() {
        JsonNode c = NetsGolden.CASES.get("rnn");
        DMatrixRMaj b = Golden.matrix(c.get("bias_ih"));
        CommonOps_DDRM.addEquals(b, Golden.matrix(c.get("bias_hh")));
        VanillaRnn rnn = new VanillaRnn(Golden.matrix(c.get("wxh")), Golden.matrix(c.get("whh")), b);

        List<DMatrixRMaj> states = rnn.forward(NetsGolden.matrices(c.get("xs")), Golden.matrix(c.get("h0")));

        List<DMatrixRMaj> expected = NetsGolden.matrices(c.get("states"));
        assertThat(states).as("VanillaRnn.forward states").hasSameSizeAs(expected);
        double worst = 0;
        for (int t = 0; t < expected.size(); t++) {
            worst = Math.max(worst, Matrices.relativeError(states.get(t), expected.get(t)));
            assertThat(states.get(t)).as("h at step %d", t + 1).isCloseTo(expected.get(t), 1e-9);
        }
        assertThat(states.get(states.size() - 1)).as("VanillaRnn.forward h_n, the last hidden state").isCloseTo(Golden.matrix(c.get("h_n")), 1e-9);
        System.out.printf("VanillaRnn: relative error against PyTorch %.2g%n", worst);
    }

    @Test
    void backwardMatchesPyTorch() {
        JsonNode c = RecurrentGolden.CASES.get("rnn");
        VanillaRnn rnn = new VanillaRnn(Golden.matrix(c.get("wxh")), Golden.matrix(c.get("whh")), Golden.matrix(c.get("b")));
        List<DMatrixRMaj> xs = NetsGolden.matrices(c.get("xs"));
        DMatrixRMaj h0 = Golden.matrix(c.get("h0"));

        VanillaRnn.Gradients g = rnn.backward(xs, h0, NetsGolden.matrices(c.get("dhs")));

        List<DMatrixRMaj> dxs = NetsGolden.matrices(c.get("dxs"));
        assertThat(g.dxs()).as("VanillaRnn.backward dxs").hasSameSizeAs(dxs);
        double worst = 0;
        for (int t = 0; t < dxs.size(); t++) {
            assertThat(g.dxs().get(t)).as("VanillaRnn.backward dx at step %d", t + 1).isCloseTo(dxs.get(t), RecurrentGolden.TOLERANCE);
            worst = RecurrentGolden.worst(worst, g.dxs().get(t), dxs.get(t));
        }
        worst = Math.max(worst, RecurrentGolden.assertAllClose("VanillaRnn.backward", c, new String[] {"dwxh", "dwhh", "db", "dh0"},
                rnn.parameters().get(0).grad(), rnn.parameters().get(1).grad(), rnn.parameters().get(2).grad(), g.dh0()));
        System.out.printf("VanillaRnn.backward: relative error against PyTorch %.2g%n", worst);
    }
}
