package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * DigitCnn against the same network in PyTorch (the instructor's PyTorch script: conv2d with padding 1,
 * relu, max_pool2d(2, 2), flatten, x W + b; autograd for an upstream dY), with 4 filters.
 * Sums in another order: below 1e-9 (about 1e-15 observed).
 */
class DigitCnnGoldenTest {

    @Test
    void forwardAndBackwardMatchPyTorch() {
        JsonNode c = Golden.load("cnn").get("cnn");
        DigitCnn cnn = new DigitCnn(
                new Conv2d(1, 3, 3, 1, 1, Golden.matrix(c.get("convWeight")), Golden.matrix(c.get("convBias"))),
                new MaxPool2d(2, 2),
                new Dense(Golden.matrix(c.get("denseWeight")), Golden.matrix(c.get("denseBias"))));
        DMatrixRMaj logits = cnn.forward(Golden.matrix(c.get("x")));
        DMatrixRMaj dx = cnn.backward(Golden.matrix(c.get("dy")));
        String[] grads = {"dConvWeight", "dConvBias", "dDenseWeight", "dDenseBias"};
        double worst = Math.max(Matrices.relativeError(logits, Golden.matrix(c.get("logits"))),
                Matrices.relativeError(dx, Golden.matrix(c.get("dx"))));
        for (int i = 0; i < grads.length; i++) {
            worst = Math.max(worst, Matrices.relativeError(cnn.parameters().get(i).grad(), Golden.matrix(c.get(grads[i]))));
        }
        System.out.printf("DigitCnn: largest relative error against PyTorch %.2g%n", worst);
        assertThat(logits).as("DigitCnn.forward logits").isCloseTo(Golden.matrix(c.get("logits")), 1e-9);
        assertThat(dx).as("DigitCnn.backward dX").isCloseTo(Golden.matrix(c.get("dx")), 1e-9);
        for (int i = 0; i < grads.length; i++) {
            assertThat(cnn.parameters().get(i).grad()).as("DigitCnn.backward " + grads[i])
                    .isCloseTo(Golden.matrix(c.get(grads[i])), 1e-9);
        }
    }
}
