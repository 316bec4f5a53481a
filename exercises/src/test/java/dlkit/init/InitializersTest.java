package dlkit.init;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.testing.SampleBounds;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Statistical tests on 200 x 300 = 60000 draws. Each check fails a correct implementation with
 * probability at most SampleBounds.DELTA = 1e-10 (the bound is named at each check); a test
 * makes at most 3 such checks, so it fails falsely with probability below 1e-9. The generators
 * are seeded, so in practice each run gives the same numbers.
 */
class InitializersTest {

    private static final int FAN_IN = 200;
    private static final int FAN_OUT = 300;

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Uniform on [-a, a]: mean 0 and mean of squares a^2 / 3, both by Hoeffding; no value beyond a. */
    private static void assertUniform(String quantity, DMatrixRMaj w, double a) {
        int n = w.getNumElements();
        for (int i = 0; i < n; i++) {
            assertThat(Math.abs(w.data[i])).as("%s: |w| at element %d", quantity, i).isLessThanOrEqualTo(a);
        }
        assertThat(SampleBounds.mean(w)).as("%s: mean", quantity).isCloseTo(0, within(SampleBounds.hoeffding(n, 2 * a)));
        assertThat(SampleBounds.meanOfSquares(w)).as("%s: mean of squares", quantity)
                .isCloseTo(a * a / 3, within(SampleBounds.hoeffding(n, a * a)));
    }

    /** Normal with mean 0 and std: mean by the Gaussian tail, mean of squares by the chi-square bound. */
    private static void assertNormal(String quantity, DMatrixRMaj w, double std) {
        int n = w.getNumElements();
        double[] range = SampleBounds.chiSquareMeanOfSquares(n);
        assertThat(SampleBounds.mean(w)).as("%s: mean", quantity).isCloseTo(0, within(SampleBounds.gaussianMean(n, std)));
        assertThat(SampleBounds.meanOfSquares(w) / (std * std)).as("%s: mean of squares / std^2", quantity)
                .isBetween(range[0], range[1]);
    }

    @Test
    void glorotUniformHasLimitSqrtSixOverFanInPlusFanOut() {
        DMatrixRMaj w = Initializers.glorotUniform(FAN_IN, FAN_OUT, seeded(1));
        assertThat(w).as("Initializers.glorotUniform w").hasShape(FAN_IN, FAN_OUT);
        assertUniform("Initializers.glorotUniform w", w, Math.sqrt(6.0 / 500)); // a = 0.1095..., variance 2 / 500 = 0.004
    }

    @Test
    void glorotNormalHasVarianceTwoOverFanInPlusFanOut() {
        DMatrixRMaj w = Initializers.glorotNormal(FAN_IN, FAN_OUT, seeded(2));
        assertThat(w).as("Initializers.glorotNormal w").hasShape(FAN_IN, FAN_OUT);
        assertNormal("Initializers.glorotNormal w", w, Math.sqrt(2.0 / 500));
    }

    @Test
    void heUniformHasLimitSqrtSixOverFanIn() {
        DMatrixRMaj w = Initializers.heUniform(FAN_IN, FAN_OUT, seeded(3));
        assertThat(w).as("Initializers.heUniform w").hasShape(FAN_IN, FAN_OUT);
        assertUniform("Initializers.heUniform w", w, Math.sqrt(6.0 / FAN_IN));
    }

    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        DMatrixRMaj w = Initializers.heNormal(FAN_IN, FAN_OUT, seeded(4));
        assertThat(w).as("Initializers.heNormal w").hasShape(FAN_IN, FAN_OUT);
        assertNormal("Initializers.heNormal w", w, Math.sqrt(2.0 / FAN_IN));
    }

    @Test
    void lecunNormalHasVarianceOneOverFanIn() {
        DMatrixRMaj w = Initializers.lecunNormal(FAN_IN, FAN_OUT, seeded(5));
        assertThat(w).as("Initializers.lecunNormal w").hasShape(FAN_IN, FAN_OUT);
        assertNormal("Initializers.lecunNormal w", w, Math.sqrt(1.0 / FAN_IN));
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertThat(Initializers.glorotNormal(3, 4, seeded(6))).as("Initializers.glorotNormal(3, 4, seeded(6))").isCloseTo(Initializers.glorotNormal(3, 4, seeded(6)), 0.0);
        assertThat(Initializers.glorotUniform(3, 4, seeded(7))).as("Initializers.glorotUniform(3, 4, seeded(7))").isCloseTo(Initializers.glorotUniform(3, 4, seeded(7)), 0.0);
    }

    @Test
    void drawsOneNumberPerElementInRowMajorOrder() {
        // The first draw fills (0, 0), the second (0, 1): with std = sqrt(2 / (2 + 3)).
        RandomGenerator expected = seeded(8);
        double std = Math.sqrt(2.0 / 5);
        DMatrixRMaj w = Initializers.glorotNormal(2, 3, seeded(8));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(w.get(i, j)).as("(%d, %d)", i, j).isEqualTo(std * expected.nextGaussian());
            }
        }
    }
}
