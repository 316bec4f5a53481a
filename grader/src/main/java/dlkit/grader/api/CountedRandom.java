package dlkit.grader.api;

import java.util.random.RandomGenerator;

/**
 * A random generator that counts the draws made from it: for a Javadoc that says "draws
 * nothing" (Dropout in inference mode) or prescribes how many draws a call makes. Each draw is
 * passed to the wrapped generator, so the numbers are the wrapped generator's own, in the same
 * order; every method of RandomGenerator that draws counts once per call (a stream counts once
 * per number it yields, through {@link #nextDouble()} and its kin).
 */
public final class CountedRandom implements RandomGenerator {

    private final RandomGenerator rng;
    private long draws;

    public CountedRandom(RandomGenerator rng) {
        this.rng = rng;
    }

    /** A counted generator of its own for one call, seeded from {@code rng}'s next number ({@link GradingRandom#child}). */
    public static CountedRandom child(RandomGenerator rng) {
        return new CountedRandom(GradingRandom.child(rng));
    }

    /** The number of draws made so far. */
    public long draws() {
        return draws;
    }

    @Override
    public long nextLong() {
        draws++;
        return rng.nextLong();
    }

    @Override
    public long nextLong(long bound) {
        draws++;
        return rng.nextLong(bound);
    }

    @Override
    public long nextLong(long origin, long bound) {
        draws++;
        return rng.nextLong(origin, bound);
    }

    @Override
    public int nextInt() {
        draws++;
        return rng.nextInt();
    }

    @Override
    public int nextInt(int bound) {
        draws++;
        return rng.nextInt(bound);
    }

    @Override
    public int nextInt(int origin, int bound) {
        draws++;
        return rng.nextInt(origin, bound);
    }

    @Override
    public double nextDouble() {
        draws++;
        return rng.nextDouble();
    }

    @Override
    public double nextDouble(double bound) {
        draws++;
        return rng.nextDouble(bound);
    }

    @Override
    public double nextDouble(double origin, double bound) {
        draws++;
        return rng.nextDouble(origin, bound);
    }

    @Override
    public float nextFloat() {
        draws++;
        return rng.nextFloat();
    }

    @Override
    public float nextFloat(float bound) {
        draws++;
        return rng.nextFloat(bound);
    }

    @Override
    public float nextFloat(float origin, float bound) {
        draws++;
        return rng.nextFloat(origin, bound);
    }

    @Override
    public boolean nextBoolean() {
        draws++;
        return rng.nextBoolean();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        draws++;
        rng.nextBytes(bytes);
    }

    @Override
    public double nextGaussian() {
        draws++;
        return rng.nextGaussian();
    }

    @Override
    public double nextGaussian(double mean, double stddev) {
        draws++;
        return rng.nextGaussian(mean, stddev);
    }

    @Override
    public double nextExponential() {
        draws++;
        return rng.nextExponential();
    }
}
