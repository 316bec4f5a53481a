package dlkit.grader.api;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each hidden test a {@link RandomGenerator} drawn from the grading run's seed (system
 * property {@value #SEED_PROPERTY}) and the test's own id, so inputs are fresh for every run,
 * independent between tests, and replayable with {@code grade --seed N}.
 *
 * <p>Use: {@code @ExtendWith(GradingRandom.class)} on the class and a {@code RandomGenerator}
 * parameter on the test method.
 */
public final class GradingRandom implements ParameterResolver {

    public static final String SEED_PROPERTY = "dlkit.seed";
    private static final long FALLBACK_SEED = System.nanoTime();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RandomGenerator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return forTest(runSeed(), context.getUniqueId());
    }

    /** The grading run's seed, or a fresh one when the tests run outside the grader. */
    public static long runSeed() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null ? FALLBACK_SEED : Long.parseLong(value);
    }

    /** The generator of one test: a pure function of the run's seed and the test's id. */
    public static RandomGenerator forTest(long runSeed, String testId) {
        long mixed = runSeed * 0x9E3779B97F4A7C15L + testId.hashCode();
        return RandomGeneratorFactory.of("L64X128MixRandom").create(mixed);
    }

    /**
     * A generator of its own for one call, seeded from {@code rng}'s next number: calls that each
     * get one share no draws, so a test can count what each draws ({@link CountedRandom}).
     */
    public static RandomGenerator child(RandomGenerator rng) {
        return new java.util.SplittableRandom(rng.nextLong());
    }
}
