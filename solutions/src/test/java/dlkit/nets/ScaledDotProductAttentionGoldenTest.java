package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ScaledDotProductAttention against PyTorch's softmax(Q K^T / sqrt(d_k)).masked_fill(-inf) V
 * (torch 1.13 has no scaled_dot_product_attention; solutions/golden/nets.py). Rounding level,
 * below 1e-9; "attention_large_scores" has scores near 1400, where a naive exp overflows.
 */
class ScaledDotProductAttentionGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"attention_no_mask", "attention_mask", "attention_large_scores"})
    void matchesPyTorch(String name) {
        JsonNode c = NetsGolden.CASES.get(name);
        DMatrixRMaj q = Golden.matrix(c.get("q"));
        DMatrixRMaj k = Golden.matrix(c.get("k"));
        DMatrixRMaj v = Golden.matrix(c.get("v"));
        boolean[][] mask = c.has("mask") ? NetsGolden.mask(c.get("mask")) : null;

        DMatrixRMaj weights = ScaledDotProductAttention.weights(q, k, mask);
        DMatrixRMaj out = ScaledDotProductAttention.forward(q, k, v, mask);

        DMatrixRMaj expectedWeights = Golden.matrix(c.get("weights"));
        DMatrixRMaj expectedOut = Golden.matrix(c.get("out"));
        System.out.printf("ScaledDotProductAttention %s: relative error against PyTorch %.2g (weights), %.2g (output)%n",
                name, Matrices.relativeError(weights, expectedWeights), Matrices.relativeError(out, expectedOut));
        assertThat(weights).as("ScaledDotProductAttention.weights").isCloseTo(expectedWeights, 1e-9);
        assertThat(out).as("ScaledDotProductAttention.forward output").isCloseTo(expectedOut, 1e-9);
    }
}
