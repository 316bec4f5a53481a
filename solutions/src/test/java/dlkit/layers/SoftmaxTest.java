package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void byHand() {
        // exp(0) : exp(ln 2) : exp(0) = 1 : 2 : 1, so (1/4, 1/2, 1/4); a row of equal scores is uniform.
        DMatrixRMaj y = Softmax.apply(Matrices.of(new double[][] {{0, Math.log(2), 0}, {7, 7, 7}}));
        assertThat(y).as("Softmax.log y").isCloseTo(Matrices.of(new double[][] {{0.25, 0.5, 0.25}, {1.0 / 3, 1.0 / 3, 1.0 / 3}}), 1e-15);
    }

    @Test
    void rowsArePositiveAndSumToOneEvenAtLogitsOfPlusMinus1000() {
        DMatrixRMaj z = Matrices.of(new double[][] {{1000, -1000, 999}, {-1000, -1000, -1001}, {1, 2, 3}});
        DMatrixRMaj y = Softmax.apply(z);

        assertThat(y).as("Softmax y").isFinite();
        for (int i = 0; i < y.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < y.numCols; j++) {
                Assertions.assertThat(y.get(i, j)).as("Softmax y.get(i, j)").isGreaterThanOrEqualTo(0);
                sum += y.get(i, j);
            }
            Assertions.assertThat(sum).as("sum of row " + i).isCloseTo(1.0, Assertions.within(1e-15));
        }
        // Row 0: only 1000 and 999 count: e / (e + 1) and 1 / (e + 1).
        double e = Math.E;
        assertThat(Matrices.row(y.get(0, 0), y.get(0, 2))).as("Softmax Matrices.row(y.get(0, 0), y.get(0, 2))").isCloseTo(Matrices.row(e / (e + 1), 1 / (e + 1)), 1e-14);
    }

    @Test
    void addingAConstantToARowChangesNothing() {
        DMatrixRMaj z = Matrices.of(new double[][] {{0.3, -1.2, 2.0, 0.0}});
        DMatrixRMaj shifted = Matrices.map(z, v -> v + 50);
        assertThat(Softmax.apply(shifted)).as("Softmax.apply(shifted)").isCloseTo(Softmax.apply(z), 1e-13);
    }

    @Test
    void forwardEqualsApply() {
        DMatrixRMaj z = Matrices.of(new double[][] {{0.3, -1.2, 2.0}, {1, 1, 0}});
        assertThat(new Softmax().forward(z)).as("Softmax new Softmax().forward(z)").isCloseTo(Softmax.apply(z), 0);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Tolerance 1e-7; a correct backward gives around 1e-10.
        SplittableRandom rng = new SplittableRandom(3);
        DMatrixRMaj z = DenseTest.random(rng, 4, 5);
        DMatrixRMaj dy = DenseTest.random(rng, 4, 5);
        Softmax softmax = new Softmax();
        softmax.forward(z);

        DMatrixRMaj analytic = softmax.backward(dy);

        assertThat(analytic).as("Softmax.backward dZ against centred differences").isCloseTo(GradientCheck.numericGradient(Softmax::apply, z, dy), 1e-7);
    }

    @Test
    void backwardOfAConstantUpstreamIsZero() {
        // Probabilities always sum to 1, so raising every dy of a row by the same amount changes nothing:
        // here y (1 - 1) = 0 exactly.
        Softmax softmax = new Softmax();
        softmax.forward(Matrices.of(new double[][] {{0.5, 0, -0.5}}));
        DMatrixRMaj dz = softmax.backward(Matrices.of(new double[][] {{1, 1, 1}}));
        Assertions.assertThat(Math.abs(dz.get(0, 0)) + Math.abs(dz.get(0, 1)) + Math.abs(dz.get(0, 2))).as("Softmax.backward dZ sum of |dZ| for a uniform upstream").isLessThan(1e-15);
    }
}
