package dlkit.gan;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The GAN's target and its noise. The target is a mixture of two Gaussians on the line,
 * {@code 0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)}: two well-separated modes, so a generator that
 * collapses onto one of them is easy to see. The noise is standard normal.
 */
public final class Mixture {

    /** The modes are at -MODE and +MODE. */
    public static final double MODE = 2.0;
    /** The standard deviation of each mode. */
    public static final double SPREAD = 0.5;

    private Mixture() {}

    /**
     * {@code n} target samples, each drawn as {@code rng.nextBoolean()} for its mode (true: +MODE),
     * then {@code rng.nextGaussian()} for its offset.
     *
     * @return a new (n, 1) matrix
     */
    public static DMatrixRMaj sample(int n, RandomGenerator rng) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double mode = rng.nextBoolean() ? MODE : -MODE;
            x.data[i] = mode + SPREAD * rng.nextGaussian();
        }
        return x;
    }

    /** {@code n} rows of {@code dim} independent standard normal numbers, row by row: a new (n, dim) matrix. */
    public static DMatrixRMaj noise(int n, int dim, RandomGenerator rng) {
        DMatrixRMaj z = new DMatrixRMaj(n, dim);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = rng.nextGaussian();
        }
        return z;
    }
}
