package dlkit.train;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import dlkit.train.LearningRateStability.Behaviour;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LearningRateStabilityTest {

    // Eigenvalues 1 and 4 (diagonal), so the bound is 2 / 4 = 0.5.
    private static final DMatrixRMaj A = Matrices.of(new double[][] {{1, 0}, {0, 4}});

    @Test
    void boundIsTwoOverTheLargestEigenvalue() {
        assertThat(LearningRateStability.largestStableStep(A)).as("LearningRateStability.largestStableStep(A)").isCloseTo(0.5, within(1e-12));
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        assertThat(LearningRateStability.largestStableStep(Matrices.of(new double[][] {{2, 1}, {1, 2}}))).as("LearningRateStability.largestStableStep by hand")
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void runByHand() {
        // lr = 0.25, w = (1, 1): loss ½(1 + 4) = 2.5; gradient (1, 4); w = (0.75, 0); loss ½ * 0.5625.
        double[] losses = LearningRateStability.run(A, Matrices.of(new double[][] {{1}, {1}}), 0.25, 1);
        assertThat(losses).as("LearningRateStability.run losses").containsExactly(2.5, 0.28125);
    }

    @Test
    void classifiesRuns() {
        assertThat(LearningRateStability.classify(new double[] {4, 2, 1, 1})).as("LearningRateStability.classify(new double[] {4, 2, 1, 1})").isEqualTo(Behaviour.CONVERGING);
        assertThat(LearningRateStability.classify(new double[] {4, 2, 3, 1})).as("LearningRateStability.classify(new double[] {4, 2, 3, 1})").isEqualTo(Behaviour.OSCILLATING);
        assertThat(LearningRateStability.classify(new double[] {4, 2, 3, 5})).as("LearningRateStability.classify(new double[] {4, 2, 3, 5})").isEqualTo(Behaviour.DIVERGING);
        assertThat(LearningRateStability.classify(new double[] {4, Double.NaN, 1})).as("LearningRateStability.classify(new double[] {4, Double.NaN, 1})").isEqualTo(Behaviour.DIVERGING);
    }

    @Test
    void divergesJustAboveTheBoundAndConvergesJustBelow() {
        // 300 steps: above, the steep component grows by |1 - 1.05 * 2| = 1.1 per step.
        DMatrixRMaj w0 = Matrices.of(new double[][] {{1}, {1}});
        double bound = LearningRateStability.largestStableStep(A);
        assertThat(LearningRateStability.classify(LearningRateStability.run(A, w0, 1.05 * bound, 300))).as("LearningRateStability.classify of a run at step 1.0")
                .isEqualTo(Behaviour.DIVERGING);
        assertThat(LearningRateStability.classify(LearningRateStability.run(A, w0, 0.95 * bound, 300))).as("LearningRateStability.classify of a run at step 0.9")
                .isEqualTo(Behaviour.CONVERGING);
    }
}
