package dlkit.hidden.layers;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.LeakyReLU;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LeakyReLU.class)
@ExtendWith(GradingRandom.class)
class LeakyReLUHiddenTest {

    @Test
    @Points(1)
    void forwardWithTheDefaultSlopeMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int d = Draw.size(rng, 2, 10);
        DMatrixRMaj x = mixedSigns(rng, n, d);
        Check.close("LeakyReLU.forward with the default slope on a (" + n + ", " + d + ") batch",
                new LeakyReLU().forward(x), new dlkit.reference.layers.LeakyReLU().forward(x), 1e-12,
                new Mistake("negatives set to 0, as plain ReLU; leaky ReLU multiplies them by the slope",
                        Matrices.map(x, v -> Math.max(v, 0))),
                new Mistake("a default slope other than PyTorch's 0.01", Matrices.map(x, v -> v > 0 ? v : 0.1 * v)));
    }

    @Test
    @Points(2)
    void forwardAndBackwardWithAGivenSlopeMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 10);
        int d = Draw.size(rng, 2, 10);
        double slope = rng.nextDouble(0.02, 0.5);
        DMatrixRMaj x = mixedSigns(rng, n, d);
        DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
        LeakyReLU student = new LeakyReLU(slope);
        var reference = new dlkit.reference.layers.LeakyReLU(slope);

        String where = " of LeakyReLU with slope " + slope + " on a (" + n + ", " + d + ") batch";
        Check.close("forward" + where, student.forward(x), reference.forward(x), 1e-12);
        DMatrixRMaj reluGrad = up.copy();
        for (int i = 0; i < x.getNumElements(); i++) {
            reluGrad.data[i] = x.data[i] > 0 ? up.data[i] : 0;
        }
        Check.close("backward" + where, student.backward(up), reference.backward(up), 1e-12,
                new Mistake("a gradient of 0 for negative inputs; leaky ReLU's derivative there is the slope", reluGrad),
                new Mistake("the upstream gradient passed unchanged everywhere", up));
    }

    /** Normal values with at least one negative and one positive, so both pieces are always exercised. */
    private static DMatrixRMaj mixedSigns(RandomGenerator rng, int n, int d) {
        DMatrixRMaj x = Draw.normal(rng, n, d, 2.0);
        x.data[0] = -Math.abs(x.data[0]);
        x.data[1] = Math.abs(x.data[1]);
        return x;
    }
}
