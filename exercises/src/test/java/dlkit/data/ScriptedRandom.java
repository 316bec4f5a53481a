package dlkit.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A "random" generator that returns numbers written in the test, so hand-worked examples can
 * check a prescribed order of draws. Fails if asked for more numbers, or another kind of number,
 * than the script holds, and if a scripted whole number is outside the bound asked for.
 */
final class ScriptedRandom implements RandomGenerator {

    private final Deque<Integer> ints = new ArrayDeque<>();
    private final Deque<Double> doubles = new ArrayDeque<>();
    private final Deque<Double> gaussians = new ArrayDeque<>();

    ScriptedRandom withInts(int... values) {
        for (int v : values) {
            ints.add(v);
        }
        return this;
    }

    ScriptedRandom withDoubles(double... values) {
        for (double v : values) {
            doubles.add(v);
        }
        return this;
    }

    ScriptedRandom withGaussians(double... values) {
        for (double v : values) {
            gaussians.add(v);
        }
        return this;
    }

    /** True when every scripted number was drawn. */
    boolean exhausted() {
        return ints.isEmpty() && doubles.isEmpty() && gaussians.isEmpty();
    }

    @Override
    public int nextInt(int bound) {
        if (ints.isEmpty()) {
            throw new AssertionError("[random draws of the example] nextInt(" + bound + ") called more often than the example expects");
        }
        int v = ints.poll();
        if (v < 0 || v >= bound) {
            throw new AssertionError("[random draws of the example] the example expected a draw with a bound above " + v + " but nextInt(" + bound + ") was called");
        }
        return v;
    }

    @Override
    public double nextDouble() {
        if (doubles.isEmpty()) {
            throw new AssertionError("[random draws of the example] nextDouble() called more often than the example expects");
        }
        return doubles.poll();
    }

    @Override
    public double nextGaussian() {
        if (gaussians.isEmpty()) {
            throw new AssertionError("[random draws of the example] nextGaussian() called more often than the example expects");
        }
        return gaussians.poll();
    }

    @Override
    public long nextLong() {
        throw new AssertionError("[random draws of the example] the example expects only nextInt(bound), nextDouble() or nextGaussian()");
    }
}
