package dlkit.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BiasVarianceTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    @Test
    void fitPolynomialRecoversAnExactPolynomial() {
        // y = 1 - 2x + 0.5x^2 at five points: the quadratic fit is exact.
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-1}, {0}, {1}, {2}, {3}});
        DMatrixRMaj y = Matrices.map(x, v -> 1 - 2 * v + 0.5 * v * v);
        assertThat(BiasVariance.fitPolynomial(x, y, 2)).as("BiasVariance.fitPolynomial(x, y, 2)")
                .isCloseTo(new DMatrixRMaj(new double[][] {{1}, {-2}, {0.5}}), 1e-12);
    }

    @Test
    void decompositionByHand() {
        // Two models, two test points, f = (0, 1), sigma^2 = 0.25.
        //   point 0: predictions 1, 3; mean 2; bias^2 4; variance (1 + 1)/2 = 1; error (1 + 9)/2 = 5
        //   point 1: predictions 1, 1; mean 1; bias^2 0; variance 0;              error 0
        // averaged: bias^2 2, variance 0.5, error 2.5 + 0.25 = 2.75 = 2 + 0.5 + 0.25.
        BiasVariance.Decomposition d = BiasVariance.decompose(
                new DMatrixRMaj(new double[][] {{1, 1}, {3, 1}}), Matrices.row(0, 1), 0.25);
        assertThat(d.bias2()).as("BiasVariance bias2").isCloseTo(2.0, EXACT);
        assertThat(d.variance()).as("BiasVariance variance").isCloseTo(0.5, EXACT);
        assertThat(d.noise()).as("BiasVariance noise").isEqualTo(0.25);
        assertThat(d.expectedError()).as("BiasVariance expected error").isCloseTo(2.75, EXACT);
    }

    @Test
    void bootstrapPredictionsDrawIndicesInOrder() {
        // With degree 0 each model is the mean of its resample.
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0}, {1}, {2}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {4}, {10}});
        DMatrixRMaj p = BiasVariance.bootstrapPredictions(x, y, 0, 2, new DMatrixRMaj(1, 1), new SplittableRandom(3));
        SplittableRandom rng = new SplittableRandom(3);
        for (int b = 0; b < 2; b++) {
            double mean = (y.data[rng.nextInt(3)] + y.data[rng.nextInt(3)] + y.data[rng.nextInt(3)]) / 3;
            assertThat(p.get(b, 0)).as("BiasVariance p.get(b, 0)").isCloseTo(mean, EXACT);
        }
    }

    @Test
    void theTermsAddUpAndAComplexModelTradesBiasForVariance() {
        // sin(2 pi x) plus noise of variance 1 at 400 evenly spaced points; 200 resamples.
        SplittableRandom rng = new SplittableRandom(2);
        int n = 400;
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = (i + 0.5) / n;
            y.data[i] = Math.sin(2 * Math.PI * x.data[i]) + rng.nextGaussian();
        }
        DMatrixRMaj xTest = new DMatrixRMaj(41, 1);
        DMatrixRMaj truth = new DMatrixRMaj(1, 41);
        for (int t = 0; t < 41; t++) {
            xTest.data[t] = 0.1 + 0.8 * t / 40;
            truth.data[t] = Math.sin(2 * Math.PI * xTest.data[t]);
        }
        BiasVariance.Decomposition line = BiasVariance.decompose(
                BiasVariance.bootstrapPredictions(x, y, 1, 200, xTest, new SplittableRandom(7)), truth, 1.0);
        BiasVariance.Decomposition quintic = BiasVariance.decompose(
                BiasVariance.bootstrapPredictions(x, y, 5, 200, xTest, new SplittableRandom(7)), truth, 1.0);

        for (BiasVariance.Decomposition d : new BiasVariance.Decomposition[] {line, quintic}) {
            assertThat(d.bias2() + d.variance() + d.noise()).as("BiasVariance d.bias2() + d.variance() + d.noise()").isCloseTo(d.expectedError(), Offset.offset(1e-12));
        }
        assertThat(quintic.bias2()).as("BiasVariance bias2").isLessThan(line.bias2());
        assertThat(quintic.variance()).as("BiasVariance variance").isGreaterThan(line.variance());
    }
}
