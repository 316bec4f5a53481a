package dlkit.grader.api;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/** Random inputs for hidden tests, always from the generator the test was given. */
public final class Draw {

    private Draw() {}

    /** A (rows, cols) matrix of independent normal values with the given standard deviation. */
    public static DMatrixRMaj normal(RandomGenerator rng, int rows, int cols, double std) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return m;
    }

    /** A (rows, cols) matrix of independent values uniform on [low, high). */
    public static DMatrixRMaj uniform(RandomGenerator rng, int rows, int cols, double low, double high) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble(low, high);
        }
        return m;
    }

    /** A whole number uniform on [low, high], both included. */
    public static int size(RandomGenerator rng, int low, int high) {
        return rng.nextInt(low, high + 1);
    }
}
