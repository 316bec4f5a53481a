package dlkit.hidden.losses;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.losses.LossAndGradient;
import dlkit.losses.MulticlassHinge;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(MulticlassHinge.class)
@ExtendWith(GradingRandom.class)
class MulticlassHingeHiddenTest {

    private static final Known COUNTS_CORRECT = new Known("MulticlassHinge/counts-the-correct-class",
            "the term j = y counted too; it adds the margin once per sample");
    private static final Known NOT_AVERAGED = new Known("MulticlassHinge/not-averaged",
            "the loss summed over samples, not averaged");
    private static final Known DIVIDED_BY_C = new Known("MulticlassHinge/always-divided-by-classes",
            "the loss divided by C as well; that is PyTorch's MultiMarginLoss, the default here is "
                    + "CS231n's (average over samples only)");
    private static final Known NOT_DIVIDED_BY_C = new Known("MulticlassHinge/not-divided-by-classes",
            "the loss not divided by C; with divideByClasses = true it is (1 / (N C)) sum_i L_i");
    private static final Known MARGIN_IGNORED = new Known("MulticlassHinge/margin-ignored",
            "the margin taken as 1 whatever the constructor was given; use the margin field");
    private static final Known GRADIENT_NOT_AVERAGED = new Known("MulticlassHinge/gradient-not-averaged",
            "the gradient not divided by N");

    /** The student's result on its own copies of the scores and labels, which must stay unchanged. */
    private static LossAndGradient student(MulticlassHinge loss, Given<DMatrixRMaj> scores, Given<int[]> labels) {
        LossAndGradient result = loss.compute(scores.student(), labels.student());
        Given.unchanged("MulticlassHinge.compute", scores, labels);
        return result;
    }

    // Loss and gradient are held to 1e-7 relative error (room for another summation order); the
    // named mistakes are off by a factor N or C >= 3, or by margin per sample.

    @Test
    @Points(2)
    void cs231nLossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        int[] y = labels(rng, n, c);
        Given<DMatrixRMaj> scores = Given.of("scores", scores(rng, y, c));
        Given<int[]> labels = Given.of("labels", y);
        double student = student(new MulticlassHinge(), scores, labels).loss();
        double expected = new dlkit.reference.losses.MulticlassHinge().compute(scores.copy(), labels.copy()).loss();

        Check.close("MulticlassHinge().compute(...).loss() on (" + n + ", " + c + ") scores", student, expected, 1e-7,
                COUNTS_CORRECT.wouldGive(expected + 1.0), NOT_AVERAGED.wouldGive(expected * n),
                DIVIDED_BY_C.wouldGive(expected / c));
    }

    @Test
    @Points(1)
    void pytorchsConventionMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        double margin = rng.nextDouble(0.2, 2);
        int[] y = labels(rng, n, c);
        Given<DMatrixRMaj> scores = Given.of("scores", scores(rng, y, c));
        Given<int[]> labels = Given.of("labels", y);
        double student = student(new MulticlassHinge(margin, true), scores, labels).loss();
        double expected = new dlkit.reference.losses.MulticlassHinge(margin, true).compute(scores.copy(), labels.copy())
                .loss();

        Check.close("MulticlassHinge(" + margin + ", true).compute(...).loss(), PyTorch's convention, on (" + n + ", "
                        + c + ") scores", student, expected, 1e-7, NOT_DIVIDED_BY_C.wouldGive(expected * c));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int c = Draw.size(rng, 3, 6);
        // A margin at least 20 % away from 1 (the default), so that a margin taken as 1 always shows.
        double margin = rng.nextBoolean() ? rng.nextDouble(0.2, 0.8) : rng.nextDouble(1.25, 2);
        boolean byClasses = rng.nextBoolean();
        int[] y = labels(rng, n, c);
        DMatrixRMaj s = scores(rng, y, c);
        // The gradient sees the margin only through which terms are positive, and normal scores
        // alone may leave every term on the same side for another margin. So sample 1 has one
        // term just inside the margin (s_j - s_y = -0.9 margin: positive) and one just outside
        // (-1.1 margin: not): any margin off by more than 10 % moves one of them across and changes
        // the gradient by at least 1 / (N C) in two elements, whatever the seed.
        int inside = (y[1] + 1) % c;
        int outside = (y[1] + 2) % c;
        s.set(1, inside, s.get(1, y[1]) - 0.9 * margin);
        s.set(1, outside, s.get(1, y[1]) - 1.1 * margin);
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        DMatrixRMaj student = student(new MulticlassHinge(margin, byClasses), scores, labels).gradient();
        var expected = new dlkit.reference.losses.MulticlassHinge(margin, byClasses)
                .compute(scores.copy(), labels.copy()).gradient();
        var marginOne = new dlkit.reference.losses.MulticlassHinge(1.0, byClasses)
                .compute(scores.copy(), labels.copy()).gradient();

        DMatrixRMaj notAveraged = expected.copy();
        CommonOps_DDRM.scale(n, notAveraged);
        Check.close("MulticlassHinge(" + margin + ", " + byClasses + ").compute(...).gradient() on (" + n + ", " + c
                        + ") scores", student, expected, 1e-7, GRADIENT_NOT_AVERAGED.wouldGive(notAveraged),
                MARGIN_IGNORED.wouldGive(marginOne));
    }

    @Test
    @Points(1)
    void aTermOfExactlyZeroAddsNoGradient(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 6);
        int c = Draw.size(rng, 3, 6);
        int[] y = labels(rng, n, c);
        DMatrixRMaj s = new DMatrixRMaj(n, c);
        for (int i = 0; i < s.getNumElements(); i++) {
            s.data[i] = rng.nextInt(-3, 4);
        }
        int other = (y[0] + 1) % c;
        s.set(0, other, s.get(0, y[0]) - 1); // with margin 1 its term is exactly 0: not positive
        Given<DMatrixRMaj> scores = Given.of("scores", s);
        Given<int[]> labels = Given.of("labels", y);
        LossAndGradient student = student(new MulticlassHinge(1.0, false), scores, labels);
        var expected = new dlkit.reference.losses.MulticlassHinge(1.0, false).compute(scores.copy(), labels.copy());
        Check.close("MulticlassHinge().compute(...).gradient() on integer scores where some terms are exactly 0"
                + " (only a positive term has a gradient)", student.gradient(), expected.gradient(), 1e-12);
        Check.close("MulticlassHinge().compute(...).loss() on integer scores where some terms are exactly 0",
                student.loss(), expected.loss(), 1e-12);
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
