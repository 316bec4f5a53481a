package dlkit.data;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void overSamplingByHand() {
        // labels 1 0 1 1 1 0: class 0 has rows {1, 5}, class 1 has four rows, so class 0 needs
        // 4 - 2 = 2 extra draws, members[nextInt(2)]: scripted 1 then 0 give rows 5 then 1.
        // Class 1 is already the largest: no draws.
        ScriptedRandom rng = new ScriptedRandom().withInts(1, 0);
        int[] indices = Resampling.overSample(new int[] {1, 0, 1, 1, 1, 0}, rng);
        assertThat(indices).as("Resampling.overSample indices").containsExactly(0, 1, 2, 3, 4, 5, 5, 1);
        assertThat(rng.exhausted()).as("Resampling exhausted").isTrue();
    }

    @Test
    void overSamplingWithThreeClasses() {
        // labels 0 1 0 0 2: counts (3, 1, 1). Class 1 gets 2 draws of nextInt(1), then class 2.
        ScriptedRandom rng = new ScriptedRandom().withInts(0, 0, 0, 0);
        assertThat(Resampling.overSample(new int[] {0, 1, 0, 0, 2}, rng)).as("Resampling.overSample(new int[] {0, 1, 0, 0, 2}, rng)").containsExactly(0, 1, 2, 3, 4, 1, 1, 4, 4);
    }

    @Test
    void underSamplingByHand() {
        // labels 1 0 1 1 1 0: min = 2.
        // Class 0, members [1, 5]: i = 0, j = 0 + nextInt(2) = 1: swap -> [5, 1];
        //                          i = 1, j = 1 + nextInt(1) = 1: keep.      Kept 5, 1.
        // Class 1, members [0, 2, 3, 4]: i = 0, j = 0 + nextInt(4) = 2: swap -> [3, 2, 0, 4];
        //                                i = 1, j = 1 + nextInt(3) = 3: swap -> [3, 4, 0, 2]. Kept 3, 4.
        // Sorted: 1, 3, 4, 5.
        ScriptedRandom rng = new ScriptedRandom().withInts(1, 0, 2, 2);
        assertThat(Resampling.underSample(new int[] {1, 0, 1, 1, 1, 0}, rng)).as("Resampling.underSample(new int[] {1, 0, 1, 1, 1, 0}, rng)").containsExactly(1, 3, 4, 5);
        assertThat(rng.exhausted()).as("Resampling exhausted").isTrue();
    }

    @Test
    void overSamplingBalancesTheClasses() {
        int[] labels = {3, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0}; // counts 0: 9, 1: 1, 3: 2; label 2 absent
        int[] indices = Resampling.overSample(labels, new SplittableRandom(7));
        assertThat(Resampling.classCounts(Resampling.labels(labels, indices))).as("Resampling.classCounts(Resampling.labels(labels, indices))").containsExactly(9, 9, 0, 9);
        assertThat(Arrays.copyOf(indices, labels.length)).as("Resampling Arrays.copyOf(indices, labels.length)").containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void underSamplingKeepsDistinctExistingRowsBalanced() {
        int[] labels = {3, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 1};
        int[] indices = Resampling.underSample(labels, new SplittableRandom(7));
        assertThat(indices).as("Resampling.underSample indices").hasSize(6).doesNotHaveDuplicates().isSorted();
        assertThat(indices[0]).as("Resampling indices[0]").isGreaterThanOrEqualTo(0);
        assertThat(indices[indices.length - 1]).as("Resampling indices[indices.length - 1]").isLessThan(labels.length);
        assertThat(Resampling.classCounts(Resampling.labels(labels, indices))).as("Resampling.classCounts(Resampling.labels(labels, indices))").containsExactly(2, 2, 0, 2);
    }

    @Test
    void rowsPicksRowsInTheOrderGiven() {
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(Resampling.rows(x, new int[] {2, 0, 2})).as("Resampling.rows(x, new int[] {2, 0, 2})")
                .isCloseTo(Matrices.of(new double[][] {{5, 6}, {1, 2}, {5, 6}}), 0.0);
    }
}
