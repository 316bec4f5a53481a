package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TransformerEncoderBlock, built by {@code of} from your own MultiHeadAttention, LayerNorm, Dense
 * and ReLU, against torch.nn.TransformerEncoderLayer(norm_first=False, dropout=0,
 * activation="relu", batch_first=True) with every parameter drawn at random
 * (the instructor's PyTorch script): output, dX and all sixteen parameter gradients from autograd,
 * a batch of B sequences as B forward/backward calls. Held at 1e-9 relative error; the gradient of
 * bk, 0 but for rounding, at 1e-12 absolutely.
 */
class TransformerEncoderBlockGoldenTest {

    /** The block's parameters in the order of {@code parameters()}, as the golden file names their gradients. */
    private static final String[] PARAMETERS = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo",
        "gamma1", "beta1", "w1", "b1", "w2", "b2", "gamma2", "beta2"};

    @ParameterizedTest
    @ValueSource(strings = {"block", "block_one_head"})
    void matchesPyTorch(String name) {
        JsonNode c = TransformerGolden.CASES.get(name);
        TransformerEncoderBlock block = TransformerGolden.block(c);
        List<DMatrixRMaj> xs = NetsGolden.matrices(c.get("x"));
        List<DMatrixRMaj> upstream = NetsGolden.matrices(c.get("upstream"));
        List<DMatrixRMaj> outs = NetsGolden.matrices(c.get("out"));
        List<DMatrixRMaj> dxs = NetsGolden.matrices(c.get("dx"));

        double worst = 0;
        for (int b = 0; b < xs.size(); b++) {
            DMatrixRMaj out = block.forward(xs.get(b));
            DMatrixRMaj dx = block.backward(upstream.get(b));
            worst = Math.max(worst, Math.max(Matrices.relativeError(out, outs.get(b)), Matrices.relativeError(dx, dxs.get(b))));
            assertThat(out).as("TransformerEncoderBlock.forward Y of sequence " + b).isCloseTo(outs.get(b), 1e-9);
            assertThat(dx).as("TransformerEncoderBlock.backward dX of sequence " + b).isCloseTo(dxs.get(b), 1e-9);
        }
        worst = Math.max(worst, TransformerGolden.checkGradients("TransformerEncoderBlock", block.parameters(), PARAMETERS, c));
        System.out.printf("TransformerEncoderBlock %s: largest relative error against PyTorch %.2g%n", name, worst);
    }
}
