package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conv2d against torch.nn.functional.conv2d, forward (the instructor's PyTorch script) and backward
 * (the instructor's PyTorch script: x.grad, weight.grad and bias.grad of autograd for an upstream dY).
 * The sums are the same few products in another order, so the relative error is at rounding
 * level: below 1e-9 (about 1e-16 observed).
 */
class Conv2dGoldenTest {

    private static final JsonNode BACKWARD = Golden.load("cnn");

    @ParameterizedTest
    @ValueSource(strings = {"conv_stride2_pad1", "conv_rect_stride3_pad2", "conv_stride1_pad0"})
    void matchesPyTorch(String name) {
        JsonNode c = NetsGolden.CASES.get(name);
        int height = c.get("height").intValue();
        int width = c.get("width").intValue();
        int kernelHeight = c.get("kernelHeight").intValue();
        int kernelWidth = c.get("kernelWidth").intValue();
        int stride = c.get("stride").intValue();
        int padding = c.get("padding").intValue();
        assertThat(Conv2d.outputSize(height, kernelHeight, stride, padding)).as("Conv2d.outputSize(height, kernelHeight, stride, padding)").isEqualTo(c.get("outHeight").intValue());
        assertThat(Conv2d.outputSize(width, kernelWidth, stride, padding)).as("Conv2d.outputSize(width, kernelWidth, stride, padding)").isEqualTo(c.get("outWidth").intValue());

        Conv2d conv = new Conv2d(c.get("channels").intValue(), kernelHeight, kernelWidth, stride, padding,
                Golden.matrix(c.get("weight")), Golden.matrix(c.get("bias")));
        DMatrixRMaj out = conv.forward(Golden.matrix(c.get("x")), height, width);
        DMatrixRMaj expected = Golden.matrix(c.get("out"));
        System.out.printf("Conv2d %s: relative error against PyTorch %.2g%n", name, Matrices.relativeError(out, expected));
        assertThat(out).as("Conv2d.forward out").isCloseTo(expected, 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_stride2_pad1", "conv_rect_stride3_pad2", "conv_stride1_pad0", "conv_stride1_pad1_overlap"})
    void backwardMatchesPyTorch(String name) {
        JsonNode c = BACKWARD.get(name);
        Conv2d conv = new Conv2d(c.get("channels").intValue(), c.get("kernelHeight").intValue(),
                c.get("kernelWidth").intValue(), c.get("stride").intValue(), c.get("padding").intValue(),
                Golden.matrix(c.get("weight")), Golden.matrix(c.get("bias")));
        DMatrixRMaj out = conv.forward(Golden.matrix(c.get("x")), c.get("height").intValue(), c.get("width").intValue());
        DMatrixRMaj dx = conv.backward(Golden.matrix(c.get("dy")));
        double worst = Math.max(Matrices.relativeError(dx, Golden.matrix(c.get("dx"))),
                Math.max(Matrices.relativeError(conv.weight().grad(), Golden.matrix(c.get("dw"))),
                        Matrices.relativeError(conv.bias().grad(), Golden.matrix(c.get("db")))));
        System.out.printf("Conv2d backward %s: largest relative error against PyTorch %.2g%n", name, worst);
        assertThat(out).as("Conv2d.forward out").isCloseTo(Golden.matrix(c.get("out")), 1e-9);
        assertThat(dx).as("Conv2d.backward dX").isCloseTo(Golden.matrix(c.get("dx")), 1e-9);
        assertThat(conv.weight().grad()).as("Conv2d.backward dW").isCloseTo(Golden.matrix(c.get("dw")), 1e-9);
        assertThat(conv.bias().grad()).as("Conv2d.backward db").isCloseTo(Golden.matrix(c.get("db")), 1e-9);
    }
}
