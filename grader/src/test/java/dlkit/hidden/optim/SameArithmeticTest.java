package dlkit.hidden.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.core.Matrices;
import dlkit.reference.core.Parameter;
import dlkit.reference.layers.Layer;
import dlkit.reference.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The reference optimisers and activations on their given bases (OptimizerBase, ElementwiseLayer)
 * compute what the kit's earlier versions did, which looped over the parameters themselves: each
 * earlier update is written out here as it was, and the reference must give the same bits (the
 * same doubles, relative error 0) over 100 steps on two parameters, the second frozen for some
 * steps, with a learning-rate change. Sigmoid's backward is the one exception: it now multiplies
 * {@code dy * (s (1 - s))} where it multiplied {@code (dy s) (1 - s)}, within 1e-15.
 */
class SameArithmeticTest {

    private static final int STEPS = 100;

    /** One earlier optimiser: the update of one element, with its own state, at this parameter's step t. */
    private interface OldRule {
        void update(double[] w, double[] g, double[][] state, int t, double lr);
    }

    @Test
    void gradientDescentKeepsItsNumbers() {
        same(ps -> new dlkit.reference.optim.GradientDescent(ps, 0.05), 0, (w, g, s, t, lr) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        });
    }

    @Test
    void momentumAndNesterovKeepTheirNumbers() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double mu = 0.9;
            same(ps -> new dlkit.reference.optim.Momentum(ps, 0.05, mu, nesterov), 1, (w, g, s, t, lr) -> {
                double[] v = s[0];
                for (int i = 0; i < w.length; i++) {
                    v[i] = mu * v[i] + g[i];
                    double direction = nesterov ? g[i] + mu * v[i] : v[i];
                    w[i] -= lr * direction;
                }
            });
        }
    }

    @Test
    void rmspropKeepsItsNumbers() {
        double alpha = 0.99;
        double eps = 1e-8;
        same(ps -> new dlkit.reference.optim.RMSprop(ps, 0.01, alpha, eps), 1, (w, g, s, t, lr) -> {
            double[] v = s[0];
            for (int i = 0; i < w.length; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
            }
        });
    }

    @Test
    void adamAndAdamWKeepTheirNumbers() {
        for (double decay : new double[] {0, 0.05}) {
            double beta1 = 0.9;
            double beta2 = 0.999;
            double eps = 1e-8;
            Function<List<Parameter>, Optimizer> make = decay == 0
                    ? ps -> new dlkit.reference.optim.Adam(ps, 0.01, beta1, beta2, eps)
                    : ps -> new dlkit.reference.optim.AdamW(ps, 0.01, beta1, beta2, eps, decay);
            same(make, 2, (w, g, s, t, lr) -> {
                double correction1 = 1 - Math.pow(beta1, t);
                double correction2 = 1 - Math.pow(beta2, t);
                double[] m = s[0];
                double[] v = s[1];
                for (int i = 0; i < w.length; i++) {
                    if (decay != 0) {
                        w[i] *= 1 - lr * decay;
                    }
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mHat = m[i] / correction1;
                    double vHat = v[i] / correction2;
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            });
        }
    }

    @Test
    void reluTanhAndLeakyReluKeepTheirNumbersAndSigmoidIsWithin1e15() {
        DMatrixRMaj x = normal(new Random(7), 5, 6, 3);
        x.data[0] = 0;
        x.data[1] = 800;
        x.data[2] = -800;
        DMatrixRMaj dy = normal(new Random(8), 5, 6, 1);
        double slope = 0.2;

        DMatrixRMaj relu = backward(new dlkit.reference.layers.ReLU(), x, dy);
        DMatrixRMaj tanh = backward(new dlkit.reference.layers.Tanh(), x, dy);
        DMatrixRMaj leaky = backward(new dlkit.reference.layers.LeakyReLU(slope), x, dy);
        DMatrixRMaj sigmoid = backward(new dlkit.reference.layers.Sigmoid(), x, dy);
        for (int i = 0; i < x.getNumElements(); i++) {
            double xi = x.data[i];
            double g = dy.data[i];
            double y = Math.tanh(xi);
            double s = xi >= 0 ? 1 / (1 + Math.exp(-xi)) : Math.exp(xi) / (1 + Math.exp(xi));
            // Relative error 0: the same number (ReLU now gives -0.0 where it gave 0.0 for dy < 0).
            assertThat(Matrices.relativeError(relu.data[i], xi > 0 ? g : 0)).as("ReLU.backward at %d", i).isZero();
            assertThat(Matrices.relativeError(tanh.data[i], g * (1 - y * y))).as("Tanh.backward at %d", i).isZero();
            assertThat(Matrices.relativeError(leaky.data[i], xi > 0 ? g : slope * g)).as("LeakyReLU.backward at %d", i)
                    .isZero();
            assertThat(Matrices.relativeError(sigmoid.data[i], g * s * (1 - s))).as("Sigmoid.backward at %d", i)
                    .isLessThan(1e-15);
        }
    }

    private static DMatrixRMaj backward(Layer layer, DMatrixRMaj x, DMatrixRMaj dy) {
        layer.forward(x.copy());
        return layer.backward(dy.copy());
    }

    /**
     * Runs {@code make}'s optimiser and the earlier rule side by side, {@code buffers} state arrays
     * per parameter, and asserts the same doubles after every step.
     */
    private static void same(Function<List<Parameter>, Optimizer> make, int buffers, OldRule old) {
        Random rng = new Random(42);
        List<Parameter> params = List.of(new Parameter("a", normal(rng, 4, 3, 1)), new Parameter("b", normal(rng, 1, 3, 1)));
        List<double[]> w = new ArrayList<>();
        double[][][] state = new double[2][buffers][];
        int[] steps = new int[2];
        for (int p = 0; p < 2; p++) {
            w.add(params.get(p).value().data.clone());
            for (int k = 0; k < buffers; k++) {
                state[p][k] = new double[w.get(p).length];
            }
        }
        Optimizer optimizer = make.apply(params);
        for (int t = 1; t <= STEPS; t++) {
            boolean frozen = t <= 7 || (t > 50 && t <= 55);
            params.get(1).setFrozen(frozen);
            if (t == 60) {
                optimizer.setLearningRate(optimizer.learningRate() / 3);
            }
            for (int p = 0; p < 2; p++) {
                params.get(p).grad().setTo(normal(rng, params.get(p).value().numRows, params.get(p).value().numCols,
                        t % 10 == 0 ? 1e-6 : 1));
            }
            optimizer.step();
            for (int p = 0; p < 2; p++) {
                if (p == 1 && frozen) {
                    continue;
                }
                old.update(w.get(p), params.get(p).grad().data, state[p], ++steps[p], optimizer.learningRate());
            }
            for (int p = 0; p < 2; p++) {
                assertThat(params.get(p).value().data).as("%s after step %d of %s", params.get(p).name(), t, optimizer.getClass().getSimpleName())
                        .containsExactly(w.get(p));
            }
        }
    }

    private static DMatrixRMaj normal(Random rng, int rows, int cols, double std) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * rng.nextGaussian();
        }
        return m;
    }
}
