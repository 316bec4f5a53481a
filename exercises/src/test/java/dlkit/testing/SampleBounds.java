package dlkit.testing;

import org.ejml.data.DMatrixRMaj;

/**
 * Tolerances for statistical tests of random draws, each from a stated inequality, so that a
 * correct implementation fails a check with probability at most {@link #DELTA}. A test making k
 * such checks fails falsely with probability at most k * DELTA (union bound); keep k * DELTA
 * below 1e-9.
 */
public final class SampleBounds {

    /** False-failure probability of one check. */
    public static final double DELTA = 1e-10;

    private SampleBounds() {}

    /**
     * Hoeffding: the mean of n independent values in an interval of length {@code range} is
     * within this of its expectation, except with probability
     * {@code 2 exp(-2 n t^2 / range^2) = DELTA}.
     */
    public static double hoeffding(long n, double range) {
        return range * Math.sqrt(Math.log(2 / DELTA) / (2.0 * n));
    }

    /**
     * Gaussian mean: the mean of n independent N(mu, std^2) values is within this of mu, except
     * with probability at most {@code 2 exp(-z^2 / 2) = DELTA} (Chernoff bound on the normal tail).
     */
    public static double gaussianMean(long n, double std) {
        return std / Math.sqrt(n) * Math.sqrt(2 * Math.log(2 / DELTA));
    }

    /**
     * Chi-square (Laurent and Massart, 2000): for n independent N(0, std^2) values,
     * {@code s = meanOfSquares / std^2} lies in the returned {@code [low, high]}, except with
     * probability at most {@code 2 exp(-x) = DELTA}, where
     * {@code P(s - 1 >= 2 sqrt(x/n) + 2x/n) <= exp(-x)} and {@code P(1 - s >= 2 sqrt(x/n)) <= exp(-x)}.
     */
    public static double[] chiSquareMeanOfSquares(long n) {
        double x = Math.log(2 / DELTA);
        return new double[] {1 - 2 * Math.sqrt(x / n), 1 + 2 * Math.sqrt(x / n) + 2 * x / n};
    }

    /** The mean of all elements. */
    public static double mean(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i];
        }
        return s / m.getNumElements();
    }

    /** The mean of the squares of all elements (about 0, not about the sample mean). */
    public static double meanOfSquares(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i] * m.data[i];
        }
        return s / m.getNumElements();
    }

    /** The fraction of elements that are not 0. */
    public static double fractionNonZero(DMatrixRMaj m) {
        int kept = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            if (m.data[i] != 0) {
                kept++;
            }
        }
        return (double) kept / m.getNumElements();
    }
}
