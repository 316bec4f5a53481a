package dlkit.hidden.losses;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.LossAndGradient;
import dlkit.losses.WeightedCrossEntropy;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(WeightedCrossEntropy.class)
@ExtendWith(GradingRandom.class)
class WeightedCrossEntropyHiddenTest {

    // Loss and gradient are held to 1e-7 relative error (room for another order of summation).
    // Dividing by N instead of the sum of target weights is off by sum(w_y) / N, a factor drawn
    // from weights in [0.1, 3] that differs from 1 by more than 1e-3 except with negligible chance.

    @Test
    @Points(3)
    void lossAndGradientMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 2, 6);
        double[] w = weights(rng, c);
        DMatrixRMaj s = Draw.normal(rng, n, c, 3.0);
        int[] y = labels(rng, n, c);
        LossAndGradient student = new WeightedCrossEntropy(w).compute(s, y);
        var reference = new dlkit.reference.losses.WeightedCrossEntropy(w).compute(s, y);
        double weightSum = 0;
        for (int label : y) {
            weightSum += w[label];
        }
        double byN = weightSum / n;

        String where = "WeightedCrossEntropy.compute on (" + n + ", " + c + ") scores with weights " + java.util.Arrays.toString(w);
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7,
                Mistake.of("the weighted sum divided by N; PyTorch divides by the sum of the targets' weights",
                        reference.loss() * byN));
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7,
                new Mistake("the gradient divided by N; PyTorch divides by the sum of the targets' weights",
                        Matrices.map(reference.gradient(), g -> g * byN)),
                new Mistake("the class weight left out of the gradient", unweightedGradient(s, y, weightSum)));
    }

    @Test
    @Points(1)
    void unitWeightsGiveThePlainMean(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 2, 6);
        double[] w = new double[c];
        java.util.Arrays.fill(w, 1.0);
        DMatrixRMaj s = Draw.normal(rng, n, c, 3.0);
        int[] y = labels(rng, n, c);
        Check.close("WeightedCrossEntropy.compute(...).loss() with all weights 1 on (" + n + ", " + c + ") scores",
                new WeightedCrossEntropy(w).compute(s, y).loss(),
                new dlkit.reference.losses.WeightedCrossEntropy(w).compute(s, y).loss(), 1e-7);
    }

    @Test
    @Points(1)
    void largeScoresStayFinite(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int c = Draw.size(rng, 2, 6);
        double[] w = weights(rng, c);
        DMatrixRMaj s = Draw.normal(rng, n, c, 1000.0);
        s.set(0, rng.nextInt(c), rng.nextDouble(1000, 2000)); // exp of it overflows for certain
        int[] y = labels(rng, n, c);
        LossAndGradient student = new WeightedCrossEntropy(w).compute(s, y);
        var reference = new dlkit.reference.losses.WeightedCrossEntropy(w).compute(s, y);
        String where = "WeightedCrossEntropy.compute on scores of size about 1000 (exp overflows unless the row's "
                + "maximum is subtracted first)";
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7);
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7);
    }

    @Test
    @Points(1)
    void targetsWithZeroTotalWeightAreRefused(RandomGenerator rng) {
        int c = Draw.size(rng, 2, 6);
        double[] w = weights(rng, c);
        int zero = rng.nextInt(c);
        w[zero] = 0;
        int n = Draw.size(rng, 1, 5);
        int[] y = new int[n];
        java.util.Arrays.fill(y, zero);
        DMatrixRMaj s = Draw.normal(rng, n + 1, c, 1.0);
        DMatrixRMaj firstRows = new DMatrixRMaj(n, c);
        System.arraycopy(s.data, 0, firstRows.data, 0, n * c);
        assertThatThrownBy(() -> new WeightedCrossEntropy(w).compute(firstRows, y))
                .as("WeightedCrossEntropy.compute when every target is a class of weight 0 (no mean exists)")
                .isInstanceOf(IllegalArgumentException.class);
        // One more target, of a class with weight > 0, and the mean exists again.
        int[] withOther = java.util.Arrays.copyOf(y, n + 1);
        withOther[n] = (zero + 1) % c;
        Check.close("WeightedCrossEntropy.compute(...).loss() when one target of " + (n + 1) + " has a weight > 0",
                new WeightedCrossEntropy(w).compute(s, withOther).loss(),
                new dlkit.reference.losses.WeightedCrossEntropy(w).compute(s, withOther).loss(), 1e-7);
    }

    private static double[] weights(RandomGenerator rng, int c) {
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = rng.nextDouble(0.1, 3);
        }
        return w;
    }

    private static int[] labels(RandomGenerator rng, int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(c);
        }
        return y;
    }

    /** (softmax(s) - onehot(y)) / weightSum, without the per-sample weight. */
    private static DMatrixRMaj unweightedGradient(DMatrixRMaj s, int[] y, double weightSum) {
        DMatrixRMaj g = new DMatrixRMaj(s.numRows, s.numCols);
        for (int i = 0; i < s.numRows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s.numCols; j++) {
                max = Math.max(max, s.get(i, j));
            }
            double sum = 0;
            for (int j = 0; j < s.numCols; j++) {
                sum += Math.exp(s.get(i, j) - max);
            }
            for (int j = 0; j < s.numCols; j++) {
                g.set(i, j, (Math.exp(s.get(i, j) - max) / sum - (j == y[i] ? 1 : 0)) / weightSum);
            }
        }
        return g;
    }
}
