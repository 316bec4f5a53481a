package dlkit.hidden.losses;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    // Loss and gradient are held to 1e-7 relative error: room for another summation order, while
    // every named mistake is off by a factor of 2 or of D >= 2.

    @Test
    @Points(1)
    void lossMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 10);
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj p = Draw.normal(rng, n, d, 2.0);
        DMatrixRMaj t = Draw.normal(rng, n, d, 2.0);
        double sum = 0;
        for (int i = 0; i < p.getNumElements(); i++) {
            sum += Math.pow(p.data[i] - t.data[i], 2);
        }
        Check.close("MeanSquaredError.compute(...).loss() on (" + n + ", " + d + ") predictions",
                MeanSquaredError.compute(p, t).loss(), dlkit.reference.losses.MeanSquaredError.compute(p, t).loss(),
                1e-7, Mistake.of("the squared errors divided by N only; PyTorch's MSELoss averages over all N * D elements", sum / n),
                Mistake.of("a factor ½ in front; PyTorch's MSELoss has none", sum / (2.0 * n * d)));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 10);
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj p = Draw.normal(rng, n, d, 2.0);
        DMatrixRMaj t = Draw.normal(rng, n, d, 2.0);
        LossAndGradient student = MeanSquaredError.compute(p, t);
        var reference = dlkit.reference.losses.MeanSquaredError.compute(p, t);
        DMatrixRMaj residual = p.copy();
        for (int i = 0; i < p.getNumElements(); i++) {
            residual.data[i] -= t.data[i];
        }
        Check.close("MeanSquaredError.compute(...).gradient() on (" + n + ", " + d + ") predictions",
                student.gradient(), reference.gradient(), 1e-7,
                new Mistake("the factor 2 of d(r^2)/dr = 2r missing", Matrices.map(residual, r -> r / (n * d))),
                new Mistake("the gradient divided by N only; the loss averages over all N * D elements",
                        Matrices.map(residual, r -> 2 * r / n)));
    }
}
