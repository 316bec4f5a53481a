package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MultiHeadAttention against torch.nn.MultiheadAttention(batch_first=True, dropout=0), its
 * in_proj_weight split into Wq, Wk, Wv and transposed (the instructor's PyTorch script): output,
 * every head's weights, dX and the eight parameter gradients from autograd, a batch of B sequences
 * as B forward/backward calls. Rounding level, held at 1e-9 relative error; the gradient of bk, 0
 * but for rounding, is held at 1e-12 absolutely.
 */
class MultiHeadAttentionGoldenTest {

    private static final String[] PARAMETERS = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};

    @ParameterizedTest
    @ValueSource(strings = {"mha_two_heads", "mha_one_head", "mha_causal_mask", "mha_padding_mask"})
    void matchesPyTorch(String name) {
        JsonNode c = TransformerGolden.CASES.get(name);
        MultiHeadAttention attention = TransformerGolden.attention(c);
        boolean[][] mask = c.has("mask") ? NetsGolden.mask(c.get("mask")) : null;
        List<DMatrixRMaj> xs = NetsGolden.matrices(c.get("x"));
        List<DMatrixRMaj> upstream = NetsGolden.matrices(c.get("upstream"));
        List<DMatrixRMaj> outs = NetsGolden.matrices(c.get("out"));
        List<DMatrixRMaj> dxs = NetsGolden.matrices(c.get("dx"));

        double worst = 0;
        for (int b = 0; b < xs.size(); b++) {
            DMatrixRMaj out = attention.forward(xs.get(b), mask);
            List<DMatrixRMaj> weights = NetsGolden.matrices(c.get("weights").get(b));
            for (int h = 0; h < weights.size(); h++) {
                assertThat(attention.weights(h)).as("MultiHeadAttention.weights(" + h + ") of sequence " + b)
                        .isCloseTo(weights.get(h), 1e-9);
            }
            DMatrixRMaj dx = attention.backward(upstream.get(b));
            worst = Math.max(worst, Math.max(Matrices.relativeError(out, outs.get(b)), Matrices.relativeError(dx, dxs.get(b))));
            assertThat(out).as("MultiHeadAttention.forward Y of sequence " + b).isCloseTo(outs.get(b), 1e-9);
            assertThat(dx).as("MultiHeadAttention.backward dX of sequence " + b).isCloseTo(dxs.get(b), 1e-9);
        }
        worst = Math.max(worst, TransformerGolden.checkGradients("MultiHeadAttention", attention.parameters(), PARAMETERS, c));
        System.out.printf("MultiHeadAttention %s: largest relative error against PyTorch %.2g%n", name, worst);
    }
}
