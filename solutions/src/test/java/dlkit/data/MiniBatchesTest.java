package dlkit.data;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.core.Matrices;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

    @Test
    void shuffleIsFisherYatesFromTheEnd() {
        // Collections.shuffle draws the same numbers in the same order.
        List<Integer> expected = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        java.util.Collections.shuffle(expected, new Random(42));
        int[] order = MiniBatches.shuffledIndices(10, new Random(42));
        assertThat(order).as("MiniBatches.shuffledIndices order").containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void shuffleDrawsFromTheGivenGenerator() {
        // A generator that always answers 0: i = 3 swaps with 0, then i = 2, then i = 1.
        // [0,1,2,3] -> [3,1,2,0] -> [2,1,3,0] -> [1,2,3,0]
        RandomGenerator zeros = () -> 0L;
        assertThat(MiniBatches.shuffledIndices(4, zeros)).as("MiniBatches.shuffledIndices(4, zeros)").containsExactly(1, 2, 3, 0);
    }

    @Test
    void splitKeepsOrDropsTheLastPartialBatch() {
        int[] order = {4, 2, 0, 1, 3};
        List<int[]> kept = MiniBatches.split(order, 2, false);
        assertThat(kept).as("MiniBatches.split kept").hasSize(3);
        assertThat(kept.get(2)).as("MiniBatches kept.get(2)").containsExactly(3);
        List<int[]> dropped = MiniBatches.split(order, 2, true);
        assertThat(dropped).as("MiniBatches.split dropped").hasSize(2);
        assertThat(dropped.get(1)).as("MiniBatches dropped.get(1)").containsExactly(0, 1);
    }

    @Test
    void iterationCounts() {
        assertThat(MiniBatches.iterationsPerEpoch(10, 3, false)).as("MiniBatches.iterationsPerEpoch(10, 3, false)").isEqualTo(4);
        assertThat(MiniBatches.iterationsPerEpoch(10, 3, true)).as("MiniBatches.iterationsPerEpoch(10, 3, true)").isEqualTo(3);
        assertThat(MiniBatches.iterationsPerEpoch(10, 5, true)).as("MiniBatches.iterationsPerEpoch(10, 5, true)").isEqualTo(2);
        assertThat(MiniBatches.iterationsPerEpoch(5, 8, false)).as("MiniBatches.iterationsPerEpoch(5, 8, false)").isEqualTo(1);
        assertThat(MiniBatches.iterationsPerEpoch(5, 8, true)).as("MiniBatches.iterationsPerEpoch(5, 8, true)").isEqualTo(0);
        assertThatThrownBy(() -> MiniBatches.iterationsPerEpoch(0, 8, false), "MiniBatches: MiniBatches.iterationsPerEpoch(0, 8, false) throws").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalIterationsOverEpochs() {
        // 10 samples in batches of 3: 4 iterations an epoch keeping the last batch, 3 dropping it.
        assertThat(MiniBatches.totalIterations(10, 3, false, 5)).as("MiniBatches.totalIterations(10, 3, false, 5)").isEqualTo(20);
        assertThat(MiniBatches.totalIterations(10, 3, true, 5)).as("MiniBatches.totalIterations(10, 3, true, 5)").isEqualTo(15);
        // Large runs overflow an int: 50,000 single-sample steps for 100,000 epochs.
        assertThat(MiniBatches.totalIterations(50_000, 1, false, 100_000)).as("MiniBatches.totalIterations(50_000, 1, false, 100_000)").isEqualTo(5_000_000_000L);
    }

    @Test
    void fullBatchGradientIsTheMeanOfPerSampleGradients() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {0, 1}, {3, -1}});
        DMatrixRMaj y = Matrices.of(new double[][] {{1}, {2}, {0.5}});
        DMatrixRMaj w = Matrices.of(new double[][] {{0.5}, {-1}});
        DMatrixRMaj mean = new DMatrixRMaj(2, 1);
        for (int i = 0; i < 3; i++) {
            CommonOps_DDRM.addEquals(mean, 1.0 / 3, MiniBatches.gradient(x, y, w, new int[] {i}));
        }
        assertThat(MiniBatches.gradient(x, y, w, new int[] {0, 1, 2})).as("MiniBatches.gradient(x, y, w, new int[] {0, 1, 2})").isCloseTo(mean, 1e-12);
    }

    @Test
    void fullBatchEpochIsOneExactGradientStep() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {0, 1}, {3, -1}});
        DMatrixRMaj y = Matrices.of(new double[][] {{1}, {2}, {0.5}});
        DMatrixRMaj w = Matrices.of(new double[][] {{0.5}, {-1}});
        DMatrixRMaj expected = w.copy();
        CommonOps_DDRM.addEquals(expected, -0.1, MiniBatches.gradient(x, y, w, new int[] {0, 1, 2}));
        assertThat(MiniBatches.trainEpoch(x, y, w, 0.1, 3, false, new Random(1))).as("MiniBatches.trainEpoch(x, y, w, 0.1, 3, false, new Random(1))").isEqualTo(1);
        assertThat(w).as("MiniBatches w").isCloseTo(expected, 1e-12);
    }

    @Test
    void singleSampleEpochTakesOneStepPerSampleInTheShuffledOrder() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {0, 1}, {3, -1}});
        DMatrixRMaj y = Matrices.of(new double[][] {{1}, {2}, {0.5}});
        DMatrixRMaj w = Matrices.of(new double[][] {{0.5}, {-1}});
        DMatrixRMaj expected = w.copy();
        for (int i : MiniBatches.shuffledIndices(3, new Random(7))) {
            CommonOps_DDRM.addEquals(expected, -0.1, MiniBatches.gradient(x, y, expected, new int[] {i}));
        }
        assertThat(MiniBatches.trainEpoch(x, y, w, 0.1, 1, false, new Random(7))).as("MiniBatches.trainEpoch(x, y, w, 0.1, 1, false, new Random(7))").isEqualTo(3);
        assertThat(w).as("MiniBatches w").isCloseTo(expected, 1e-12);
        assertThat(Arrays.stream(MiniBatches.shuffledIndices(3, new Random(7))).sorted().toArray()).as("MiniBatches.shuffledIndices(3, ...) sorted").containsExactly(0, 1, 2);
    }
}
