package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clipping against torch.nn.utils.clip_grad_norm_ (max_norm 1.5) and clip_grad_value_ on three
 * tensors of different shapes: "clip_large" is clipped, "clip_small" is left as it is. Held to
 * 1e-9 (the norm is a sum of squares in a possibly different order); the largest relative error
 * observed is printed.
 */
class GradientClippingGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip_large", "clip_small"})
    void matchesPyTorch(String name) {
        JsonNode c = Golden.load("optim").get(name);
        List<Parameter> byNorm = parameters(c);
        double total = GradientClipping.clipByGlobalNorm(byNorm, c.get("max_norm").doubleValue());
        double worst = Matrices.relativeError(total, c.get("total_norm").doubleValue());
        assertThat(Matrices.row(total)).as("GradientClipping.clipByGlobalNorm total norm")
                .isCloseTo(Matrices.row(c.get("total_norm").doubleValue()), 1e-9);

        List<Parameter> byValue = parameters(c);
        GradientClipping.clipByValue(byValue, c.get("clip_value").doubleValue());
        for (int i = 0; i < byNorm.size(); i++) {
            assertThat(byNorm.get(i).grad()).as("clipped by norm, tensor " + i).isCloseTo(Golden.matrix(c.get("by_norm").get(i)), 1e-9);
            assertThat(byValue.get(i).grad()).as("clipped by value, tensor " + i).isCloseTo(Golden.matrix(c.get("by_value").get(i)), 1e-9);
            worst = Math.max(worst, Matrices.relativeError(byNorm.get(i).grad(), Golden.matrix(c.get("by_norm").get(i))));
            worst = Math.max(worst, Matrices.relativeError(byValue.get(i).grad(), Golden.matrix(c.get("by_value").get(i))));
        }
        System.out.printf("GradientClipping golden %s: largest relative error %.3g%n", name, worst);
    }

    private static List<Parameter> parameters(JsonNode c) {
        List<Parameter> params = new ArrayList<>();
        for (JsonNode g : c.get("grads")) {
            DMatrixRMaj grad = Golden.matrix(g);
            Parameter p = new Parameter("p" + params.size(), new DMatrixRMaj(grad.numRows, grad.numCols));
            p.grad().setTo(grad);
            params.add(p);
        }
        return params;
    }
}
