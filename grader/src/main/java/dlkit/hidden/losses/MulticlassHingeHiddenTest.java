package dlkit.hidden.losses;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.MulticlassHinge;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(MulticlassHinge.class)
@ExtendWith(GradingRandom.class)
class MulticlassHingeHiddenTest {

    // Loss and gradient are held to 1e-7 relative error (room for another summation order); the
    // named mistakes are off by a factor N or C >= 3, or by margin per sample.

    @Test
    @Points(2)
    void cs231nLossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        int[] y = labels(rng, n, c);
        DMatrixRMaj s = scores(rng, y, c);
        double expected = new dlkit.reference.losses.MulticlassHinge().compute(s, y).loss();

        Check.close("MulticlassHinge().compute(...).loss() on (" + n + ", " + c + ") scores",
                new MulticlassHinge().compute(s, y).loss(), expected, 1e-7,
                Mistake.of("the term j = y counted too; it adds the margin once per sample", expected + 1.0),
                Mistake.of("the loss summed over samples, not averaged", expected * n),
                Mistake.of("the loss divided by C as well; that is PyTorch's MultiMarginLoss, the default here is "
                        + "CS231n's (average over samples only)", expected / c));
    }

    @Test
    @Points(1)
    void pytorchsConventionMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        double margin = rng.nextDouble(0.2, 2);
        int[] y = labels(rng, n, c);
        DMatrixRMaj s = scores(rng, y, c);
        double expected = new dlkit.reference.losses.MulticlassHinge(margin, true).compute(s, y).loss();

        Check.close("MulticlassHinge(" + margin + ", true).compute(...).loss(), PyTorch's convention, on (" + n + ", "
                        + c + ") scores", new MulticlassHinge(margin, true).compute(s, y).loss(), expected, 1e-7,
                Mistake.of("the loss not divided by C; with divideByClasses = true it is (1 / (N C)) sum_i L_i", expected * c));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        double margin = rng.nextDouble(0.2, 2);
        boolean byClasses = rng.nextBoolean();
        int[] y = labels(rng, n, c);
        DMatrixRMaj s = scores(rng, y, c);
        var expected = new dlkit.reference.losses.MulticlassHinge(margin, byClasses).compute(s, y).gradient();

        DMatrixRMaj notAveraged = expected.copy();
        CommonOps_DDRM.scale(n, notAveraged);
        Check.close("MulticlassHinge(" + margin + ", " + byClasses + ").compute(...).gradient() on (" + n + ", " + c
                        + ") scores", new MulticlassHinge(margin, byClasses).compute(s, y).gradient(), expected, 1e-7,
                new Mistake("the gradient not divided by N", notAveraged));
    }

    /**
     * Normal scores, except that sample 0's correct class scores below all its others, so the loss
     * is never 0 (a loss of 0 would hide a missing average).
     */
    private static DMatrixRMaj scores(RandomGenerator rng, int[] y, int c) {
        DMatrixRMaj s = Draw.normal(rng, y.length, c, 1.0);
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            min = Math.min(min, s.get(0, j));
        }
        s.set(0, y[0], min - 0.5);
        return s;
    }

    private static int[] labels(RandomGenerator rng, int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(c);
        }
        return y;
    }
}
