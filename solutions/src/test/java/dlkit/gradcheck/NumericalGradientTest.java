package dlkit.gradcheck;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.layers.Layer;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NumericalGradientTest {

    @Test
    void gradientOfASumOfCubes() {
        // f(x) = sum x^3 has gradient 3 x^2; the centred difference is off by exactly h^2 = 1e-6 here:
        // ((x + h)^3 - (x - h)^3) / (2h) = 3x^2 + h^2.
        DMatrixRMaj x = Matrices.row(1, -2, 0.5);
        DMatrixRMaj g = NumericalGradient.gradient(m -> {
            double s = 0;
            for (double v : m.data) {
                s += v * v * v;
            }
            return s;
        }, x, 1e-3);
        assertThat(g).as("NumericalGradient.gradient g").isCloseTo(Matrices.row(3 + 1e-6, 12 + 1e-6, 0.75 + 1e-6), 1e-9);
    }

    @Test
    void theInputIsRestoredExactly() {
        DMatrixRMaj x = Matrices.of(new double[][] {{0.1, 0.7}, {-1.3, 1e6}});
        DMatrixRMaj original = x.copy();
        NumericalGradient.gradient(m -> m.get(0, 0) * m.get(1, 1), x, 1e-5);
        Assertions.assertThat(x.data).as("NumericalGradient x.data").containsExactly(original.data);
    }

    @Test
    void agreesWithTheKitsGradientCheck() {
        DMatrixRMaj x = Matrices.of(new double[][] {{0.3, -0.8}, {1.1, 0.4}});
        java.util.function.ToDoubleFunction<DMatrixRMaj> f = m -> Math.sin(m.get(0, 0) * m.get(1, 0)) + Math.exp(m.get(0, 1)) * m.get(1, 1);
        assertThat(NumericalGradient.gradient(f, x, 1e-5)).as("NumericalGradient.gradient(f, x, 1e-5)").isCloseTo(GradientCheck.numericGradient(f, x, 1e-5), 1e-12);
    }

    @Test
    void inputGradientOfALayerIsItsVectorJacobianProduct() {
        // An element-wise cube: d/dx sum(x^3 * u) = 3 x^2 u. Tolerance 1e-7.
        Layer cube = new Layer() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj x) {
                return Matrices.map(x, v -> v * v * v);
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                throw new UnsupportedOperationException("not needed");
            }
        };
        DMatrixRMaj x = Matrices.of(new double[][] {{1, -2}, {0.5, 3}});
        DMatrixRMaj u = Matrices.of(new double[][] {{1, 0.5}, {-2, 1}});

        DMatrixRMaj g = NumericalGradient.inputGradient(cube, x, u, 1e-5);

        assertThat(g).as("NumericalGradient.inputGradient g").isCloseTo(Matrices.of(new double[][] {{3, 6}, {-1.5, 27}}), 1e-7);
    }
}
