package dlkit.experiments;

import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import dlkit.optim.Adam;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The universal approximation theorem at work: ONE hidden layer of tanh units, enough of them,
 * approximates a continuous function on an interval as closely as we like. Here
 * {@code sin(x)} on [-pi, pi] by
 * <pre>
 *   f(x) = tanh(x W1 + b1) W2 + b2        W1 (1, H), b1 (1, H), W2 (H, 1), b2 (1, 1)
 * </pre>
 * trained with Adam on the mean squared error. Each unit contributes one smooth step
 * {@code tanh(w x + b)}; a weighted sum of H steps can follow a curve with H bends. With
 * H = 1 the network is a single step, a monotone function of x, which cannot follow sin up and
 * down again (the hidden tests compute the best any monotone function can do); with H = 16 the
 * held-out error falls below 1e-3 within 1500 steps.
 */
public final class SineFit {

    private SineFit() {}

    /**
     * {@code n} evenly spaced points from -pi (included) to pi (excluded):
     * {@code x_i = -pi + 2 pi i / n}. (Not symmetric about 0 on purpose: on a symmetric grid the
     * gradients of the biases of this odd problem are sums that cancel to rounding noise, which
     * Adam, dividing by their size, would turn into steps.)
     *
     * @param n &gt;= 1
     * @return a new (n, 1) matrix
     */
    public static DMatrixRMaj grid(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("grid: need n >= 1 but got " + n);
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = -Math.PI + 2 * Math.PI * i / n;
        }
        return x;
    }

    /**
     * The mean squared error of {@code net} against sin: {@code mean_i (net(x_i) - sin(x_i))^2}.
     *
     * @param net (N, 1) to (N, 1)
     * @param x   (N, 1); not modified
     */
    public static double meanSquaredError(Layer net, DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, 1", Matrices.ANY, 1);
        // TODO: forward x through net, then average (prediction - Math.sin(x_i))^2 over the N points.
        throw new UnsupportedOperationException("not implemented yet: SineFit.meanSquaredError");
    }

    /**
     * Builds and trains the one-hidden-layer network on sin.
     * <ul>
     *   <li>network: {@code Dense.create(1, hiddenUnits, rng)}, then {@code new Tanh()}, then
     *       {@code Dense.create(hiddenUnits, 1, rng)}, in that order (so the draws from rng are
     *       fixed);</li>
     *   <li>data: the {@link #grid} of {@code points} inputs, targets sin(x);</li>
     *   <li>{@code steps} times, full batch: zero the gradients, forward, backward of the mean
     *       squared error, {@code dL/d(output) = 2 (f(x) - sin x) / N}, one step of
     *       {@code new Adam(net.parameters(), lr, 0.9, 0.999, 1e-8)} (one optimiser for the whole run).</li>
     * </ul>
     *
     * @return the trained network
     */
    public static Sequential fit(int hiddenUnits, int points, int steps, double lr, RandomGenerator rng) {
        // TODO: build the network and the Adam optimiser as above, make x = grid(points) and its
        //  targets, then run the training loop. Return the network.
        throw new UnsupportedOperationException("not implemented yet: SineFit.fit");
    }
}
