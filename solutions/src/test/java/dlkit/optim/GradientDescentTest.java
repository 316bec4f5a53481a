package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void stepMovesAgainstTheGradientByLrTimesIt() {
        // w = (1, -2, 0.5), g = (0.4, -1, 0), lr = 0.5:  w - lr g = (0.8, -1.5, 0.5).
        Parameter w = new Parameter("w", Matrices.row(1.0, -2.0, 0.5));
        w.grad().setData(new double[] {0.4, -1.0, 0.0});
        new GradientDescent(List.of(w), 0.5).step();

        assertThat(w.value()).as("GradientDescent w").isCloseTo(Matrices.row(0.8, -1.5, 0.5), 1e-15);
        assertThat(w.grad().data).as("GradientDescent w.grad().data").containsExactly(0.4, -1.0, 0.0);
    }

    @Test
    void frozenParametersAreSkippedAndTheOthersMove() {
        Parameter frozen = new Parameter("frozen", Matrices.row(1.0, 2.0));
        frozen.grad().setData(new double[] {5.0, 5.0});
        frozen.setFrozen(true);
        Parameter free = new Parameter("free", Matrices.row(1.0, 2.0));
        free.grad().setData(new double[] {5.0, 5.0});

        new GradientDescent(List.of(frozen, free), 0.1).step();

        assertThat(frozen.value().data).as("GradientDescent frozen.value().data").containsExactly(1.0, 2.0);
        assertThat(free.value()).as("GradientDescent free").isCloseTo(Matrices.row(0.5, 1.5), 1e-15);
    }

    @Test
    void minimizeRecordsTheStartAndEveryStepOnAOneDimensionalQuadratic() {
        // f(w) = 1/2 * 2 w^2 - 4 w has gradient 2w - 4 and minimum at w = 2.
        // From w0 = 0 with lr = 0.25: w1 = 0 - 0.25 * (-4) = 1, w2 = 1 - 0.25 * (-2) = 1.5, w3 = 1.75.
        // f(0) = 0, f(1) = -3, f(1.5) = -3.75, f(1.75) = -3.9375.
        Quadratic f = new Quadratic(Matrices.of(new double[][] {{2}}), Matrices.of(new double[][] {{4}}));
        DMatrixRMaj w0 = Matrices.of(new double[][] {{0}});

        DescentHistory history = GradientDescent.minimize(f, w0, 0.25, 3);

        assertThat(history.steps()).as("GradientDescent steps").isEqualTo(3);
        double[] expected = {0, 1, 1.5, 1.75};
        for (int k = 0; k <= 3; k++) {
            assertThat(history.iterates().get(k)).as("w_" + k).isCloseTo(Matrices.of(new double[][] {{expected[k]}}), 1e-15);
        }
        assertThat(history.values()).as("GradientDescent values").containsExactly(0.0, -3.0, -3.75, -3.9375);
        assertThat(w0.get(0, 0)).as("w0 is not modified").isEqualTo(0.0);
    }

    @Test
    void minimizeConvergesToTheMinimiserOfATwoDimensionalQuadratic() {
        // A has eigenvalues 1 and 3; any lr below 2/3 converges. The error shrinks by
        // max |1 - lr * lambda| = 0.6 per step at lr = 0.4, so 200 steps leave about 1e-44.
        DMatrixRMaj a = Matrices.of(new double[][] {{2, 1}, {1, 2}});
        DMatrixRMaj b = Matrices.of(new double[][] {{1}, {-1}});
        Quadratic f = new Quadratic(a, b);

        DescentHistory history = GradientDescent.minimize(f, Matrices.of(new double[][] {{5}, {5}}), 0.4, 200);

        assertThat(history.last()).as("GradientDescent last").isCloseTo(f.minimizer(), 1e-12);
        assertThat(f.minimizer()).as("GradientDescent minimizer").isCloseTo(Matrices.of(new double[][] {{1}, {-1}}), 1e-12);
        for (int k = 1; k < history.values().size(); k++) {
            assertThat(history.values().get(k)).as("f never increases at a stable step size")
                    .isLessThanOrEqualTo(history.values().get(k - 1));
        }
    }

    @Test
    void zeroStepsGiveJustTheStart() {
        Quadratic f = new Quadratic(Matrices.of(new double[][] {{1}}), Matrices.of(new double[][] {{0}}));
        DescentHistory history = GradientDescent.minimize(f, Matrices.of(new double[][] {{3}}), 0.1, 0);
        assertThat(history.iterates()).as("GradientDescent iterates").hasSize(1);
        assertThat(history.values()).as("GradientDescent values").containsExactly(4.5);
    }
}
