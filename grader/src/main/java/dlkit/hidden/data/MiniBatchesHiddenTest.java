package dlkit.hidden.data;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.core.Matrices;
import dlkit.data.MiniBatches;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(MiniBatches.class)
@ExtendWith(GradingRandom.class)
class MiniBatchesHiddenTest {

    private static final Known NOT_SHUFFLED = new Known("MiniBatches/not-shuffled", "no shuffle at all");
    private static final Known UPWARDS = new Known("MiniBatches/fisher-yates-upwards",
            "Fisher-Yates from the first index up; the kit prescribes from the last index down");
    private static final Known LAST_BATCH_LOST = new Known("MiniBatches/last-batch-lost-when-keep-last",
            "the last partial batch was lost");
    private static final Known ALWAYS_FLOOR = new Known("MiniBatches/iterations-always-floor",
            "floor(n / batchSize) although the last partial batch is kept");
    private static final Known INT_OVERFLOW = new Known("MiniBatches/total-int-overflow",
            "epochs * iterationsPerEpoch multiplied as ints, which wraps around past 2^31 - 1; the Javadoc asks for a"
                    + " long: cast one factor to long before multiplying");
    private static final Known SUMMED = new Known("MiniBatches/gradients-summed",
            "the per-sample gradients were summed, not averaged");

    /** A fresh generator from a seed, so student and reference can get identical streams. */
    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static DMatrixRMaj asRow(int[] values) {
        return Matrices.row(Arrays.stream(values).asDoubleStream().toArray());
    }

    private static DMatrixRMaj flat(List<int[]> batches) {
        return asRow(batches.stream().flatMapToInt(Arrays::stream).toArray());
    }

    @Test
    @Points(2)
    void shuffleMatchesReferenceDrawForDraw(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 60);
        long seed = rng.nextLong();
        int[] identity = java.util.stream.IntStream.range(0, n).toArray();
        // Fisher-Yates upwards, the other common form: for i = 0..n-1, j = nextInt(i + 1).
        int[] upwards = identity.clone();
        RandomGenerator other = seeded(seed);
        for (int i = 1; i < n; i++) {
            int j = other.nextInt(i + 1);
            int kept = upwards[i];
            upwards[i] = upwards[j];
            upwards[j] = kept;
        }
        Check.close("shuffledIndices(" + n + ", rng)", asRow(MiniBatches.shuffledIndices(n, seeded(seed))),
                asRow(dlkit.reference.data.MiniBatches.shuffledIndices(n, seeded(seed))), 0.0,
                NOT_SHUFFLED.wouldGive(asRow(identity)), UPWARDS.wouldGive(asRow(upwards)));
    }

    @Test
    @Points(2)
    void splitMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 5, 40);
        Given<int[]> order = Given.of("indices", dlkit.reference.data.MiniBatches.shuffledIndices(n, rng));
        int partial = Draw.size(rng, 2, n - 1);
        while (n % partial == 0) {
            partial++; // ends at n - 1 at the latest, which leaves 1 over: the last batch is partial
        }
        for (int batchSize : new int[] {Draw.size(rng, 1, n + 3), partial}) {
            for (boolean dropLast : new boolean[] {false, true}) {
                List<int[]> actual = MiniBatches.split(order.student(), batchSize, dropLast);
                order.unchanged("MiniBatches.split");
                List<int[]> expected = dlkit.reference.data.MiniBatches.split(order.copy(), batchSize, dropLast);
                String what = "split of " + n + " indices into batches of " + batchSize + ", dropLast " + dropLast;
                Check.close("number of batches in the " + what, actual.size(), expected.size(), 0.0,
                        LAST_BATCH_LOST.wouldGive(n / batchSize));
                Check.close("batch sizes in the " + what, asRow(actual.stream().mapToInt(b -> b.length).toArray()),
                        asRow(expected.stream().mapToInt(b -> b.length).toArray()), 0.0);
                Check.close("the batches' indices, one after the other, in the " + what, flat(actual), flat(expected), 0.0);
            }
        }
    }

    @Test
    @Points(2)
    void iterationCountsMatchReference(RandomGenerator rng) {
        for (int k = 0; k < 20; k++) {
            int n = Draw.size(rng, 1, 1000);
            int batchSize = k % 4 == 0 ? n + Draw.size(rng, 0, 50) : Draw.size(rng, 1, n);
            int epochs = Draw.size(rng, 0, 1_000_000);
            for (boolean dropLast : new boolean[] {false, true}) {
                String setting = "(n = " + n + ", batchSize = " + batchSize + ", dropLast = " + dropLast + ")";
                Check.close("iterationsPerEpoch" + setting, MiniBatches.iterationsPerEpoch(n, batchSize, dropLast),
                        dlkit.reference.data.MiniBatches.iterationsPerEpoch(n, batchSize, dropLast), 0.0,
                        ALWAYS_FLOOR.wouldGive(n / batchSize));
                Check.close("totalIterations" + setting + " over " + epochs + " epochs",
                        MiniBatches.totalIterations(n, batchSize, dropLast, epochs),
                        dlkit.reference.data.MiniBatches.totalIterations(n, batchSize, dropLast, epochs), 0.0);
            }
        }
        // Long runs, as the Javadoc's "large runs exceed an int": n up to 1e6 in batches of at most
        // 8, and more epochs than 2^31 - 1 iterations allow, so the total is above an int's range
        // (an int product wraps round) and below 2^53, where a double, which the check compares,
        // still holds every whole number exactly.
        for (int k = 0; k < 5; k++) {
            int n = Draw.size(rng, 100_000, 1_000_000);
            int batchSize = Draw.size(rng, 1, 8);
            boolean dropLast = rng.nextBoolean();
            int perEpoch = dlkit.reference.data.MiniBatches.iterationsPerEpoch(n, batchSize, dropLast);
            int epochs = Draw.size(rng, Integer.MAX_VALUE / perEpoch + 1, Integer.MAX_VALUE - 1);
            long expected = dlkit.reference.data.MiniBatches.totalIterations(n, batchSize, dropLast, epochs);
            String setting = "(n = " + n + ", batchSize = " + batchSize + ", dropLast = " + dropLast + ")";
            Check.close("totalIterations" + setting + " over " + epochs + " epochs, " + expected
                            + " iterations: more than an int holds", MiniBatches.totalIterations(n, batchSize, dropLast, epochs),
                    expected, 0.0, INT_OVERFLOW.wouldGive(epochs * perEpoch)); // int * int: the mistake's wrap-round
        }
        assertThatThrownBy(() -> MiniBatches.iterationsPerEpoch(0, 4, false))
                .as("iterationsPerEpoch with n = 0 must be rejected").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Points(3)
    void trainEpochMatchesReferenceInEveryMode(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 30);
        int d = Draw.size(rng, 1, 5);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        Given<DMatrixRMaj> w0 = Given.of("w", Draw.normal(rng, d, 1, 1.0));
        double lr = rng.nextDouble(0.01, 0.1);
        int[][] modes = {{n, 0}, {1, 0}, {Draw.size(rng, 1, n), 0}, {Draw.size(rng, 1, n), 1}};
        String[] names = {"full batch", "single sample", "mini-batch, keep last", "mini-batch, drop last"};
        for (int m = 0; m < modes.length; m++) {
            long seed = rng.nextLong();
            int batchSize = modes[m][0];
            boolean dropLast = modes[m][1] == 1;
            DMatrixRMaj w = w0.copy(); // trainEpoch modifies w: compared below
            DMatrixRMaj rw = w0.copy();
            int steps = MiniBatches.trainEpoch(x.student(), y.student(), w, lr, batchSize, dropLast, seeded(seed));
            Given.unchanged("MiniBatches.trainEpoch", x, y);
            int expectedSteps = dlkit.reference.data.MiniBatches.trainEpoch(x.copy(), y.copy(), rw, lr, batchSize,
                    dropLast, seeded(seed));
            String what = "trainEpoch, " + names[m] + " (N = " + n + ", batchSize = " + batchSize + ")";
            Check.close("iterations returned by " + what, steps, expectedSteps, 0.0);
            Check.close("w after " + what, w, rw, 1e-12);
        }
    }

    @Test
    @Points(1)
    void fullBatchStepUsesTheMeanOfPerSampleGradients(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 20);
        int d = Draw.size(rng, 1, 4);
        Given<DMatrixRMaj> xGiven = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> yGiven = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        DMatrixRMaj x = xGiven.copy();
        DMatrixRMaj y = yGiven.copy();
        DMatrixRMaj w = Draw.normal(rng, d, 1, 1.0);
        DMatrixRMaj expected = w.copy();
        DMatrixRMaj summed = w.copy();
        for (int i = 0; i < n; i++) {
            DMatrixRMaj g = dlkit.reference.data.MiniBatches.gradient(x, y, w, new int[] {i});
            CommonOps_DDRM.addEquals(expected, -0.05 / n, g);
            CommonOps_DDRM.addEquals(summed, -0.05, g);
        }
        MiniBatches.trainEpoch(xGiven.student(), yGiven.student(), w, 0.05, n, false, rng);
        Given.unchanged("MiniBatches.trainEpoch", xGiven, yGiven);
        Check.close("w after a full-batch trainEpoch (N = " + n + "): w - lr * mean of the per-sample gradients",
                w, expected, 1e-12, SUMMED.wouldGive(summed));
    }
}
