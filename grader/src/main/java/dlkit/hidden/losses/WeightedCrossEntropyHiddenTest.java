package dlkit.hidden.losses;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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

    private static final Known DIVIDED_BY_N = new Known("WeightedCrossEntropy/divided-by-n",
            "the weighted sum divided by N; PyTorch divides by the sum of the targets' weights");
    private static final Known GRADIENT_BY_N = new Known("WeightedCrossEntropy/gradient-divided-by-n",
            "the gradient divided by N; PyTorch divides by the sum of the targets' weights");
    private static final Known GRADIENT_UNWEIGHTED = new Known("WeightedCrossEntropy/gradient-unweighted",
            "the class weight left out of the gradient");
    private static final Known ZERO_WEIGHT_ACCEPTED = new Known("WeightedCrossEntropy/zero-total-weight-accepted",
            "targets whose weights sum to 0 accepted; the mean divides by that sum, so they must be refused");

    /**
     * The student's result on its own copies of the weights, scores and labels, which must stay
     * unchanged; weights are handed to the constructor, which copies them.
     */
    private static LossAndGradient student(Given<double[]> weights, Given<DMatrixRMaj> scores, Given<int[]> labels) {
        LossAndGradient result = new WeightedCrossEntropy(weights.student()).compute(scores.student(), labels.student());
        Given.unchanged("WeightedCrossEntropy's constructor and compute", weights, scores, labels);
        return result;
    }

    private static dlkit.reference.losses.LossAndGradient reference(Given<double[]> weights, Given<DMatrixRMaj> scores,
                                                                    Given<int[]> labels) {
        return new dlkit.reference.losses.WeightedCrossEntropy(weights.copy()).compute(scores.copy(), labels.copy());
    }

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
        Given<double[]> weights = Given.of("weights", w);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        LossAndGradient student = student(weights, scores, labels);
        var reference = reference(weights, scores, labels);
        double weightSum = 0;
        for (int label : y) {
            weightSum += w[label];
        }
        double byN = weightSum / n;

        String where = "WeightedCrossEntropy.compute on (" + n + ", " + c + ") scores with weights " + java.util.Arrays.toString(w);
        Check.close("loss of " + where, student.loss(), reference.loss(), 1e-7,
                DIVIDED_BY_N.wouldGive(reference.loss() * byN));
        Check.close("gradient of " + where, student.gradient(), reference.gradient(), 1e-7,
                GRADIENT_BY_N.wouldGive(Matrices.map(reference.gradient(), g -> g * byN)),
                GRADIENT_UNWEIGHTED.wouldGive(unweightedGradient(s, y, weightSum)));
    }

    @Test
    @Points(1)
    void unitWeightsGiveThePlainMean(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 2, 6);
        double[] w = new double[c];
        java.util.Arrays.fill(w, 1.0);
        Given<double[]> weights = Given.of("weights", w);
        Given<DMatrixRMaj> scores = Given.of("scores", Draw.normal(rng, n, c, 3.0));
        Given<int[]> labels = Given.of("labels", labels(rng, n, c));
        Check.close("WeightedCrossEntropy.compute(...).loss() with all weights 1 on (" + n + ", " + c + ") scores",
                student(weights, scores, labels).loss(), reference(weights, scores, labels).loss(), 1e-7);
    }

    @Test
    @Points(1)
    void largeScoresStayFinite(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 8);
        int c = Draw.size(rng, 2, 6);
        double[] w = weights(rng, c);
        DMatrixRMaj s = Draw.normal(rng, n, c, 1000.0);
        s.set(0, rng.nextInt(c), rng.nextDouble(1000, 2000)); // exp of it overflows for certain
        Given<double[]> weights = Given.of("weights", w);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", labels(rng, n, c));
        LossAndGradient student = student(weights, scores, labels);
        var reference = reference(weights, scores, labels);
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
        Given<double[]> weights = Given.of("weights", w);
        Given<DMatrixRMaj> refusedScores = Given.of("scores", firstRows);
        Given<int[]> refusedLabels = Given.of("labels", y);
        Check.refuses("WeightedCrossEntropy.compute when every target is a class of weight 0 (no mean exists)",
                () -> new WeightedCrossEntropy(weights.student()).compute(refusedScores.student(),
                        refusedLabels.student()), ZERO_WEIGHT_ACCEPTED);
        Given.unchanged("WeightedCrossEntropy's constructor and compute", weights, refusedScores, refusedLabels);
        // One more target, of a class with weight > 0, and the mean exists again.
        int[] withOther = java.util.Arrays.copyOf(y, n + 1);
        withOther[n] = (zero + 1) % c;
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", withOther);
        Check.close("WeightedCrossEntropy.compute(...).loss() when one target of " + (n + 1) + " has a weight > 0",
                student(weights, scores, labels).loss(), reference(weights, scores, labels).loss(), 1e-7);
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
