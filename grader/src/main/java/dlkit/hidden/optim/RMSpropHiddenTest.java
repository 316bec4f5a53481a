package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Failure;
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

/**
 * RMSprop against the reference, each stepping its own Parameter built from the same values; the
 * student's gradients must come out of each step unchanged. Every test draws lr, alpha and eps
 * ({@link Settings}, away from PyTorch's defaults), so an RMSprop that ignores one of them fails
 * each test, and the messages name them.
 */
@Grades(RMSprop.class)
@ExtendWith(GradingRandom.class)
class RMSpropHiddenTest {

    private static final Known WITHOUT_DECAY = new Known("RMSprop/without-decay",
            "RMSprop without the decay: v must be alpha v + (1 - alpha) g^2, not v + g^2");
    private static final Known EPS_INSIDE_SQRT = new Known("RMSprop/eps-inside-sqrt",
            "eps added inside the square root; PyTorch adds it after: sqrt(v) + eps");
    private static final Known FIXED_EPS = new Known("RMSprop/fixed-eps",
            "eps fixed at PyTorch's default 1e-8: use the eps given to the constructor (the field eps)");

    /**
     * One run's hyperparameters, away from PyTorch's defaults (lr = 0.01, alpha = 0.99,
     * eps = 1e-8): lr in [0.02, 0.1), alpha in [0.8, 0.97), so a default written into the update
     * changes every step by far more than the tests' 1e-9; eps as the test draws it.
     */
    private record Settings(double lr, double alpha, double eps) {
        static Settings draw(RandomGenerator rng, double eps) {
            return new Settings(rng.nextDouble(0.02, 0.1), rng.nextDouble(0.8, 0.97), eps);
        }

        @Override
        public String toString() {
            return "lr = " + Failure.number(lr) + ", alpha = " + Failure.number(alpha) + ", eps = " + Failure.number(eps);
        }
    }

    /** Runs student and reference on the same gradients; returns {student w, reference w, student v, reference v}. */
    private static DMatrixRMaj[] runBoth(DMatrixRMaj w0, List<DMatrixRMaj> grads, Settings h) {
        Given<Parameter> given = Given.of("w", new Parameter("w", w0));
        Parameter w = given.student();
        RMSprop student = new RMSprop(List.of(w), h.lr(), h.alpha(), h.eps());
        var rw = ToReference.parameter(given.copy());
        var reference = new dlkit.reference.optim.RMSprop(List.of(rw), h.lr(), h.alpha(), h.eps());
        for (DMatrixRMaj g : grads) {
            w.grad().setTo(g);
            rw.grad().setTo(g);
            student.step();
            reference.step();
            Given.unchanged("RMSprop.step", "the gradient of w", g, w.grad());
        }
        return new DMatrixRMaj[] {w.value(), rw.value(), student.squareAverage(w), reference.squareAverage(rw)};
    }

    /** The reference's weights from {@code w0} after {@code grads}, run with PyTorch's eps 1e-8 in place of h's. */
    private static DMatrixRMaj withDefaultEps(DMatrixRMaj w0, List<DMatrixRMaj> grads, Settings h) {
        var rw = ToReference.parameter(new Parameter("w", w0.copy()));
        var reference = new dlkit.reference.optim.RMSprop(List.of(rw), h.lr(), h.alpha(), 1e-8);
        for (DMatrixRMaj g : grads) {
            rw.grad().setTo(g);
            reference.step();
        }
        return rw.value();
    }

    /** RMSprop with a mistake: decay false accumulates v += g^2 (Adagrad); epsInside uses sqrt(v + eps). */
    private static DMatrixRMaj mistaken(DMatrixRMaj w0, List<DMatrixRMaj> grads, Settings h, boolean decay,
                                        boolean epsInside) {
        double lr = h.lr();
        double alpha = h.alpha();
        double eps = h.eps();
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
        // eps log-uniform in [1e-4, 1e-2), at least 1e4 times PyTorch's 1e-8: with gradients of
        // 0.1 to 10, sqrt(v) is below about 10, so eps moves each step by at least 1e-5 of itself,
        // a relative change of the weights far above the 1e-9 checked.
        int rows = Draw.size(rng, 1, 5);
        int cols = Draw.size(rng, 1, 5);
        Settings h = Settings.draw(rng, Math.pow(10, -rng.nextDouble(2, 4)));
        DMatrixRMaj w0 = Draw.normal(rng, rows, cols, 1.0);
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            grads.add(Draw.normal(rng, rows, cols, rng.nextDouble(0.1, 10)));
        }
        DMatrixRMaj[] r = runBoth(w0, grads, h);
        Check.close("weights after 30 RMSprop.step calls on a (" + rows + ", " + cols + ") parameter with " + h,
                r[0], r[1], 1e-9,
                WITHOUT_DECAY.wouldGive(mistaken(w0, grads, h, false, false)),
                FIXED_EPS.wouldGive(withDefaultEps(w0, grads, h)));
        Check.close("squareAverage(w) after 30 steps with " + h, r[2], r[3], 1e-9);
    }

    @Test
    @Points(2)
    void epsilonIsAddedAfterTheSquareRoot(RandomGenerator rng) {
        // Gradients of eps / 10 with eps log-uniform in [1e-5, 1e-3): sqrt(v) + eps is about
        // eps, sqrt(v + eps) about sqrt(eps), 30 to 300 times larger.
        Settings h = Settings.draw(rng, Math.pow(10, -rng.nextDouble(3, 5)));
        DMatrixRMaj w0 = Draw.normal(rng, 2, 4, 1.0);
        List<DMatrixRMaj> grads = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            grads.add(Draw.normal(rng, 2, 4, h.eps() / 10));
        }
        DMatrixRMaj[] r = runBoth(w0, grads, h);
        Check.close("weights after 5 RMSprop.step calls with gradients of about eps / 10, with " + h, r[0], r[1], 1e-9,
                EPS_INSIDE_SQRT.wouldGive(mistaken(w0, grads, h, true, true)),
                FIXED_EPS.wouldGive(withDefaultEps(w0, grads, h)));
    }

}
