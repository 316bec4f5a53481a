package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Gradient descent against torch.optim.SGD (golden/gradient_descent.json). The maths is exact,
 * so only rounding separates the two: the largest relative error observed is below 1e-14.
 */
class GradientDescentGoldenTest {

    private static final double TOLERANCE = 1e-9;
    private static final JsonNode GOLDEN = Golden.load("gradient_descent");

    @Test
    void minimizeFollowsTorchSgdOnAQuadratic() {
        JsonNode c = GOLDEN.get("quadratic");
        Quadratic f = new Quadratic(Golden.matrix(c.get("A")), Golden.matrix(c.get("b")));

        DescentHistory history = GradientDescent.minimize(f, Golden.matrix(c.get("w0")),
                c.get("lr").doubleValue(), c.get("steps").intValue());

        compare(history, c);
        assertThat(f.minimizer()).as("GradientDescent minimizer").isCloseTo(Golden.matrix(c.get("minimizer")), TOLERANCE);
    }

    @Test
    void minimizeFollowsTorchSgdOnLinearRegression() {
        JsonNode c = GOLDEN.get("linearRegression");
        LinearRegression f = new LinearRegression(Golden.matrix(c.get("X")), Golden.matrix(c.get("y")));

        DescentHistory history = GradientDescent.minimize(f, Golden.matrix(c.get("w0")),
                c.get("lr").doubleValue(), c.get("steps").intValue());

        compare(history, c);
    }

    @Test
    void linearRegressionValueAndGradientMatchTorchAutograd() {
        JsonNode c = GOLDEN.get("linearRegression");
        LinearRegression f = new LinearRegression(Golden.matrix(c.get("X")), Golden.matrix(c.get("y")));
        DMatrixRMaj w = Golden.matrix(c.get("wProbe"));

        assertThat(Matrices.row(f.value(w))).as("GradientDescent f(w) at the probe").isCloseTo(Matrices.row(c.get("valueAtProbe").doubleValue()), TOLERANCE);
        assertThat(f.gradient(w)).as("GradientDescent f.gradient(w)").isCloseTo(Golden.matrix(c.get("gradientAtProbe")), TOLERANCE);
    }

    @Test
    void stepOnAParameterFollowsTorchSgd() {
        JsonNode c = GOLDEN.get("linearRegression");
        LinearRegression f = new LinearRegression(Golden.matrix(c.get("X")), Golden.matrix(c.get("y")));
        Parameter w = new Parameter("w", Golden.matrix(c.get("w0")));
        GradientDescent sgd = new GradientDescent(List.of(w), c.get("lr").doubleValue());

        for (int k = 1; k <= c.get("steps").intValue(); k++) {
            sgd.zeroGrad();
            w.grad().setTo(f.gradient(w.value()));
            sgd.step();
            assertThat(w.value()).as("w after step " + k).isCloseTo(Golden.matrix(c.get("iterates").get(k)), TOLERANCE);
        }
    }

    private static void compare(DescentHistory history, JsonNode c) {
        JsonNode iterates = c.get("iterates");
        Assertions.assertThat(history.iterates()).as("GradientDescent iterates").hasSize(iterates.size());
        for (int k = 0; k < iterates.size(); k++) {
            assertThat(history.iterates().get(k)).as("w_" + k).isCloseTo(Golden.matrix(iterates.get(k)), TOLERANCE);
            assertThat(Matrices.row(history.values().get(k))).as("f(w_" + k + ")").isCloseTo(Matrices.row(c.get("values").get(k).doubleValue()), TOLERANCE);
        }
    }
}
