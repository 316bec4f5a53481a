package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Reads golden/transformer.json (written by the instructor's PyTorch script) for the Transformer's golden tests. */
final class TransformerGolden {

    static final JsonNode CASES = Golden.load("transformer");

    private TransformerGolden() {}

    /** The case's attention, with PyTorch's weights in the kit's layout. */
    static MultiHeadAttention attention(JsonNode c) {
        return new MultiHeadAttention(m(c, "wq"), m(c, "bq"), m(c, "wk"), m(c, "bk"), m(c, "wv"), m(c, "bv"),
                m(c, "wo"), m(c, "bo"), c.get("heads").intValue());
    }

    /** The case's encoder block, built by {@link TransformerEncoderBlock#of} with PyTorch's norms' gamma and beta. */
    static TransformerEncoderBlock block(JsonNode c) {
        TransformerEncoderBlock block = TransformerEncoderBlock.of(attention(c), new Dense(m(c, "w1"), m(c, "b1")),
                new Dense(m(c, "w2"), m(c, "b2")));
        String[] norms = {"gamma1", "beta1", "gamma2", "beta2"};
        List<Parameter> ps = block.parameters();
        // attention's 8, norm1's gamma and beta, linear1's 2, linear2's 2, norm2's gamma and beta
        ps.get(8).value().setTo(m(c, norms[0]));
        ps.get(9).value().setTo(m(c, norms[1]));
        ps.get(14).value().setTo(m(c, norms[2]));
        ps.get(15).value().setTo(m(c, norms[3]));
        return block;
    }

    /**
     * Asserts each parameter's gradient against the case's {@code grad_<name>}, at 1e-9 relative
     * error; bk's, 0 but for rounding (see MultiHeadAttention.backward), at 1e-12 absolutely.
     *
     * @return the largest relative error of the others
     */
    static double checkGradients(String owner, List<Parameter> parameters, String[] names, JsonNode c) {
        double worst = 0;
        for (int p = 0; p < names.length; p++) {
            DMatrixRMaj grad = parameters.get(p).grad();
            if (names[p].equals("bk")) {
                assertThat(CommonOps_DDRM.elementMaxAbs(grad)).as(owner + ".backward largest |gradient of bk|, which is 0"
                        + " but for rounding").isLessThan(1e-12);
                continue;
            }
            DMatrixRMaj expected = m(c, "grad_" + names[p]);
            worst = Math.max(worst, Matrices.relativeError(grad, expected));
            assertThat(grad).as(owner + ".backward gradient of " + names[p] + ", summed over the batch")
                    .isCloseTo(expected, 1e-9);
        }
        return worst;
    }

    static DMatrixRMaj m(JsonNode c, String field) {
        return Golden.matrix(c.get(field));
    }
}
