package dlkit.hidden.data;

import dlkit.core.Matrices;
import dlkit.data.Resampling;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.CountedRandom;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Resampling.class)
@ExtendWith(GradingRandom.class)
class ResamplingHiddenTest {

    private static final Known MAX_DRAWS = new Known("Resampling/max-draws-per-class",
            "max draws added to every class instead of max - count");
    private static final Known FROM_ALL_ROWS = new Known("Resampling/over-sample-from-all-rows",
            "the extra rows drawn from the whole data set; each class is filled up from its own members");
    private static final Known WITH_REPLACEMENT = new Known("Resampling/under-sample-with-replacement",
            "rows drawn with replacement; under-sampling keeps distinct rows (a partial Fisher-Yates shuffle)");

    @Test
    @Points(2)
    void overSamplingBalancesTheClasses(RandomGenerator rng) {
        // Holds whatever the order of draws: every class ends with as many rows as the largest.
        Given<int[]> given = Given.of("labels", imbalancedLabels(rng));
        int[] labels = given.copy();
        int[] counts = dlkit.reference.data.Resampling.classCounts(labels);
        int max = Arrays.stream(counts).max().orElseThrow();
        CountedRandom counted = CountedRandom.child(rng);
        int[] indices = Resampling.overSample(given.student(), counted);
        given.unchanged("Resampling.overSample");

        String what = "class counts after Resampling.overSample of " + labels.length + " labels with counts "
                + Arrays.toString(counts);
        Check.close(what, counts(labels, indices, counts.length), balanced(counts, max), 0.0,
                MAX_DRAWS.wouldGive(plus(counts, max)));
        int[] firstN = Arrays.copyOf(indices, labels.length);
        Check.close("the first N indices of Resampling.overSample (every row once, in order, before the extra draws)",
                asRow(firstN), asRow(java.util.stream.IntStream.range(0, labels.length).toArray()), 0.0);
        if (!alreadyBalanced(counts)) {
            Check.drewFrom("Resampling.overSample", counted);
        }
    }

    @Test
    @Points(2)
    void overSamplingDrawsAsPrescribed(RandomGenerator rng) {
        Given<int[]> labels = Given.of("labels", imbalancedLabels(rng));
        long seed = rng.nextLong();
        int[] actual = Resampling.overSample(labels.student(), new SplittableRandom(seed));
        labels.unchanged("Resampling.overSample");
        int[] expected = dlkit.reference.data.Resampling.overSample(labels.copy(), new SplittableRandom(seed));
        Check.close("Resampling.overSample indices with the draws in the prescribed order (class by class, "
                + "members[nextInt(count)])", asRow(actual), asRow(expected), 0.0,
                FROM_ALL_ROWS.wouldGive(asRow(overSampleFromAllRows(labels.copy(), new SplittableRandom(seed)))));
    }

    @Test
    @Points(1)
    void underSamplingKeepsDistinctExistingRowsBalanced(RandomGenerator rng) {
        Given<int[]> given = Given.of("labels", imbalancedLabels(rng));
        int[] labels = given.copy();
        int[] counts = dlkit.reference.data.Resampling.classCounts(labels);
        int min = Arrays.stream(counts).filter(c -> c > 0).min().orElseThrow();
        CountedRandom counted = CountedRandom.child(rng);
        int[] indices = Resampling.underSample(given.student(), counted);
        given.unchanged("Resampling.underSample");

        for (int i : indices) {
            if (i < 0 || i >= labels.length) {
                throw Check.failure("the indices of Resampling.underSample", "index " + i + " is not a row of the "
                        + labels.length + " given", null);
            }
        }
        Check.holds("the indices from Resampling.underSample are distinct (rows drawn without replacement)",
                Arrays.stream(indices).distinct().count() == indices.length, WITH_REPLACEMENT);
        Check.close("class counts after Resampling.underSample of labels with counts " + Arrays.toString(counts),
                counts(labels, indices, counts.length), balanced(counts, min), 0.0);
        if (!alreadyBalanced(counts)) {
            Check.drewFrom("Resampling.underSample", counted);
        }
    }

    /** True if every class present has as many rows as the others: then resampling has nothing to draw. */
    private static boolean alreadyBalanced(int[] counts) {
        return Arrays.stream(counts).filter(c -> c > 0).distinct().count() <= 1;
    }

    @Test
    @Points(2)
    void underSamplingDrawsAsPrescribed(RandomGenerator rng) {
        Given<int[]> labels = Given.of("labels", imbalancedLabels(rng));
        long seed = rng.nextLong();
        int[] actual = Resampling.underSample(labels.student(), new SplittableRandom(seed));
        labels.unchanged("Resampling.underSample");
        int[] expected = dlkit.reference.data.Resampling.underSample(labels.copy(), new SplittableRandom(seed));
        Check.close("Resampling.underSample indices with the prescribed partial Fisher-Yates draws, sorted",
                asRow(actual), asRow(expected), 0.0,
                WITH_REPLACEMENT.wouldGive(asRow(underSampleWithReplacement(labels.copy(), new SplittableRandom(seed)))));
    }

    /** Over-sampling whose extra draws are rng.nextInt(N), any row of the data set. */
    private static int[] overSampleFromAllRows(int[] labels, RandomGenerator rng) {
        int[] counts = dlkit.reference.data.Resampling.classCounts(labels);
        int max = Arrays.stream(counts).max().orElseThrow();
        java.util.stream.IntStream.Builder result = java.util.stream.IntStream.builder();
        java.util.stream.IntStream.range(0, labels.length).forEach(result::add);
        for (int count : counts) {
            for (int extra = count; count > 0 && extra < max; extra++) {
                result.add(rng.nextInt(labels.length));
            }
        }
        return result.build().toArray();
    }

    /** The prescribed shuffle, but each kept row drawn afresh, members[nextInt(m)], after its swap: with replacement. */
    private static int[] underSampleWithReplacement(int[] labels, RandomGenerator rng) {
        int[] counts = dlkit.reference.data.Resampling.classCounts(labels);
        int min = Arrays.stream(counts).filter(c -> c > 0).min().orElseThrow();
        java.util.stream.IntStream.Builder kept = java.util.stream.IntStream.builder();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int[] members = dlkit.reference.data.Resampling.membersOf(labels, c);
            for (int i = 0; i < min; i++) {
                int j = i + rng.nextInt(members.length - i);
                int swap = members[i];
                members[i] = members[j];
                members[j] = swap;
                kept.add(members[rng.nextInt(members.length)]);
            }
        }
        return kept.build().sorted().toArray();
    }

    /** 20 to 60 labels of 2 to 4 classes with very different sizes, in a random order; sometimes a label is skipped. */
    private static int[] imbalancedLabels(RandomGenerator rng) {
        int classes = Draw.size(rng, 2, 4);
        int skipped = rng.nextBoolean() ? Draw.size(rng, 0, classes - 1) : -1;
        int n = Draw.size(rng, 20, 60);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i < classes ? i : Math.min(classes - 1, (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 0.8));
            labels[i] = c >= skipped && skipped >= 0 ? c + 1 : c;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }

    private static DMatrixRMaj counts(int[] labels, int[] indices, int classes) {
        double[] c = new double[classes];
        for (int i : indices) {
            if (i >= 0 && i < labels.length && labels[i] < classes) {
                c[labels[i]]++;
            }
        }
        return Matrices.row(c);
    }

    /** {@code target} for every class that occurs, 0 for a label that does not. */
    private static DMatrixRMaj balanced(int[] counts, int target) {
        return Matrices.row(Arrays.stream(counts).mapToDouble(c -> c == 0 ? 0 : target).toArray());
    }

    /** What adding {@code draws} rows to every class that occurs would give. */
    private static DMatrixRMaj plus(int[] counts, int draws) {
        return Matrices.row(Arrays.stream(counts).mapToDouble(c -> c == 0 ? 0 : c + draws).toArray());
    }

    private static DMatrixRMaj asRow(int[] values) {
        return Matrices.row(Arrays.stream(values).asDoubleStream().toArray());
    }
}
