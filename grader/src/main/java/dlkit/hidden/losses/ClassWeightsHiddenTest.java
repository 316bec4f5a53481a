package dlkit.hidden.losses;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.ClassWeights;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(ClassWeights.class)
@ExtendWith(GradingRandom.class)
class ClassWeightsHiddenTest {

    private static final Known INVERSE_COUNT = new Known("ClassWeights/inverse-count",
            "w_c = 1 / n_c; the balanced weight is N / (C n_c)");
    private static final Known WITHOUT_C = new Known("ClassWeights/without-number-of-classes",
            "w_c = N / n_c, the division by the number of classes C missing");
    private static final Known ABSENT_WEIGHS_ZERO = new Known("ClassWeights/absent-class-weighs-zero",
            "a class without labels given a weight instead of the documented IllegalArgumentException");

    /** The student's weights on its own copy of the labels, which must stay unchanged. */
    private static double[] student(Given<int[]> labels, int c) {
        double[] weights = ClassWeights.inverseFrequency(labels.student(), c);
        labels.unchanged("ClassWeights.inverseFrequency");
        return weights;
    }

    @Test
    @Points(2)
    void inverseFrequencyMatchesReference(RandomGenerator rng) {
        // Imbalanced labels in which every class occurs: each class once, then the rest skewed to class 0.
        int c = Draw.size(rng, 2, 6);
        int n = Draw.size(rng, 2 * c, 40);
        int[] labels = new int[n];
        int[] counts = new int[c];
        for (int i = 0; i < n; i++) {
            labels[i] = i < c ? i : rng.nextDouble() < 0.5 ? 0 : rng.nextInt(c);
            counts[labels[i]]++;
        }
        double[] inverseCount = new double[c];
        double[] withoutC = new double[c];
        for (int k = 0; k < c; k++) {
            inverseCount[k] = 1.0 / counts[k];
            withoutC[k] = (double) n / counts[k];
        }
        Given<int[]> given = Given.of("labels", labels);
        // Exact up to one rounding: 1e-12.
        Check.close("ClassWeights.inverseFrequency for " + n + " labels of " + c + " classes",
                Matrices.row(student(given, c)),
                Matrices.row(dlkit.reference.losses.ClassWeights.inverseFrequency(given.copy(), c)), 1e-12,
                INVERSE_COUNT.wouldGive(Matrices.row(inverseCount)), WITHOUT_C.wouldGive(Matrices.row(withoutC)));
    }

    @Test
    @Points(1)
    void aClassWithoutLabelsIsRefused(RandomGenerator rng) {
        int c = Draw.size(rng, 3, 6);
        int absent = rng.nextInt(c);
        // Every class but the absent one occurs at least once.
        int[] labels = new int[Draw.size(rng, c - 1, 20)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (absent + 1 + (i < c - 1 ? i : rng.nextInt(c - 1))) % c;
        }
        Given<int[]> incomplete = Given.of("labels", labels);
        Check.refuses("ClassWeights.inverseFrequency when class " + absent + " has no label (the Javadoc asks for an"
                + " IllegalArgumentException)", () -> ClassWeights.inverseFrequency(incomplete.student(), c),
                ABSENT_WEIGHS_ZERO);
        incomplete.unchanged("ClassWeights.inverseFrequency");
        // One label more, of the missing class, and the same call must give weights again.
        int[] completed = java.util.Arrays.copyOf(labels, labels.length + 1);
        completed[labels.length] = absent;
        Given<int[]> given = Given.of("labels", completed);
        Check.close("ClassWeights.inverseFrequency once class " + absent + " has one label",
                Matrices.row(student(given, c)),
                Matrices.row(dlkit.reference.losses.ClassWeights.inverseFrequency(given.copy(), c)), 1e-12);
    }
}
