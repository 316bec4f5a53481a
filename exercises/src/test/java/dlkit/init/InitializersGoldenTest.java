package dlkit.init;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import dlkit.testing.SampleBounds;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Initializers against the bounds and standard deviations of torch.nn.init
 * (the instructor's PyTorch script, fans from torch's own _calculate_fan_in_and_fan_out on a Linear
 * weight of shape (out, in)). Torch's draws cannot be reproduced, so this checks the kit's
 * draws: every uniform value within torch's bound and the largest within 1% of it; the mean of
 * squares of the normal ones within the chi-square bound of torch's std^2. Each case pools at
 * least 60000 draws; each check fails falsely with probability at most 1e-10 (SampleBounds),
 * 3 cases x 3 normal checks = 9 checks, so below 1e-9 in all. The uniform bounds are exact.
 */
class InitializersGoldenTest {

    @Test
    void drawsFollowTorchInitFormulas() {
        JsonNode cases = Golden.load("init");
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(29);
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) cases::fields) {
            if (entry.getKey().startsWith("_")) {
                continue;
            }
            JsonNode c = entry.getValue();
            int fanIn = c.get("fan_in").intValue();
            int fanOut = c.get("fan_out").intValue();
            int repeats = (60000 + fanIn * fanOut - 1) / (fanIn * fanOut);

            checkUniform(entry.getKey() + " glorotUniform", c.get("glorot_uniform_bound").doubleValue(),
                    pooled(repeats, () -> Initializers.glorotUniform(fanIn, fanOut, rng)));
            checkUniform(entry.getKey() + " heUniform", c.get("he_uniform_bound").doubleValue(),
                    pooled(repeats, () -> Initializers.heUniform(fanIn, fanOut, rng)));
            checkNormal(entry.getKey() + " glorotNormal", c.get("glorot_normal_std").doubleValue(),
                    pooled(repeats, () -> Initializers.glorotNormal(fanIn, fanOut, rng)));
            checkNormal(entry.getKey() + " heNormal", c.get("he_normal_std").doubleValue(),
                    pooled(repeats, () -> Initializers.heNormal(fanIn, fanOut, rng)));
            checkNormal(entry.getKey() + " lecunNormal", c.get("lecun_normal_std").doubleValue(),
                    pooled(repeats, () -> Initializers.lecunNormal(fanIn, fanOut, rng)));
        }
    }

    /** All draws of {@code repeats} matrices in one (1, n) row. */
    private static DMatrixRMaj pooled(int repeats, Supplier<DMatrixRMaj> draw) {
        DMatrixRMaj first = draw.get();
        int size = first.getNumElements();
        DMatrixRMaj all = new DMatrixRMaj(1, size * repeats);
        System.arraycopy(first.data, 0, all.data, 0, size);
        for (int r = 1; r < repeats; r++) {
            System.arraycopy(draw.get().data, 0, all.data, r * size, size);
        }
        return all;
    }

    private static void checkUniform(String what, double bound, DMatrixRMaj w) {
        double largest = 0;
        for (int i = 0; i < w.getNumElements(); i++) {
            largest = Math.max(largest, Math.abs(w.data[i]));
        }
        // P(all n draws below 0.99 a) = 0.99^n < 1e-260 for n >= 60000.
        assertThat(largest).as(what + ": largest |w| against torch's bound").isLessThanOrEqualTo(bound)
                .isGreaterThan(0.99 * bound);
    }

    private static void checkNormal(String what, double std, DMatrixRMaj w) {
        int n = w.getNumElements();
        double[] range = SampleBounds.chiSquareMeanOfSquares(n);
        double ratio = SampleBounds.meanOfSquares(w) / (std * std);
        System.out.printf("%s: mean of squares / torch std^2 = %.4f (bounds %.4f, %.4f)%n", what, ratio, range[0], range[1]);
        assertThat(ratio).as(what + ": mean of squares / torch's std^2").isBetween(range[0], range[1]);
        assertThat(SampleBounds.mean(w)).as(what + ": mean").isCloseTo(0, within(SampleBounds.gaussianMean(n, std)));
    }
}
