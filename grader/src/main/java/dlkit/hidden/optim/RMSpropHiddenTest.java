package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.optim.RMSprop;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(RMSprop.class)
@ExtendWith(GradingRandom.class)
class RMSpropHiddenTest {

    private static final Known WITHOUT_DECAY = new Known("RMSprop/without-decay",
            "RMSprop without the decay: v must be alpha v + (1 - alpha) g^2, not v + g^2");
    private static final Known EPS_INSIDE_SQRT = new Known("RMSprop/eps-inside-sqrt",
            "eps added inside the square root; PyTorch adds it after: sqrt(v) + eps");

    /** Runs student and reference on the same gradients; returns {student w, reference w, student v, reference v}. */
    private static DMatrixRMaj[] runBoth(DMatrixRMaj w0, List<DMatrixRMaj> grads, double lr, double alpha, double eps) {
        Given<Parameter> given = Given.of("w", new Parameter("w", w0));
        Parameter w = given.student();
        RMSprop student = new RMSprop(List.of(w), lr, alpha, eps);
        var rw = ToReference.parameter(given.copy());
        var reference = new dlkit.reference.optim.RMSprop(List.of(rw), lr, alpha, eps);
        for (DMatrixRMaj g : grads) {
            w.grad().setTo(g);
            rw.grad().setTo(g);
            student.step();
            reference.step();
            Given.unchanged("RMSprop.step", "the gradient of w", g, w.grad());
        }
        return new DMatrixRMaj[] {w.value(), rw.value(), student.squareAverage(w), reference.squareAverage(rw)};
    }

    /** RMSprop with a mistake: decay false accumulates v += g^2 (Adagrad); epsInside uses sqrt(v + eps). */
    private static DMatrixRMaj mistaken(DMatrixRMaj w0, List<DMatrixRMaj> grads, double lr, double alpha, double eps,
                                        boolean decay, boolean epsInside) {
        DMatrixRMaj w = w0.copy();
        double[] v = new double[w.getNumElements()];
        for (DMatrixRMaj g : grads) {
            for (int i = 0; i < v.length; i++) {
                double gi = g.data[i];
                v[i] = decay ? alpha * v[i] + (1 - alpha) * gi * gi : v[i] + gi * gi;
                w.data[i] -= lr * gi / (epsInside ? Math.sqrt(v[i] + eps) : Math.sqrt(v[i]) + eps);
            }
        }
        return w;
    }

    @Test
    @Points(3)
    void manyStepsMatchReference(RandomGenerator rng) {
        int rows = Draw.size(rng, 1, 5);
        int cols = Draw.size(rng, 1, 5);
        double lr = rng.nextDouble(1e-3, 1e-1);
        double alpha = rng.nextDouble(0.8, 0.999);
        double eps = 1e-8;
        DMatrixRMaj w0 = Draw.normal(rng, rows, cols, 1.0);
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            grads.add(Draw.normal(rng, rows, cols, rng.nextDouble(0.1, 10)));
        }
        DMatrixRMaj[] r = runBoth(w0, grads, lr, alpha, eps);
        Check.close("weights after 30 RMSprop.step calls on a (" + rows + ", " + cols + ") parameter, alpha = " + alpha,
                r[0], r[1], 1e-9,
                WITHOUT_DECAY.wouldGive(mistaken(w0, grads, lr, alpha, eps, false, false)));
        Check.close("squareAverage(w) after 30 steps", r[2], r[3], 1e-9);
    }

    @Test
    @Points(2)
    void epsilonIsAddedAfterTheSquareRoot(RandomGenerator rng) {
        // Gradients around 1e-5 with eps = 1e-4: sqrt(v) + eps and sqrt(v + eps) differ by a factor ~10.
        DMatrixRMaj w0 = Draw.normal(rng, 2, 4, 1.0);
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            grads.add(Draw.normal(rng, 2, 4, 1e-5));
        }
        double alpha = rng.nextDouble(0.9, 0.99);
        DMatrixRMaj[] r = runBoth(w0, grads, 0.01, alpha, 1e-4);
        Check.close("weights after 5 RMSprop.step calls with gradients ~1e-5 and eps = 1e-4", r[0], r[1], 1e-9,
                EPS_INSIDE_SQRT.wouldGive(mistaken(w0, grads, 0.01, alpha, 1e-4, true, true)));
    }

}
