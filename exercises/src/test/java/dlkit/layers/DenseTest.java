package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DenseTest {

    // W = [[1, 2], [3, 4], [5, 6]] (3 inputs, 2 outputs), b = (0.5, -1).
    private static Dense small() {
        return new Dense(Matrices.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Matrices.row(0.5, -1));
    }

    @Test
    void forwardByHand() {
        // x = (1, 0, -1): x W = (1 - 5, 2 - 6) = (-4, -4); + b = (-3.5, -5).
        // x = (0, 1, 1):  x W = (3 + 5, 4 + 6) = (8, 10);  + b = (8.5, 9).
        DMatrixRMaj y = small().forward(Matrices.of(new double[][] {{1, 0, -1}, {0, 1, 1}}));
        assertThat(y).as("Dense.forward y").isCloseTo(Matrices.of(new double[][] {{-3.5, -5}, {8.5, 9}}), 1e-15);
    }

    @Test
    void backwardByHand() {
        // dY = [[1, 0], [0, 2]], X = [[1, 0, -1], [0, 1, 1]]:
        //   dX = dY W^T = [[1, 3, 5], [4, 8, 12]]
        //   dW = X^T dY = [[1, 0], [0, 2], [-1, 2]]
        //   db = column sums of dY = (1, 2)
        Dense dense = small();
        dense.forward(Matrices.of(new double[][] {{1, 0, -1}, {0, 1, 1}}));
        DMatrixRMaj dx = dense.backward(Matrices.of(new double[][] {{1, 0}, {0, 2}}));

        assertThat(dx).as("Dense.backward dx").isCloseTo(Matrices.of(new double[][] {{1, 3, 5}, {4, 8, 12}}), 1e-15);
        assertThat(dense.weight().grad()).as("Dense.backward gradient of weight").isCloseTo(Matrices.of(new double[][] {{1, 0}, {0, 2}, {-1, 2}}), 1e-15);
        assertThat(dense.bias().grad()).as("Dense.backward gradient of bias").isCloseTo(Matrices.row(1, 2), 1e-15);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Tolerance 1e-7 for every gradient; a correct layer gives around 1e-10.
        SplittableRandom rng = new SplittableRandom(1);
        Dense dense = Dense.create(4, 3, rng);
        dense.bias().value().setTo(Matrices.row(0.1, -0.2, 0.3));
        DMatrixRMaj x = random(rng, 5, 4);
        DMatrixRMaj dy = random(rng, 5, 3);

        dense.forward(x);
        DMatrixRMaj dx = dense.backward(dy);

        DMatrixRMaj numericDx = GradientCheck.numericGradient(dense::forward, x, dy);
        // The layer keeps its weight matrix, so nudging it in place changes the forward pass.
        DMatrixRMaj numericDw = GradientCheck.numericGradient(w -> dense.forward(x), dense.weight().value(), dy);
        DMatrixRMaj numericDb = GradientCheck.numericGradient(b -> dense.forward(x), dense.bias().value(), dy);
        assertThat(dx).as("Dense.backward dX against centred differences").isCloseTo(numericDx, 1e-7);
        assertThat(dense.weight().grad()).as("Dense.backward dW against centred differences").isCloseTo(numericDw, 1e-7);
        assertThat(dense.bias().grad()).as("Dense.backward db against centred differences").isCloseTo(numericDb, 1e-7);
    }

    @Test
    void parameterGradientsAccumulateOverBackwardCalls() {
        Dense dense = small();
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 0, -1}, {0, 1, 1}});
        DMatrixRMaj dy = Matrices.of(new double[][] {{1, 0}, {0, 2}});
        dense.forward(x);
        dense.backward(dy);
        dense.backward(dy);

        assertThat(dense.weight().grad()).as("Dense.backward gradient of weight").isCloseTo(Matrices.of(new double[][] {{2, 0}, {0, 4}, {-2, 4}}), 1e-15);
        assertThat(dense.bias().grad()).as("Dense.backward gradient of bias").isCloseTo(Matrices.row(2, 4), 1e-15);
    }

    @Test
    void parametersAreWeightThenBias() {
        Dense dense = small();
        Assertions.assertThat(dense.parameters()).as("Dense parameters").containsExactly(dense.weight(), dense.bias());
    }

    @Test
    void inputWithTheWrongNumberOfFeaturesIsRejected() {
        Assertions.assertThatIllegalArgumentException().as("Dense: small().forward(new DMatrixRMaj(2, 4)) throws").isThrownBy(() -> small().forward(new DMatrixRMaj(2, 4)))
                .withMessageContaining("x: expected (N, D) = (any, 3) but was (2, 4)");
    }

    static DMatrixRMaj random(SplittableRandom rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble(-2, 2);
        }
        return m;
    }
}
