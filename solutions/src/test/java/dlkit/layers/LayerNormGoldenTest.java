package dlkit.layers;

import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Against torch.nn.LayerNorm (solutions/golden/layers.py); the arithmetic is the same, so 1e-9 holds. */
class LayerNormGoldenTest {

    @Test
    void forwardAndBackwardMatchPyTorch() {
        JsonNode c = Golden.load("layers").get("layer_norm");
        DMatrixRMaj gamma = matrix(c.get("gamma"));
        LayerNorm ln = new LayerNorm(gamma.numCols);
        ln.gamma().value().setTo(gamma);
        ln.beta().value().setTo(matrix(c.get("beta")));

        DMatrixRMaj y = ln.forward(matrix(c.get("x")));
        DMatrixRMaj dx = ln.backward(matrix(c.get("upstream")));

        assertThat(y).as("LayerNorm.forward y").isCloseTo(matrix(c.get("y")), 1e-9);
        assertThat(dx).as("LayerNorm.backward dx").isCloseTo(matrix(c.get("dx")), 1e-9);
        assertThat(ln.gamma().grad()).as("LayerNorm.backward dgamma").isCloseTo(matrix(c.get("dgamma")), 1e-9);
        assertThat(ln.beta().grad()).as("LayerNorm.backward dbeta").isCloseTo(matrix(c.get("dbeta")), 1e-9);
    }
}
