package dlkit.hidden.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.experiments.BiasVariance;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bias-variance: the student's fits, resamples and decomposition against the reference; the
 * identity bias^2 + variance + noise = expected error at 1e-9 (it holds up to rounding, about
 * 1e-15 measured); and the trade-off on a fixed setup (sin(2 pi x) + noise of variance 1 at 400
 * evenly spaced points, 200 resamples, 41 test points in [0.1, 0.9]): a quintic has less bias^2
 * and more variance than a line. Over 1000 noise draws the smallest ratios measured were 2.97
 * (bias^2 of the line / of the quintic) and 1.60 (variance of the quintic / of the line).
 */
@Grades(BiasVariance.class)
@ExtendWith(GradingRandom.class)
class BiasVarianceHiddenTest {

    private static final Known REVERSED = new Known("BiasVariance/coefficients-reversed",
            "the coefficients in reverse order; c_0, the constant, comes first");
    private static final Known AROUND_TRUTH = new Known("BiasVariance/variance-around-truth",
            "the variance measured around the true f instead of around the mean prediction");
    private static final Known NOISE_FORGOTTEN = new Known("BiasVariance/noise-forgotten",
            "the noise sigma^2 left out of the expected error");
    private static final Known UNBIASED = new Known("BiasVariance/variance-divided-by-b-minus-one",
            "the variance divided by B - 1 instead of B");
    private static final Known NO_RESAMPLING = new Known("BiasVariance/no-resampling",
            "every model fitted to the whole training set: draw each resample with replacement");

    @Test
    @Points(2)
    void fitPolynomialMatchesReference(RandomGenerator rng) {
        int degree = Draw.size(rng, 0, 4);
        int n = Draw.size(rng, degree + 3, 20);
        Given<DMatrixRMaj> x = Given.of("x", Draw.uniform(rng, n, 1, -1, 1));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        DMatrixRMaj expected = dlkit.reference.experiments.BiasVariance.fitPolynomial(x.copy(), y.copy(), degree);
        DMatrixRMaj reversed = new DMatrixRMaj(degree + 1, 1);
        for (int j = 0; j <= degree; j++) {
            reversed.data[j] = expected.data[degree - j];
        }
        DMatrixRMaj actual = BiasVariance.fitPolynomial(x.student(), y.student(), degree);
        Given.unchanged("BiasVariance.fitPolynomial", x, y);
        Check.close("BiasVariance.fitPolynomial of degree " + degree + " on " + n + " random points", actual, expected,
                1e-8, REVERSED.wouldGive(reversed));
    }

    @Test
    @Points(2)
    void bootstrapPredictionsMatchReference(RandomGenerator rng) {
        int degree = Draw.size(rng, 0, 3);
        int n = Draw.size(rng, 10, 25);
        int resamples = Draw.size(rng, 2, 6);
        Given<DMatrixRMaj> x = Given.of("x", Draw.uniform(rng, n, 1, 0, 1));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        Given<DMatrixRMaj> xTest = Given.of("xTest", Draw.uniform(rng, Draw.size(rng, 2, 6), 1, 0.2, 0.8));
        long seed = rng.nextLong();
        DMatrixRMaj actual = BiasVariance.bootstrapPredictions(x.student(), y.student(), degree, resamples,
                xTest.student(), new SplittableRandom(seed));
        Given.unchanged("BiasVariance.bootstrapPredictions", x, y, xTest);
        Check.close("BiasVariance.bootstrapPredictions: " + resamples + " resamples of " + n + " points, degree " + degree,
                actual, dlkit.reference.experiments.BiasVariance.bootstrapPredictions(x.copy(), y.copy(), degree, resamples,
                        xTest.copy(), new SplittableRandom(seed)), 1e-8,
                NO_RESAMPLING.wouldGive(withoutResampling(x.copy(), y.copy(), degree, resamples, xTest.copy())));
    }

    @Test
    @Points(3)
    void decomposeMatchesReference(RandomGenerator rng) {
        int models = Draw.size(rng, 3, 10);
        int points = Draw.size(rng, 2, 8);
        Given<DMatrixRMaj> predictions = Given.of("predictions", Draw.normal(rng, models, points, 1.0));
        Given<DMatrixRMaj> truth = Given.of("truth", Draw.normal(rng, 1, points, 1.0));
        double noise = rng.nextDouble(0.1, 1);
        var e = dlkit.reference.experiments.BiasVariance.decompose(predictions.copy(), truth.copy(), noise);
        var d = BiasVariance.decompose(predictions.student(), truth.student(), noise);
        Given.unchanged("BiasVariance.decompose", predictions, truth);
        // Variance around the truth instead of around the mean prediction is mean (p - f)^2 = bias^2 + variance.
        double aroundTruth = e.expectedError() - noise;
        Check.close("BiasVariance.decompose of a (" + models + ", " + points + ") prediction matrix: "
                        + "[bias2, variance, noise, expectedError]",
                DMatrixRMaj.wrap(1, 4, new double[] {d.bias2(), d.variance(), d.noise(), d.expectedError()}),
                DMatrixRMaj.wrap(1, 4, new double[] {e.bias2(), e.variance(), e.noise(), e.expectedError()}), 1e-10,
                AROUND_TRUTH.wouldGive(DMatrixRMaj.wrap(1, 4, new double[] {e.bias2(), aroundTruth, noise, e.expectedError()})),
                NOISE_FORGOTTEN.wouldGive(
                        DMatrixRMaj.wrap(1, 4, new double[] {e.bias2(), e.variance(), noise, e.expectedError() - noise})),
                UNBIASED.wouldGive(DMatrixRMaj.wrap(1, 4, new double[] {e.bias2(), e.variance() * models / (models - 1), noise,
                                e.expectedError()})));
    }

    @Test
    @Points(1)
    void theTermsAddUpToTheExpectedError(RandomGenerator rng) {
        DMatrixRMaj predictions = Draw.normal(rng, Draw.size(rng, 5, 30), Draw.size(rng, 3, 10), rng.nextDouble(0.1, 3));
        DMatrixRMaj truth = Draw.normal(rng, 1, predictions.numCols, 1.0);
        Given<DMatrixRMaj> p = Given.of("predictions", predictions);
        Given<DMatrixRMaj> t = Given.of("truth", truth);
        var d = BiasVariance.decompose(p.student(), t.student(), rng.nextDouble(0, 1));
        Given.unchanged("BiasVariance.decompose", p, t);
        Check.close("bias2 + variance + noise against expectedError of BiasVariance.decompose",
                d.bias2() + d.variance() + d.noise(), d.expectedError(), 1e-9);
    }

    @Test
    @Points(2)
    void aQuinticHasLessBiasAndMoreVarianceThanALine(RandomGenerator rng) {
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
        long seed = rng.nextLong();
        // The student's first: an unfinished exercise fails before the reference's 400 fits.
        var student = BiasVariance.decompose(BiasVariance.bootstrapPredictions(x.copy(), y.copy(), 5, 200, xTest.copy(),
                new SplittableRandom(seed)), truth.copy(), 1.0);
        var line = dlkit.reference.experiments.BiasVariance.decompose(dlkit.reference.experiments.BiasVariance
                .bootstrapPredictions(x, y, 1, 200, xTest, new SplittableRandom(seed)), truth, 1.0);
        var quintic = dlkit.reference.experiments.BiasVariance.decompose(dlkit.reference.experiments.BiasVariance
                .bootstrapPredictions(x, y, 5, 200, xTest, new SplittableRandom(seed)), truth, 1.0);
        assertThat(quintic.bias2()).as("bias^2 of degree 5 against degree 1 (reference)").isLessThan(line.bias2());
        assertThat(quintic.variance()).as("variance of degree 5 against degree 1 (reference)").isGreaterThan(line.variance());

        Check.close("[bias2, variance, noise, expectedError] of degree 5 on 200 resamples of sin(2 pi x) + noise",
                DMatrixRMaj.wrap(1, 4, new double[] {student.bias2(), student.variance(), student.noise(), student.expectedError()}),
                DMatrixRMaj.wrap(1, 4, new double[] {quintic.bias2(), quintic.variance(), quintic.noise(), quintic.expectedError()}),
                1e-8);
    }

    /** What fitting every model to the whole training set gives: the same predictions in every row. */
    private static DMatrixRMaj withoutResampling(DMatrixRMaj x, DMatrixRMaj y, int degree, int resamples, DMatrixRMaj xTest) {
        DMatrixRMaj c = dlkit.reference.experiments.BiasVariance.fitPolynomial(x, y, degree);
        DMatrixRMaj row = dlkit.reference.experiments.BiasVariance.predict(c, xTest);
        DMatrixRMaj out = new DMatrixRMaj(resamples, xTest.numRows);
        for (int b = 0; b < resamples; b++) {
            System.arraycopy(row.data, 0, out.data, b * xTest.numRows, xTest.numRows);
        }
        return out;
    }
}
