package dlkit.losses;

import static dlkit.losses.LossTesting.labels;
import static dlkit.losses.LossTesting.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class WeightedCrossEntropyTest {

    @Test
    void theMeanIsDividedByTheSumOfTheTargetsWeights() {
        // Equal scores: -log p_y = log 2 in every row. Weights 1 and 3, labels {0, 1, 1}:
        // loss = (1 + 3 + 3) log 2 / (1 + 3 + 3) = log 2 (dividing by N = 3 would give 7/3 log 2).
        // Row 0 gradient: 1 * (0.5 - 1, 0.5) / 7; rows 1, 2: 3 * (0.5, 0.5 - 1) / 7.
        LossAndGradient r = new WeightedCrossEntropy(new double[] {1, 3}).compute(new DMatrixRMaj(3, 2), new int[] {0, 1, 1});
        assertThat(r.loss()).as("WeightedCrossEntropy loss").isCloseTo(Math.log(2), within(1e-15));
        assertThat(r.gradient()).as("WeightedCrossEntropy gradient").isCloseTo(Matrices.of(new double[][] {
                {-0.5 / 7, 0.5 / 7}, {1.5 / 7, -1.5 / 7}, {1.5 / 7, -1.5 / 7}}), 1e-14);
    }

    @Test
    void unitWeightsGiveThePlainMeanCrossEntropy() {
        // Row {0, ln 3}: p = (1/4, 3/4); label 1 gives -log(3/4). One row, so the mean is that.
        LossAndGradient r = new WeightedCrossEntropy(new double[] {1, 1}).compute(Matrices.row(0, Math.log(3)), new int[] {1});
        assertThat(r.loss()).as("WeightedCrossEntropy loss").isCloseTo(-Math.log(0.75), within(1e-15));
    }

    @Test
    void finiteAtScoresOfPlusMinusAThousand() {
        LossAndGradient r = new WeightedCrossEntropy(new double[] {2, 1, 1})
                .compute(Matrices.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 0}}), new int[] {1, 1});
        // Row 0 is wrong by 2000: -log p = 2000; row 1 is right: 0. Weights 1 and 1: mean 1000.
        assertThat(r.loss()).as("WeightedCrossEntropy loss").isCloseTo(1000, within(1e-9));
        assertThat(r.gradient()).as("WeightedCrossEntropy gradient").isFinite();
    }

    @Test
    void gradientPassesANumericGradientCheck() {
        // Smooth: expect about 1e-10; the test allows 1e-7.
        DMatrixRMaj s = random(7, 6, 4, 2.0);
        int[] y = labels(8, 6, 4);
        WeightedCrossEntropy ce = new WeightedCrossEntropy(new double[] {0.5, 2, 1, 3});
        assertThat(ce.compute(s, y).gradient()).as("WeightedCrossEntropy ce.compute(s, y).gradient()")
                .isCloseTo(GradientCheck.numericGradient(m -> ce.compute(m, y).loss(), s), 1e-7);
    }

    @Test
    void refusesTargetsWhoseWeightsSumToZero() {
        assertThatThrownBy(() -> new WeightedCrossEntropy(new double[] {0, 1}).compute(new DMatrixRMaj(2, 2), new int[] {0, 0}), "WeightedCrossEntropy.compute with every label of weight 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 0");
    }
}
