package dlkit.losses;

import static dlkit.losses.LossTesting.labels;
import static dlkit.losses.LossTesting.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class FocalLossTest {

    @Test
    void byHand() {
        // Row {0, ln 3}: p = (1/4, 3/4). Label 1, gamma = 2: -(1/4)^2 log(3/4) = -log(0.75) / 16.
        // Label 0 with alpha = (2, 1): -2 (3/4)^2 log(1/4). Mean over the 2 rows.
        DMatrixRMaj s = Matrices.of(new double[][] {{0, Math.log(3)}, {0, Math.log(3)}});
        LossAndGradient r = new FocalLoss(2, new double[] {2, 1}).compute(s, new int[] {1, 0});
        assertThat(r.loss()).as("FocalLoss loss").isCloseTo((-Math.log(0.75) / 16 - 2 * 0.5625 * Math.log(0.25)) / 2, within(1e-15));
    }

    @Test
    void gammaZeroWithoutAlphaIsCrossEntropy() {
        // Rows {0, 0, 0} and {ln 2, 0, 0}: p_y = 1/3 and 2/4, so the loss is (log 3 + log 2) / 2 and
        // the gradient is (p - onehot(y)) / 2.
        DMatrixRMaj s = Matrices.of(new double[][] {{0, 0, 0}, {Math.log(2), 0, 0}});
        LossAndGradient r = new FocalLoss(0, null).compute(s, new int[] {2, 0});
        assertThat(r.loss()).as("FocalLoss loss").isCloseTo((Math.log(3) + Math.log(2)) / 2, within(1e-15));
        assertThat(r.gradient()).as("FocalLoss gradient").isCloseTo(Matrices.of(new double[][] {
                {1.0 / 6, 1.0 / 6, -1.0 / 3}, {-0.25, 0.125, 0.125}}), 1e-14);
    }

    @Test
    void gradientPassesNumericGradientChecks() {
        // Smooth: expect about 1e-9; the test allows 1e-6.
        DMatrixRMaj s = random(11, 6, 4, 2.0);
        int[] y = labels(12, 6, 4);
        for (FocalLoss focal : new FocalLoss[] {new FocalLoss(), new FocalLoss(0.5, null),
                new FocalLoss(3, new double[] {0.25, 1, 2, 0.5})}) {
            assertThat(focal.compute(s, y).gradient()).as("FocalLoss focal.compute(s, y).gradient()")
                    .isCloseTo(GradientCheck.numericGradient(m -> focal.compute(m, y).loss(), s), 1e-6);
        }
    }

    @Test
    void finiteAtScoresOfPlusMinusAThousand() {
        LossAndGradient r = new FocalLoss().compute(Matrices.of(new double[][] {{1000, -1000}, {-1000, 1000}}), new int[] {1, 1});
        // Row 0: p_t = e^-2000, so (1 - p_t)^2 = 1 and -log p_t = 2000; row 1 is right: 0. Mean 1000.
        assertThat(r.loss()).as("FocalLoss loss").isCloseTo(1000, within(1e-9));
        assertThat(r.gradient()).as("FocalLoss gradient").isFinite();
    }
}
