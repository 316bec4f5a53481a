package dlkit.layers;

import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against torch.nn.LeakyReLU (the instructor's PyTorch script): the same products, so 1e-12 holds. */
class LeakyReLUGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"leaky_relu_default", "leaky_relu_0.2"})
    void forwardAndBackwardMatchPyTorch(String name) {
        JsonNode c = Golden.load("layers").get(name);
        LeakyReLU layer = name.equals("leaky_relu_default") ? new LeakyReLU() : new LeakyReLU(c.get("slope").doubleValue());

        assertThat(layer.forward(matrix(c.get("x")))).as("LeakyReLU.forward y").isCloseTo(matrix(c.get("y")), 1e-12);
        assertThat(layer.backward(matrix(c.get("upstream")))).as("LeakyReLU.backward dx").isCloseTo(matrix(c.get("dx")), 1e-12);
    }

    @Test
    void theDefaultSlopeIsPyTorchs() {
        assertThat(new LeakyReLU().slope()).as("LeakyReLU new LeakyReLU().slope()").isEqualTo(Golden.load("layers").get("leaky_relu_default").get("slope").doubleValue());
    }
}
