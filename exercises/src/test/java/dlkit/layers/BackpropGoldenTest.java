package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The layers against torch autograd (golden/backprop.json): forward outputs and the
 * vector-Jacobian products for a given upstream gradient dY. The maths is exact, so only
 * rounding separates the two: the largest relative error observed is 1.2e-13 (softmax's
 * backward, where dy - sum(dy y) cancels), all others below 1e-13.
 */
class BackpropGoldenTest {

    private static final double TOLERANCE = 1e-9;
    private static final JsonNode GOLDEN = Golden.load("backprop");

    private static DMatrixRMaj m(JsonNode c, String field) {
        return Golden.matrix(c.get(field));
    }

    @Test
    void denseMatchesTorch() {
        JsonNode c = GOLDEN.get("dense");
        Dense dense = new Dense(m(c, "W"), m(c, "b"));

        assertThat(dense.forward(m(c, "X"))).as("Dense.forward Y").isCloseTo(m(c, "Y"), TOLERANCE);
        assertThat(dense.backward(m(c, "dY"))).as("Dense.backward dX").isCloseTo(m(c, "dX"), TOLERANCE);
        assertThat(dense.weight().grad()).as("Dense.backward dW").isCloseTo(m(c, "dW"), TOLERANCE);
        assertThat(dense.bias().grad()).as("Dense.backward db").isCloseTo(m(c, "db"), TOLERANCE);
    }

    @Test
    void reluMatchesTorchIncludingAtZero() {
        activation("relu", new ReLU());
    }

    @Test
    void sigmoidMatchesTorchIncludingAtPlusMinus1000() {
        activation("sigmoid", new Sigmoid());
    }

    @Test
    void tanhMatchesTorch() {
        activation("tanh", new Tanh());
    }

    @Test
    void softmaxMatchesTorchIncludingAtPlusMinus1000() {
        activation("softmax", new Softmax());
    }

    @Test
    void denseTanhDenseMatchesTorch() {
        JsonNode c = GOLDEN.get("sequential");
        Dense first = new Dense(m(c, "W1"), m(c, "b1"));
        Dense second = new Dense(m(c, "W2"), m(c, "b2"));
        Sequential net = new Sequential(first, new Tanh(), second);

        assertThat(net.forward(m(c, "X"))).as("Sequential.forward Y").isCloseTo(m(c, "Y"), TOLERANCE);
        assertThat(net.backward(m(c, "dY"))).as("Sequential.backward dX").isCloseTo(m(c, "dX"), TOLERANCE);
        assertThat(first.weight().grad()).as("Sequential.backward dW1").isCloseTo(m(c, "dW1"), TOLERANCE);
        assertThat(first.bias().grad()).as("Sequential.backward db1").isCloseTo(m(c, "db1"), TOLERANCE);
        assertThat(second.weight().grad()).as("Sequential.backward dW2").isCloseTo(m(c, "dW2"), TOLERANCE);
        assertThat(second.bias().grad()).as("Sequential.backward db2").isCloseTo(m(c, "db2"), TOLERANCE);
    }

    private static void activation(String name, Layer layer) {
        JsonNode c = GOLDEN.get(name);
        assertThat(layer.forward(m(c, "X"))).as(name + " Y").isFinite().isCloseTo(m(c, "Y"), TOLERANCE);
        assertThat(layer.backward(m(c, "dY"))).as(name + " dX").isFinite().isCloseTo(m(c, "dX"), TOLERANCE);
    }
}
