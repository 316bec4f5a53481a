package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    private static final double EPS = 1e-5;

    @Test
    void trainingForwardAndRunningStatisticsByHand() {
        // Column 0 is {1, 3}: mean 2, biased variance 1, unbiased 2.
        // Column 1 is {2, 6}: mean 4, biased variance 4, unbiased 8.
        BatchNorm bn = new BatchNorm(2);
        DMatrixRMaj y = bn.forward(Matrices.of(new double[][] {{1, 2}, {3, 6}}));

        double a = 1 / Math.sqrt(1 + EPS);
        double b = 2 / Math.sqrt(4 + EPS);
        assertThat(y).as("BatchNorm.forward y").isCloseTo(Matrices.of(new double[][] {{-a, -b}, {a, b}}), 1e-12);
        // running = 0.9 * running + 0.1 * batch statistic; running var starts at 1 and takes the UNBIASED one.
        assertThat(bn.runningMean()).as("BatchNorm running mean").isCloseTo(Matrices.row(0.2, 0.4), 1e-12);
        assertThat(bn.runningVar()).as("BatchNorm running var").isCloseTo(Matrices.row(0.9 + 0.2, 0.9 + 0.8), 1e-12);
    }

    @Test
    void trainingOutputHasTheColumnMeanBetaAndStandardDeviationGamma() {
        BatchNorm bn = new BatchNorm(3);
        bn.gamma().value().setData(new double[] {2, 0.5, 3});
        bn.beta().value().setData(new double[] {-1, 0, 4});
        DMatrixRMaj y = bn.forward(random(1, 50, 3, 5.0));

        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double squares = 0;
            for (int i = 0; i < 50; i++) {
                mean += y.get(i, j) / 50;
            }
            for (int i = 0; i < 50; i++) {
                squares += Math.pow(y.get(i, j) - mean, 2) / 50;
            }
            assertThat(mean).as("mean of column %d", j).isCloseTo(bn.beta().value().data[j], org.assertj.core.data.Offset.offset(1e-12));
            // eps makes the standard deviation a hair smaller than gamma.
            assertThat(Math.sqrt(squares)).as("std of column %d", j)
                    .isCloseTo(bn.gamma().value().data[j], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void inferenceUsesTheRunningStatisticsAndUpdatesNothing() {
        BatchNorm bn = new BatchNorm(2);
        bn.forward(Matrices.of(new double[][] {{1, 2}, {3, 6}}));
        bn.setTraining(false);
        DMatrixRMaj y = bn.forward(Matrices.of(new double[][] {{0.2, 1.4}}));

        // (x - runningMean) / sqrt(runningVar + eps), with the running statistics of the test above.
        assertThat(y).as("BatchNorm.forward y").isCloseTo(Matrices.row(0.0, 1.0 / Math.sqrt(1.7 + EPS)), 1e-12);
        assertThat(bn.runningMean()).as("BatchNorm running mean").isCloseTo(Matrices.row(0.2, 0.4), 1e-12);
        assertThat(bn.runningVar()).as("BatchNorm running var").isCloseTo(Matrices.row(1.1, 1.7), 1e-12);
    }

    @Test
    void trainingBackwardPassesNumericGradientChecks() {
        // Analytic and centred-difference gradients agree to about 1e-9; the test allows 1e-6.
        BatchNorm bn = new BatchNorm(4);
        bn.gamma().value().setTo(random(2, 1, 4, 1.0));
        bn.beta().value().setTo(random(3, 1, 4, 1.0));
        DMatrixRMaj x = random(4, 6, 4, 2.0);
        DMatrixRMaj up = random(5, 6, 4, 1.0);

        bn.forward(x);
        DMatrixRMaj dx = bn.backward(up);

        assertThat(dx).as("BatchNorm.backward dx").isCloseTo(GradientCheck.numericGradient(bn::forward, x, up), 1e-6);
        assertThat(bn.gamma().grad()).as("BatchNorm.backward gradient of gamma").isCloseTo(GradientCheck.numericGradient(m -> bn.forward(x), bn.gamma().value(), up), 1e-6);
        assertThat(bn.beta().grad()).as("BatchNorm.backward gradient of beta").isCloseTo(GradientCheck.numericGradient(m -> bn.forward(x), bn.beta().value(), up), 1e-6);
    }

    @Test
    void inferenceBackwardPassesANumericGradientCheck() {
        BatchNorm bn = new BatchNorm(3);
        bn.forward(random(6, 8, 3, 2.0));
        bn.setTraining(false);
        bn.gamma().value().setTo(random(7, 1, 3, 1.0));
        DMatrixRMaj x = random(8, 4, 3, 1.0);
        DMatrixRMaj up = random(9, 4, 3, 1.0);

        bn.forward(x);
        DMatrixRMaj dx = bn.backward(up);

        assertThat(dx).as("BatchNorm.backward dx").isCloseTo(GradientCheck.numericGradient(bn::forward, x, up), 1e-6);
        assertThat(bn.gamma().grad()).as("BatchNorm.backward gradient of gamma").isCloseTo(GradientCheck.numericGradient(m -> bn.forward(x), bn.gamma().value(), up), 1e-6);
    }

    @Test
    void backwardAddsIntoTheParameterGradients() {
        BatchNorm bn = new BatchNorm(2);
        DMatrixRMaj up = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        bn.forward(Matrices.of(new double[][] {{1, 2}, {3, 6}}));
        bn.backward(up);
        bn.backward(up);
        // dbeta is the column sum of the upstream gradient, counted twice.
        assertThat(bn.beta().grad()).as("BatchNorm.backward gradient of beta").isCloseTo(Matrices.row(8, 12), 1e-12);
    }

    @Test
    void refusesOneSampleInTrainingAndAWrongWidth() {
        BatchNorm bn = new BatchNorm(3);
        assertThatThrownBy(() -> bn.forward(new DMatrixRMaj(1, 3)), "BatchNorm: bn.forward(new DMatrixRMaj(1, 3)) throws").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N >= 2");
        assertThatThrownBy(() -> bn.forward(new DMatrixRMaj(4, 2)), "BatchNorm: bn.forward(new DMatrixRMaj(4, 2)) throws").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x: expected (N, D) = (any, 3) but was (4, 2)");
    }

    static DMatrixRMaj random(long seed, int rows, int cols, double std) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return m;
    }
}
