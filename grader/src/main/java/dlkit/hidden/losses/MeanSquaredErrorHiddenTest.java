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
import dlkit.losses.MeanSquaredError;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(MeanSquaredError.class)
@ExtendWith(GradingRandom.class)
class MeanSquaredErrorHiddenTest {

    private static final Known DIVIDED_BY_N = new Known("MeanSquaredError/divided-by-n",
            "the squared errors divided by N only; PyTorch's MSELoss averages over all N * D elements");
    private static final Known HALF = new Known("MeanSquaredError/half-factor",
            "a factor ½ in front; PyTorch's MSELoss has none");
    private static final Known NO_FACTOR_TWO = new Known("MeanSquaredError/gradient-without-factor-2",
            "the factor 2 of d(r^2)/dr = 2r missing");
    private static final Known GRADIENT_BY_N = new Known("MeanSquaredError/gradient-divided-by-n",
            "the gradient divided by N only; the loss averages over all N * D elements");

    /** The student's result on its own copies of the predictions and targets, which must stay unchanged. */
    private static LossAndGradient student(Given<DMatrixRMaj> p, Given<DMatrixRMaj> t) {
        LossAndGradient result = MeanSquaredError.compute(p.student(), t.student());
        Given.unchanged("MeanSquaredError.compute", p, t);
        return result;
    }

    // Loss and gradient are held to 1e-7 relative error: room for another summation order, while
    // every named mistake is off by a factor of 2 or of D >= 2.

    @Test
    @Points(1)
    void lossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 10);
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj p = Draw.normal(rng, n, d, 2.0);
        DMatrixRMaj t = Draw.normal(rng, n, d, 2.0);
        Given<DMatrixRMaj> predictions = Given.of("predictions", p);
        Given<DMatrixRMaj> targets = Given.of("targets", t);
        double sum = 0;
        for (int i = 0; i < p.getNumElements(); i++) {
            sum += Math.pow(p.data[i] - t.data[i], 2);
        }
        Check.close("MeanSquaredError.compute(...).loss() on (" + n + ", " + d + ") predictions",
                student(predictions, targets).loss(),
                dlkit.reference.losses.MeanSquaredError.compute(predictions.copy(), targets.copy()).loss(), 1e-7,
                DIVIDED_BY_N.wouldGive(sum / n), HALF.wouldGive(sum / (2.0 * n * d)));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 10);
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj p = Draw.normal(rng, n, d, 2.0);
        DMatrixRMaj t = Draw.normal(rng, n, d, 2.0);
        Given<DMatrixRMaj> predictions = Given.of("predictions", p);
        Given<DMatrixRMaj> targets = Given.of("targets", t);
        LossAndGradient student = student(predictions, targets);
        var reference = dlkit.reference.losses.MeanSquaredError.compute(predictions.copy(), targets.copy());
        DMatrixRMaj residual = p.copy();
        for (int i = 0; i < p.getNumElements(); i++) {
            residual.data[i] -= t.data[i];
        }
        Check.close("MeanSquaredError.compute(...).gradient() on (" + n + ", " + d + ") predictions",
                student.gradient(), reference.gradient(), 1e-7,
                NO_FACTOR_TWO.wouldGive(Matrices.map(residual, r -> r / (n * d))),
                GRADIENT_BY_N.wouldGive(Matrices.map(residual, r -> 2 * r / n)));
    }
}
