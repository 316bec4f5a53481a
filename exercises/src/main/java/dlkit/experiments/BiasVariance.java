package dlkit.experiments;

import dlkit.core.Matrices;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The bias-variance trade-off, measured. Data come from {@code y = f(x) + noise}, the noise of
 * mean 0 and variance sigma^2. A model fitted to a training set makes a prediction {@code p(x)};
 * trained on another training set it would predict something else. Over training sets, at a
 * test point x, the expected squared error against a fresh noisy label splits exactly into three
 * parts:
 * <pre>
 *   E[(y - p(x))^2] = (E[p(x)] - f(x))^2  +  E[(p(x) - E[p(x)])^2]  +  sigma^2
 *                   =       bias^2        +        variance         +   noise
 * </pre>
 * <b>Bias</b> is how far the average model is from the truth: the error of the model family
 * itself (a straight line cannot follow a sine, however much data). <b>Variance</b> is how much the
 * model moves with the training set: a flexible model follows the noise of the sample it saw.
 * <b>Noise</b> is the error no model can remove. More flexible models (higher polynomial degree)
 * lower the bias and raise the variance; the best model balances the two, which is what
 * validation, regularisation and early stopping aim at.
 *
 * <p>Here we measure it. The "other training sets" are B bootstrap resamples of one training set
 * (n points drawn with replacement), the standard stand-in when we cannot draw fresh data; the
 * models are least-squares polynomials; E over training sets becomes the mean over the B models,
 * and the terms are averaged over T test points. With the mean over the B models as E[p], the
 * identity above holds exactly for these empirical averages (the cross term
 * {@code 2 (mean_b p_b - f) * mean_b (p_b - mean_b p_b)} is zero because the second factor is), so
 * {@code bias2 + variance + noise} equals {@code expectedError} up to rounding.
 */
public final class BiasVariance {

    private BiasVariance() {}

    /**
     * The three terms and the expected error they add up to, each averaged over the test points.
     *
     * @param bias2         mean_t (pbar_t - f_t)^2, with pbar_t = mean_b p_bt
     * @param variance      mean_t mean_b (p_bt - pbar_t)^2   (divided by B, not B - 1)
     * @param noise         sigma^2
     * @param expectedError mean_t mean_b (p_bt - f_t)^2 + sigma^2: the mean squared error against a
     *                      fresh label f_t + noise, the expectation over the noise taken exactly
     */
    public record Decomposition(double bias2, double variance, double noise, double expectedError) {}

    /**
     * The least-squares polynomial of the given degree: the coefficients c minimising
     * {@code sum_i (c_0 + c_1 x_i + ... + c_d x_i^d - y_i)^2}.
     *
     * @param x      (N, 1); not modified
     * @param y      (N, 1); not modified
     * @param degree d &gt;= 0, with at least d + 1 distinct x values
     * @return c, a new (d + 1, 1) matrix, c_0 first
     */
    public static DMatrixRMaj fitPolynomial(DMatrixRMaj x, DMatrixRMaj y, int degree) {
        Matrices.requireShape("x", x, "N, 1", Matrices.ANY, 1);
        Matrices.requireShape("y", y, "N, 1", x.numRows, 1);
        // TODO: build the (N, d + 1) matrix V with V_ij = x_i^j (a column of ones first) and solve
        //  V c = y in the least-squares sense: CommonOps_DDRM.solve(V, y, c) does that for a
        //  non-square V (with a QR decomposition, more accurate than the normal equations).
        throw new UnsupportedOperationException("not implemented yet: BiasVariance.fitPolynomial");
    }

    /**
     * The polynomial with coefficients c at each x: {@code c_0 + c_1 x + ... + c_d x^d}.
     *
     * @param c (d + 1, 1); not modified
     * @param x (N, 1); not modified
     * @return a new (N, 1) matrix
     */
    public static DMatrixRMaj predict(DMatrixRMaj c, DMatrixRMaj x) {
        Matrices.requireShape("c", c, "d + 1, 1", Matrices.ANY, 1);
        Matrices.requireShape("x", x, "N, 1", Matrices.ANY, 1);
        DMatrixRMaj p = new DMatrixRMaj(x.numRows, 1);
        CommonOps_DDRM.mult(vandermonde(x, c.numRows - 1), c, p);
        return p;
    }

    /** V_ij = x_i^j, (N, degree + 1). */
    private static DMatrixRMaj vandermonde(DMatrixRMaj x, int degree) {
        DMatrixRMaj v = new DMatrixRMaj(x.numRows, degree + 1);
        for (int i = 0; i < x.numRows; i++) {
            double power = 1;
            for (int j = 0; j <= degree; j++) {
                v.set(i, j, power);
                power *= x.data[i];
            }
        }
        return v;
    }

    /**
     * Fits one polynomial per bootstrap resample of (x, y) and predicts at the test points.
     * Order of random draws, which the tests rely on: for resample b = 0, 1, ..., B - 1, the N
     * indices {@code rng.nextInt(N)} one after the other; resample b is the points at those indices.
     *
     * @param x         (N, 1); not modified
     * @param y         (N, 1); not modified
     * @param degree    d of every polynomial
     * @param resamples B &gt;= 1
     * @param xTest     (T, 1); not modified
     * @param rng       the only source of randomness
     * @return a new (B, T) matrix: row b holds model b's predictions at the T test points
     */
    public static DMatrixRMaj bootstrapPredictions(DMatrixRMaj x, DMatrixRMaj y, int degree, int resamples,
                                                   DMatrixRMaj xTest, RandomGenerator rng) {
        Matrices.requireShape("x", x, "N, 1", Matrices.ANY, 1);
        Matrices.requireShape("y", y, "N, 1", x.numRows, 1);
        Matrices.requireShape("xTest", xTest, "T, 1", Matrices.ANY, 1);
        // TODO: for each b: draw N indices, copy those points into new (N, 1) matrices, fit them
        //  with fitPolynomial, predict at xTest and write the predictions into row b.
        throw new UnsupportedOperationException("not implemented yet: BiasVariance.bootstrapPredictions");
    }

    /**
     * The decomposition of the class comment from the models' predictions.
     *
     * @param predictions   p, (B, T): model b's prediction at test point t; not modified
     * @param truth         f at the test points, (1, T); not modified
     * @param noiseVariance sigma^2 &gt;= 0
     * @return bias^2, variance, noise and the expected error, each averaged over the T test points
     */
    public static Decomposition decompose(DMatrixRMaj predictions, DMatrixRMaj truth, double noiseVariance) {
        Matrices.requireShape("predictions", predictions, "B, T", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("truth", truth, "1, T", 1, predictions.numCols);
        // TODO: for each test point t (column): pbar = mean of column t; add (pbar - f_t)^2 to the
        //  bias, mean_b (p_bt - pbar)^2 to the variance (around pbar, NOT around f_t) and
        //  mean_b (p_bt - f_t)^2 to the error; divide the three sums by T; the noise is sigma^2,
        //  which the expected error includes too.
        throw new UnsupportedOperationException("not implemented yet: BiasVariance.decompose");
    }
}
