package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conv2d against torch.nn.functional.conv2d (the instructor's PyTorch script). The sums are the same
 * few products in another order, so the relative error is at rounding level: below 1e-9 (about
 * 1e-15 observed).
 */
class Conv2dGoldenTest {

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
}
