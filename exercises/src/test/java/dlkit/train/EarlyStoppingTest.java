package dlkit.train;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.train.EarlyStopping.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    /** Feeds the curve until update says stop; returns that epoch, or -1 if it never does. */
    private static int stopEpoch(EarlyStopping stopping, double... curve) {
        for (int epoch = 0; epoch < curve.length; epoch++) {
            if (stopping.update(curve[epoch])) {
                return epoch;
            }
        }
        return -1;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        // Best at epoch 2 (0.5); epochs 3, 4, 5 do not improve: the third of them stops (patience 3).
        EarlyStopping stopping = new EarlyStopping(Mode.MIN, 3, 0.0, List.of());
        assertThat(stopEpoch(stopping, 1.0, 0.75, 0.5, 0.625, 0.5, 0.75, 0.25)).as("EarlyStopping stop epoch of the first loss curve").isEqualTo(5);
        assertThat(stopping.bestEpoch()).as("EarlyStopping best epoch").isEqualTo(2);
        assertThat(stopping.best()).as("EarlyStopping best").isEqualTo(0.5);
    }

    @Test
    void anImprovementSmallerThanMinDeltaDoesNotCount() {
        // minDelta 0.25: 1.0 -> 0.875 is too small, 0.75 is exactly 0.25 lower (not more), 0.5 counts.
        EarlyStopping stopping = new EarlyStopping(Mode.MIN, 3, 0.25, List.of());
        assertThat(stopEpoch(stopping, 1.0, 0.875, 0.75, 0.5, 0.5, 0.5, 0.5)).as("EarlyStopping stop epoch of the second loss curve").isEqualTo(6);
        assertThat(stopping.bestEpoch()).as("EarlyStopping best epoch").isEqualTo(3);
    }

    @Test
    void modeMaxWatchesAnAccuracy() {
        EarlyStopping stopping = new EarlyStopping(Mode.MAX, 2, 0.0, List.of());
        assertThat(stopEpoch(stopping, 0.5, 0.75, 0.75, 0.625)).as("EarlyStopping stopEpoch(stopping, 0.5, 0.75, 0.75, 0.625)").isEqualTo(3);
        assertThat(stopping.bestEpoch()).as("EarlyStopping best epoch").isEqualTo(1);
    }

    @Test
    void neverStopsWhileImproving() {
        EarlyStopping stopping = new EarlyStopping(Mode.MIN, 1, 0.0, List.of());
        assertThat(stopEpoch(stopping, 5, 4, 3, 2, 1)).as("EarlyStopping stopEpoch(stopping, 5, 4, 3, 2, 1)").isEqualTo(-1);
    }

    @Test
    void restoresTheWeightsOfTheBestEpoch() {
        Parameter w = new Parameter("w", Matrices.row(0.0, 0.0));
        EarlyStopping stopping = new EarlyStopping(Mode.MIN, 2, 0.0, List.of(w));
        double[] curve = {3.0, 1.0, 2.0, 2.5};
        for (int epoch = 0; epoch < curve.length; epoch++) {
            w.value().setData(new double[] {epoch, 10.0 * epoch}); // "training" changes the weights
            stopping.update(curve[epoch]);
        }
        stopping.restoreBestWeights();
        assertThat(w.value().data).as("EarlyStopping w.value().data").containsExactly(1.0, 10.0);
    }
}
