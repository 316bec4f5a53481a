package dlkit.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class CountedRandomTest {

    private static RandomGenerator seeded() {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    }

    @Test
    void drawsTheWrappedGeneratorsNumbersInOrderAndCountsThem() {
        RandomGenerator plain = seeded();
        CountedRandom counted = new CountedRandom(seeded());

        assertThat(counted.nextDouble()).isEqualTo(plain.nextDouble());
        assertThat(counted.nextInt(7)).isEqualTo(plain.nextInt(7));
        assertThat(counted.nextGaussian()).isEqualTo(plain.nextGaussian());
        assertThat(counted.draws()).isEqualTo(3);
    }

    @Test
    void aStreamCountsEachNumberItYields() {
        CountedRandom counted = new CountedRandom(seeded());
        counted.doubles(5).sum();
        counted.ints(2, 0, 10).sum();

        assertThat(counted.draws()).isEqualTo(7);
    }
}
