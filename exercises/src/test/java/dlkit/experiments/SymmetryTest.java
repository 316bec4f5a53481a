package dlkit.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SymmetryTest {

    private static final DMatrixRMaj X = Matrices.of(new double[][] {{1, -1, 0.5}, {0.2, 2, -1}, {-0.3, 0.1, 1}, {2, 0, 0}});
    private static final DMatrixRMaj Y = Matrices.of(new double[][] {{1}, {-1}, {0.5}, {0}});

    private static DMatrixRMaj constant(int rows, int cols, double c) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.fill(c);
        return m;
    }

    @Test
    void columnSpreadByHand() {
        // Row 0: |2 - 1| = 1, |1 - 1| = 0; row 1: |5 - 3| = 2, |3 - 3| = 0: spread 2.
        // The second matrix has equal columns (its rows differ, which does not matter): spread 0.
        assertThat(Symmetry.columnSpread(Matrices.of(new double[][] {{1, 2, 1}, {3, 5, 3}}))).as("Symmetry.columnSpread of columns that differ").isEqualTo(2.0);
        assertThat(Symmetry.columnSpread(Matrices.of(new double[][] {{1, 1, 1}, {7, 7, 7}}))).as("Symmetry.columnSpread of identical columns").isEqualTo(0.0);
    }

    @Test
    void oneStepByHand() {
        // y = x w with w = 0 (1, 1), x = [[1], [2]], y* = [[1], [2]]: loss = (1 + 4) / 2 = 2.5,
        // dL/dw = 2/2 * (1 * -1 + 2 * -2) = -5, so w = 0.1 * 5 = 0.5 after one step with lr 0.1.
        Dense dense = new Dense(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1));
        double[] losses = Symmetry.train(new Sequential(dense), Matrices.of(new double[][] {{1}, {2}}),
                Matrices.of(new double[][] {{1}, {2}}), 0.1, 1);
        assertThat(losses).as("Symmetry.train losses").containsExactly(2.5);
        // db = 2/2 * (-1 - 2) = -3, so b = 0.3.
        assertThat(dense.weight().value().get(0, 0)).as("Symmetry dense.weight().value().get(0, 0)").isCloseTo(0.5, Offset.offset(1e-15));
        assertThat(dense.bias().value().get(0, 0)).as("Symmetry dense.bias().value().get(0, 0)").isCloseTo(0.3, Offset.offset(1e-15));
    }

    @Test
    void constantInitialisationKeepsTheHiddenUnitsIdentical() {
        Dense hidden = new Dense(constant(3, 5, 0.3), constant(1, 5, 0.1));
        Sequential net = new Sequential(hidden, new Tanh(), new Dense(constant(5, 1, 0.3), constant(1, 1, 0.1)));
        double[] losses = Symmetry.train(net, X, Y, 0.1, 20);

        assertThat(losses[19]).as("Symmetry losses[19]").isLessThan(losses[0]);        // it learns...
        assertThat(Symmetry.columnSpread(hidden.weight().value())).as("Symmetry.columnSpread(hidden.weight().value())").isEqualTo(0.0); // ...as one unit
        assertThat(Symmetry.hiddenUnitsIdentical(hidden, 1e-12)).as("Symmetry.hiddenUnitsIdentical(hidden, 1e-12)").isTrue();
    }

    @Test
    void randomInitialisationBreaksTheSymmetry() {
        SplittableRandom rng = new SplittableRandom(5);
        Dense hidden = Dense.create(3, 5, rng);
        Sequential net = new Sequential(hidden, new Tanh(), Dense.create(5, 1, rng));
        Symmetry.train(net, X, Y, 0.1, 20);

        assertThat(Symmetry.hiddenUnitsIdentical(hidden, 1e-12)).as("Symmetry.hiddenUnitsIdentical(hidden, 1e-12)").isFalse();
        assertThat(Symmetry.columnSpread(hidden.weight().value())).as("Symmetry.columnSpread(hidden.weight().value())").isGreaterThan(0.1);
    }
}
