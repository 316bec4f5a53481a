package dlkit.hidden.losses;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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
        // Exact up to one rounding: 1e-12.
        Check.close("ClassWeights.inverseFrequency for " + n + " labels of " + c + " classes",
                Matrices.row(ClassWeights.inverseFrequency(labels, c)),
                Matrices.row(dlkit.reference.losses.ClassWeights.inverseFrequency(labels, c)), 1e-12,
                new Mistake("w_c = 1 / n_c; the balanced weight is N / (C n_c)", Matrices.row(inverseCount)),
                new Mistake("w_c = N / n_c, the division by the number of classes C missing", Matrices.row(withoutC)));
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
        assertThatThrownBy(() -> ClassWeights.inverseFrequency(labels, c))
                .as("ClassWeights.inverseFrequency when class " + absent + " has no label (the Javadoc asks for an "
                        + "IllegalArgumentException, not a weight of 0)")
                .isInstanceOf(IllegalArgumentException.class);
        // One label more, of the missing class, and the same call must give weights again.
        int[] completed = java.util.Arrays.copyOf(labels, labels.length + 1);
        completed[labels.length] = absent;
        Check.close("ClassWeights.inverseFrequency once class " + absent + " has one label",
                Matrices.row(ClassWeights.inverseFrequency(completed, c)),
                Matrices.row(dlkit.reference.losses.ClassWeights.inverseFrequency(completed, c)), 1e-12);
    }
}
