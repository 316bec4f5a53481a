package dlkit.hidden.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.experiments.GradientNorms;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import dlkit.layers.Sigmoid;
import dlkit.layers.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-layer gradient norms against the reference, and the three phenomena measured on the
 * reference's numbers for 10 layers of width 32 to 48 and batches of 12 to 20 standard-normal inputs:
 * <ul>
 *   <li>sigmoid, std 1/sqrt(n): first/last at most 4.1e-6 over 20000 draws; required &lt; 1e-3
 *       (margin 240x);</li>
 *   <li>tanh, std 5/sqrt(n): first/last at least 21.9 over 20000 draws; required &gt;= 5 (margin 4.4x);</li>
 *   <li>ReLU, He std sqrt(2/n): max/min over the layers at most 7.03 over 20000 draws (median 2.2);
 *       required &lt;= 25 (margin 3.5x).</li>
 * </ul>
 * The student's norms are computed on a copy of the reference's network built from the student's
 * Dense and activations, and must match the reference's to 1e-9.
 */
@Grades(GradientNorms.class)
@ExtendWith(GradingRandom.class)
class GradientNormsHiddenTest {

    private static final Known NO_ROOT = new Known("GradientNorms/square-root-missing", "the square root is missing");
    private static final Known NOT_SQUARED = new Known("GradientNorms/frobenius-not-squared",
            "the entries are not squared: sqrt(sum |m_ij|)");
    private static final Known SUM_OF_ABS = new Known("GradientNorms/sum-of-absolute-values",
            "the sum of |m_ij|, not of their squares");
    private static final Known REVERSED = new Known("GradientNorms/norms-in-reverse-order",
            "the norms in reverse order; entry 0 is the FIRST layer, nearest the input");
    private static final Known NOT_ZEROED = new Known("GradientNorms/gradients-not-zeroed",
            "the gradients are not set to zero first, so the second call adds to the first");

    @Test
    @Points(1)
    void frobeniusNormMatchesReference(RandomGenerator rng) {
        Given<DMatrixRMaj> given = Given.of("m", Draw.normal(rng, Draw.size(rng, 2, 6), Draw.size(rng, 2, 6), 2.0));
        DMatrixRMaj m = given.copy();
        double sumOfSquares = 0;
        double sumOfAbs = 0;
        for (double v : m.data) {
            sumOfSquares += v * v;
            sumOfAbs += Math.abs(v);
        }
        double actual = GradientNorms.frobeniusNorm(given.student());
        given.unchanged("GradientNorms.frobeniusNorm");
        Check.close("GradientNorms.frobeniusNorm of a random (" + m.numRows + ", " + m.numCols + ") matrix",
                actual, dlkit.reference.experiments.GradientNorms.frobeniusNorm(m), 1e-12,
                NO_ROOT.wouldGive(sumOfSquares), NOT_SQUARED.wouldGive(Math.sqrt(sumOfAbs)), SUM_OF_ABS.wouldGive(sumOfAbs));
    }

    @Test
    @Points(2)
    void deepNetworkDrawsLikeReference(RandomGenerator rng) {
        int depth = Draw.size(rng, 1, 4);
        int width = Draw.size(rng, 2, 6);
        double std = rng.nextDouble(0.1, 3);
        long seed = rng.nextLong();
        Sequential net = GradientNorms.deepNetwork(depth, width, std, Tanh::new, new SplittableRandom(seed));
        var reference = dlkit.reference.experiments.GradientNorms.deepNetwork(depth, width, std,
                dlkit.reference.layers.Tanh::new, new SplittableRandom(seed));
        String what = "GradientNorms.deepNetwork(" + depth + ", " + width + ", " + std + ", Tanh::new, rng)";
        assertThat(net.layers()).as(what + ": number of layers").hasSize(2 * depth);
        for (int k = 0; k < depth; k++) {
            assertThat(net.layers().get(2 * k)).as(what + ": layer " + 2 * k).isInstanceOf(Dense.class);
            assertThat(net.layers().get(2 * k + 1)).as(what + ": layer " + (2 * k + 1)).isInstanceOf(Tanh.class);
            var expected = (dlkit.reference.layers.Dense) reference.layers().get(2 * k);
            Dense actual = (Dense) net.layers().get(2 * k);
            Check.close(what + ": weights of Dense layer " + (k + 1), actual.weight().value(), expected.weight().value(), 0.0);
            Check.close(what + ": bias of Dense layer " + (k + 1), actual.bias().value(), expected.bias().value(), 0.0);
        }
    }

    @Test
    @Points(3)
    void normsMatchReferenceAndDoNotAccumulate(RandomGenerator rng) {
        int depth = Draw.size(rng, 3, 6);
        int width = Draw.size(rng, 3, 8);
        int n = Draw.size(rng, 2, 7);
        var reference = dlkit.reference.experiments.GradientNorms.deepNetwork(depth, width, 1.5 / Math.sqrt(width),
                dlkit.reference.layers.Sigmoid::new, rng);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, width, 1.0));
        Sequential net = copy(reference, Sigmoid::new);
        double[] expected = dlkit.reference.experiments.GradientNorms.weightGradientNorms(reference, x.copy());
        String what = "GradientNorms.weightGradientNorms of " + depth + " Dense+Sigmoid layers of width " + width
                + " on a (" + n + ", " + width + ") batch";

        double[] first = GradientNorms.weightGradientNorms(net, x.student());
        double[] second = GradientNorms.weightGradientNorms(net, x.student());
        x.unchanged("GradientNorms.weightGradientNorms");
        Check.close(what, row(first), row(expected), 1e-9, REVERSED.wouldGive(row(reversed(expected))));
        Check.close(what + ", called a second time", row(second), row(expected), 1e-9,
                NOT_ZEROED.wouldGive(row(scaled(expected, 2))));
    }

    @Test
    @Points(2)
    void tenSigmoidLayersVanish(RandomGenerator rng) {
        double[] norms = phenomenon(rng, 1.0, Sigmoid::new, dlkit.reference.layers.Sigmoid::new, "Sigmoid, std 1/sqrt(n)");
        assertThat(norms[0]).as("first-layer gradient norm of 10 sigmoid layers (reference)")
                .isPositive().isLessThan(1e-3 * norms[9]);
    }

    @Test
    @Points(2)
    void largeTanhWeightsExplodeAndClippingBoundsThem(RandomGenerator rng) {
        int width = Draw.size(rng, 32, 48);
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 12, 20), width, 1.0);
        var reference = dlkit.reference.experiments.GradientNorms.deepNetwork(10, width, 5 / Math.sqrt(width),
                dlkit.reference.layers.Tanh::new, rng);
        Sequential net = copy(reference, Tanh::new);
        double[] norms = dlkit.reference.experiments.GradientNorms.weightGradientNorms(reference, x);
        Check.close("GradientNorms.weightGradientNorms of 10 Dense+Tanh layers, std 5/sqrt(n), width " + width,
                row(GradientNorms.weightGradientNorms(net, x.copy())), row(norms), 1e-9);
        assertThat(norms[0]).as("first-layer gradient norm of 10 tanh layers with large weights (reference)")
                .isGreaterThanOrEqualTo(5 * norms[9]);

        // Clipping by global norm to c = the last layer's norm: scale every gradient by c / ||g||.
        double global = 0;
        for (double v : norms) {
            global += v * v;
        }
        global = Math.sqrt(global);
        double c = norms[9];
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (var layer : reference.layers()) {
            if (layer instanceof dlkit.reference.layers.Dense dense) {
                DMatrixRMaj g = dense.weight().grad().copy();
                org.ejml.dense.row.CommonOps_DDRM.scale(Math.min(1, c / global), g);
                grads.add(g);
            }
        }
        double clippedGlobal = 0;
        for (int k = 0; k < 10; k++) {
            double clipped = dlkit.reference.experiments.GradientNorms.frobeniusNorm(grads.get(k));
            assertThat(clipped).as("norm of layer " + (k + 1) + "'s gradient after clipping").isLessThanOrEqualTo(c * (1 + 1e-12));
            assertThat(clipped / norms[k]).as("clipping keeps the direction: every layer scaled alike")
                    .isCloseTo(c / global, org.assertj.core.data.Offset.offset(1e-12 * c / global));
            clippedGlobal += clipped * clipped;
        }
        assertThat(Math.sqrt(clippedGlobal)).as("global norm after clipping").isCloseTo(c, org.assertj.core.data.Offset.offset(1e-9 * c));
    }

    @Test
    @Points(2)
    void reluWithHeInitialisationKeepsNormsWithinAFactor(RandomGenerator rng) {
        double[] norms = phenomenon(rng, Math.sqrt(2), ReLU::new, dlkit.reference.layers.ReLU::new, "ReLU, He std sqrt(2/n)");
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : norms) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(max).as("largest/smallest layer gradient norm of 10 ReLU layers with He init (reference)")
                .isLessThanOrEqualTo(25 * min);
    }

    /**
     * 10 layers of width 32..48 with std gain/sqrt(n) on a batch of 12..20 normal inputs: the
     * reference's norms, after checking the student's on a copy of the same network.
     */
    private static double[] phenomenon(RandomGenerator rng, double gain, Supplier<Layer> activation,
                                       Supplier<dlkit.reference.layers.Layer> referenceActivation, String setting) {
        int width = Draw.size(rng, 32, 48);
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 12, 20), width, 1.0);
        var reference = dlkit.reference.experiments.GradientNorms.deepNetwork(10, width, gain / Math.sqrt(width),
                referenceActivation, rng);
        double[] norms = dlkit.reference.experiments.GradientNorms.weightGradientNorms(reference, x);
        Check.close("GradientNorms.weightGradientNorms of 10 layers (" + setting + "), width " + width,
                row(GradientNorms.weightGradientNorms(copy(reference, activation), x.copy())), row(norms), 1e-9,
                REVERSED.wouldGive(row(reversed(norms))));
        return norms;
    }

    /** The reference network rebuilt from the student's Dense and activations, same weights. */
    private static Sequential copy(dlkit.reference.layers.Sequential reference, Supplier<Layer> activation) {
        List<Layer> layers = new ArrayList<>();
        for (var layer : reference.layers()) {
            if (layer instanceof dlkit.reference.layers.Dense dense) {
                layers.add(new Dense(dense.weight().value().copy(), dense.bias().value().copy()));
            } else {
                layers.add(activation.get());
            }
        }
        return new Sequential(layers);
    }

    private static DMatrixRMaj row(double[] v) {
        return new DMatrixRMaj(1, v.length, true, v);
    }

    private static double[] reversed(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[v.length - 1 - i];
        }
        return r;
    }

    private static double[] scaled(double[] v, double factor) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= factor;
        }
        return r;
    }
}
