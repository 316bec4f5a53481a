package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ScaledDotProductAttentionTest {

    @Test
    void weightsByHand() {
        // d_k = 4, so scores are dot products / 2. One query q = (2, 0, 0, 0), keys k1 = (1, 0, 0, 0),
        // k2 = (0, 0, 0, 0): scores (2/2, 0/2) = (1, 0); softmax = (e, 1) / (e + 1).
        DMatrixRMaj a = ScaledDotProductAttention.weights(Matrices.row(2, 0, 0, 0),
                Matrices.of(new double[][] {{1, 0, 0, 0}, {0, 0, 0, 0}}), null);
        double e = Math.E;
        assertThat(a).as("ScaledDotProductAttention.weights a").isCloseTo(Matrices.row(e / (e + 1), 1 / (e + 1)), 1e-15);
    }

    @Test
    void outputIsTheWeightedAverageOfTheValues() {
        // Equal scores give equal weights 1/2: the output is the mean of the values (1, 10) and (3, 20).
        DMatrixRMaj out = ScaledDotProductAttention.forward(Matrices.row(0, 0),
                Matrices.of(new double[][] {{1, 2}, {3, 4}}), Matrices.of(new double[][] {{1, 10}, {3, 20}}), null);
        assertThat(out).as("ScaledDotProductAttention.forward out").isCloseTo(Matrices.row(2, 15), 1e-15);
    }

    @Test
    void maskedKeysGetWeightZeroAndTheRestRenormalise() {
        // Three keys with equal scores; query 0 may attend to keys 0 and 2 only: weights (1/2, 0, 1/2).
        // Query 1 may attend to key 1 only: weights (0, 1, 0) whatever the scores.
        DMatrixRMaj q = Matrices.of(new double[][] {{0, 0}, {5, -3}});
        DMatrixRMaj k = Matrices.of(new double[][] {{1, 1}, {-4, 2}, {1, 0}});
        boolean[][] mask = {{true, false, true}, {false, true, false}};
        DMatrixRMaj a = ScaledDotProductAttention.weights(q, k, mask);
        assertThat(a.get(1, 1)).as("ScaledDotProductAttention a.get(1, 1)").isEqualTo(1.0);
        assertThat(a).as("ScaledDotProductAttention.weights a").isCloseTo(Matrices.of(new double[][] {{0.5, 0, 0.5}, {0, 1, 0}}), 1e-15);
    }

    @Test
    void aFullyMaskedQueryGetsZerosNotNaN() {
        DMatrixRMaj q = Matrices.of(new double[][] {{1, 0}, {0, 1}});
        DMatrixRMaj k = Matrices.of(new double[][] {{1, 1}, {2, 0}});
        DMatrixRMaj v = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        boolean[][] mask = {{true, true}, {false, false}};
        DMatrixRMaj out = ScaledDotProductAttention.forward(q, k, v, mask);
        assertThat(out).as("ScaledDotProductAttention.forward out").isFinite();
        assertThat(out.get(1, 0)).as("ScaledDotProductAttention out.get(1, 0)").isEqualTo(0.0);
        assertThat(out.get(1, 1)).as("ScaledDotProductAttention out.get(1, 1)").isEqualTo(0.0);
    }

    @Test
    void stableForHugeScores() {
        // Scores of about +-1000 overflow a naive exp; the stable softmax gives (1, 0).
        DMatrixRMaj a = ScaledDotProductAttention.weights(Matrices.row(1000),
                Matrices.of(new double[][] {{1}, {-1}}), null);
        assertThat(a).as("ScaledDotProductAttention.weights a").isFinite().isCloseTo(Matrices.row(1, 0), 1e-15);
    }

    @Test
    void rowsOfTheWeightsSumToOne() {
        DMatrixRMaj q = Matrices.of(new double[][] {{0.3, -1.2, 2}, {1, 1, 1}});
        DMatrixRMaj k = Matrices.of(new double[][] {{1, 0, 2}, {-1, 0.5, 0}, {0, 0, 3}, {2, 2, -2}});
        DMatrixRMaj a = ScaledDotProductAttention.weights(q, k, null);
        assertThat(a).as("ScaledDotProductAttention.weights a").hasShape(2, 4);
        for (int i = 0; i < 2; i++) {
            assertThat(a.get(i, 0) + a.get(i, 1) + a.get(i, 2) + a.get(i, 3)).as("ScaledDotProductAttention.weights row sum").isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void shapesAreChecked() {
        assertThatThrownBy(() -> ScaledDotProductAttention.weights(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 2), null), "ScaledDotProductAttention.weights of keys with the wrong width")
                .hasMessageContaining("k: expected (m, d_k) = (any, 3) but was (4, 2)");
        assertThatThrownBy(() -> ScaledDotProductAttention.weights(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 3),
                new boolean[3][4]), "ScaledDotProductAttention.weights with a mask of the wrong shape").hasMessageContaining("mask: expected (n, m) = (2, 4)");
    }
}
