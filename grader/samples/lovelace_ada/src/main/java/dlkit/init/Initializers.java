package dlkit.init;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Random initial weights whose scale keeps the signal's variance steady from layer to layer.
 * A weight matrix here has shape (fanIn, fanOut) because a layer computes {@code y = x W} with
 * rows of x as samples: rows of W are inputs, columns are outputs. ({@code torch.nn.Linear}
 * stores its weight as (out, in), so PyTorch's fan_in is that tensor's dimension 1.)
 * <pre>
 *   scheme          distribution       scale                                variance
 *   glorotUniform   U[-a, a]           a   = sqrt(6 / (fanIn + fanOut))     2 / (fanIn + fanOut)
 *   glorotNormal    N(0, std^2)        std = sqrt(2 / (fanIn + fanOut))     2 / (fanIn + fanOut)
 *   heUniform       U[-a, a]           a   = sqrt(6 / fanIn)                2 / fanIn
 *   heNormal        N(0, std^2)        std = sqrt(2 / fanIn)                2 / fanIn
 *   lecunNormal     N(0, std^2)        std = sqrt(1 / fanIn)                1 / fanIn
 * </pre>
 * Glorot (also called Xavier; Glorot and Bengio, 2010) averages fan-in and fan-out, to keep both
 * the forward signal and the backward gradient steady for tanh-like units. Variance
 * {@code 1 / fanIn} is LeCun's initialisation, NOT Glorot's (a common slip). He (Kaiming; He et
 * al., 2015) doubles LeCun's variance because ReLU zeroes half of its inputs. These match
 * {@code torch.nn.init}: {@code xavier_uniform_}, {@code xavier_normal_} (gain 1),
 * {@code kaiming_uniform_} and {@code kaiming_normal_} (mode fan_in, nonlinearity relu), and
 * {@code kaiming_normal_} with nonlinearity linear for LeCun. The normal schemes are not
 * truncated (Keras' are).
 *
 * <p>Order of random draws, so that runs can be compared exactly: one draw per element in
 * row-major order (row 0 from left to right, then row 1, ...): {@code rng.nextDouble(-a, a)} for
 * the uniform schemes and {@code std * rng.nextGaussian()} for the normal ones. Nothing else is
 * drawn.
 */
public final class Initializers {

    private Initializers() {}

    /**
     * Glorot (Xavier) uniform: each weight uniform on [-a, a), a = sqrt(6 / (fanIn + fanOut)).
     *
     * @return a new (fanIn, fanOut) matrix
     */
    public static DMatrixRMaj glorotUniform(int fanIn, int fanOut, RandomGenerator rng) {
        requireFans(fanIn, fanOut);
        // TODO: compute a, then fill a (fanIn, fanOut) matrix row by row with rng.nextDouble(-a, a).
        //  Hint: U[-a, a] has variance a^2 / 3, which here is 2 / (fanIn + fanOut).
        return uniform(fanIn, fanOut, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /**
     * Glorot (Xavier) normal: each weight normal with mean 0 and std = sqrt(2 / (fanIn + fanOut)).
     *
     * @return a new (fanIn, fanOut) matrix
     */
    public static DMatrixRMaj glorotNormal(int fanIn, int fanOut, RandomGenerator rng) {
        requireFans(fanIn, fanOut);
        // TODO: compute std, then fill a (fanIn, fanOut) matrix row by row with std * rng.nextGaussian().
        return normal(fanIn, fanOut, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    /**
     * He (Kaiming) uniform, for ReLU layers: each weight uniform on [-a, a), a = sqrt(6 / fanIn).
     *
     * @return a new (fanIn, fanOut) matrix
     */
    public static DMatrixRMaj heUniform(int fanIn, int fanOut, RandomGenerator rng) {
        requireFans(fanIn, fanOut);
        // TODO: as glorotUniform, with the variance 2 / fanIn.
        return uniform(fanIn, fanOut, Math.sqrt(6.0 / fanIn), rng);
    }

    /**
     * He (Kaiming) normal, for ReLU layers: each weight normal with mean 0 and std = sqrt(2 / fanIn).
     *
     * @return a new (fanIn, fanOut) matrix
     */
    public static DMatrixRMaj heNormal(int fanIn, int fanOut, RandomGenerator rng) {
        requireFans(fanIn, fanOut);
        // TODO: as glorotNormal, with the variance 2 / fanIn.
        return normal(fanIn, fanOut, Math.sqrt(2.0 / fanIn), rng);
    }

    /**
     * LeCun normal, for linear, tanh or SELU layers: each weight normal with mean 0 and
     * std = sqrt(1 / fanIn).
     *
     * @return a new (fanIn, fanOut) matrix
     */
    public static DMatrixRMaj lecunNormal(int fanIn, int fanOut, RandomGenerator rng) {
        requireFans(fanIn, fanOut);
        // TODO: as glorotNormal, with the variance 1 / fanIn.
        return normal(fanIn, fanOut, Math.sqrt(1.0 / fanIn), rng);
    }

    private static void requireFans(int fanIn, int fanOut) {
        if (fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("fanIn and fanOut must be >= 1 but were (" + fanIn + ", " + fanOut + ")");
        }
    }

    // my helpers: fill row by row, as the Javadoc asks
    private static DMatrixRMaj uniform(int rows, int cols, double limit, RandomGenerator rng) {
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                w.set(r, c, rng.nextDouble(-limit, limit));
        return w;
    }

    private static DMatrixRMaj normal(int rows, int cols, double std, RandomGenerator rng) {
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                w.set(r, c, std * rng.nextGaussian());
        return w;
    }
}
