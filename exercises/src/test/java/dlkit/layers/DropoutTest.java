package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import dlkit.testing.SampleBounds;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DropoutTest {

    /** Returns the given numbers from nextDouble(), in order, so the mask is known in advance. */
    private static RandomGenerator scripted(double... draws) {
        return new RandomGenerator() {
            private int next;

            @Override
            public double nextDouble() {
                return draws[next++];
            }

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("Dropout should draw with nextDouble()");
            }
        };
    }

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @Test
    void trainingKeepsDrawsBelowOneMinusPAndScalesThemByHand() {
        // p = 0.4: keep when the draw is < 0.6, and scale kept units by 1 / 0.6.
        // Draws 0.1, 0.9, 0.59, 0.6 (row-major): kept, dropped, kept, dropped.
        Dropout dropout = new Dropout(0.4, scripted(0.1, 0.9, 0.59, 0.6));
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {3, 4}});

        DMatrixRMaj y = dropout.forward(x);

        assertThat(y).as("Dropout.forward y").isCloseTo(Matrices.of(new double[][] {{1 / 0.6, 0}, {3 / 0.6, 0}}), 1e-15);
        assertThat(x).as("Dropout x").isCloseTo(Matrices.of(new double[][] {{1, 2}, {3, 4}}), 0.0);
    }

    @Test
    void backwardUsesTheForwardMaskAndScale() {
        Dropout dropout = new Dropout(0.4, scripted(0.1, 0.9, 0.59, 0.6));
        dropout.forward(Matrices.of(new double[][] {{1, 2}, {3, 4}}));

        DMatrixRMaj dx = dropout.backward(Matrices.of(new double[][] {{10, 20}, {30, 40}}));

        assertThat(dx).as("Dropout.backward dx").isCloseTo(Matrices.of(new double[][] {{10 / 0.6, 0}, {30 / 0.6, 0}}), 1e-15);
    }

    @Test
    void inferenceIsTheIdentityInBothDirections() {
        Dropout dropout = new Dropout(0.5, seeded(1));
        dropout.setTraining(false);
        DMatrixRMaj x = Matrices.of(new double[][] {{1, -2, 3}, {0.5, 7, -1}});

        assertThat(dropout.forward(x)).as("Dropout dropout.forward(x)").isCloseTo(x, 0.0);
        assertThat(dropout.backward(x)).as("Dropout dropout.backward(x)").isCloseTo(x, 0.0);
    }

    @Test
    void pZeroKeepsEverythingAndPOneDropsEverything() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, -2, 3}, {0.5, 7, -1}});

        assertThat(new Dropout(0.0, seeded(2)).forward(x)).as("Dropout new Dropout(0.0, seeded(2)).forward(x)").isCloseTo(x, 0.0);
        Dropout all = new Dropout(1.0, seeded(3));
        assertThat(all.forward(x)).as("Dropout all.forward(x)").isFinite().isCloseTo(new DMatrixRMaj(2, 3), 0.0);
        assertThat(all.backward(x)).as("Dropout all.backward(x)").isFinite().isCloseTo(new DMatrixRMaj(2, 3), 0.0);
    }

    @Test
    void keepRateIsOneMinusPAndTheMeanIsPreserved() {
        // 200 x 500 = 100000 units of value 1, p = 0.3. Each unit is kept independently with
        // probability 0.7, so by Hoeffding the kept fraction is within SampleBounds.hoeffding(n, 1)
        // (about 0.007) of 0.7 except with probability 1e-10; the mean output, in [0, 1/0.7] per
        // unit, is within hoeffding(n, 1/0.7) of 1 except with probability 1e-10.
        Dropout dropout = new Dropout(0.3, seeded(4));
        DMatrixRMaj ones = new DMatrixRMaj(200, 500);
        ones.fill(1);
        int n = ones.getNumElements();

        DMatrixRMaj y = dropout.forward(ones);

        assertThat(SampleBounds.fractionNonZero(y)).as("kept fraction")
                .isCloseTo(0.7, within(SampleBounds.hoeffding(n, 1)));
        assertThat(SampleBounds.mean(y)).as("mean output")
                .isCloseTo(1.0, within(SampleBounds.hoeffding(n, 1 / 0.7)));
    }

    @Test
    void eachForwardPassDrawsAFreshMask() {
        Dropout dropout = new Dropout(0.5, seeded(5));
        DMatrixRMaj ones = new DMatrixRMaj(10, 10);
        ones.fill(1);
        // Two masks of 100 units agree everywhere with probability 2^-100.
        assertThat(Matrices.relativeError(dropout.forward(ones), dropout.forward(ones))).as("Dropout.forward masks of two calls differ").isPositive();
    }
}
