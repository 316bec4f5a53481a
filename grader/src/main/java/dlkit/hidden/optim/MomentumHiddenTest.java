package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.optim.Momentum;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Momentum.class)
@ExtendWith(GradingRandom.class)
class MomentumHiddenTest {

    private static final int STEPS = 30;

    private static final Known CS231N = new Known("Momentum/cs231n-lr-inside-velocity",
            "CS231n's form v = mu v - lr g, which keeps old gradients at their old learning rate; PyTorch's"
                    + " v = mu v + g; w -= lr v applies the current lr to all of v");
    private static final Known AVERAGED = new Known("Momentum/averaged-velocity",
            "the averaged velocity v = mu v + (1 - mu) g (Coursera's form); PyTorch's is v = mu v + g, so with the"
                    + " same lr the steps come out (1 - mu) times too short");
    private static final Known NO_LOOK_AHEAD = new Known("Momentum/nesterov-without-look-ahead",
            "Nesterov without the look-ahead: the step must be lr (g + mu v), not lr v");

    /** A run's inputs: start, gradients, and the learning rate of each step (it changes half way). */
    private record Run(DMatrixRMaj w0, List<DMatrixRMaj> grads, double[] lrs, double mu) {
        static Run draw(RandomGenerator rng) {
            int rows = Draw.size(rng, 1, 5);
            int cols = Draw.size(rng, 1, 5);
            double lr = rng.nextDouble(1e-3, 1e-1);
            double[] lrs = new double[STEPS];
            int change = Draw.size(rng, 5, STEPS - 5);
            double later = lr * rng.nextDouble(0.05, 0.5);
            List<DMatrixRMaj> grads = new ArrayList<>();
            for (int t = 0; t < STEPS; t++) {
                lrs[t] = t < change ? lr : later;
                grads.add(Draw.normal(rng, rows, cols, 1.0));
            }
            return new Run(Draw.normal(rng, rows, cols, 1.0), grads, lrs, rng.nextDouble(0.5, 0.95));
        }

        /** What a mistaken update would give: cs231n puts lr inside v; noLookAhead is classical momentum. */
        DMatrixRMaj mistaken(boolean cs231n, boolean nesterov) {
            DMatrixRMaj w = w0.copy();
            DMatrixRMaj v = new DMatrixRMaj(w.numRows, w.numCols);
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < w.getNumElements(); i++) {
                    double g = grads.get(t).data[i];
                    if (cs231n) {
                        v.data[i] = mu * v.data[i] - lrs[t] * g;
                        w.data[i] += nesterov ? mu * v.data[i] - lrs[t] * g : v.data[i];
                    } else {
                        v.data[i] = mu * v.data[i] + g;
                        w.data[i] -= lrs[t] * v.data[i];
                    }
                }
            }
            return w;
        }

        /** What the averaged velocity v = mu v + (1 - mu) g gives, with the step left as PyTorch's. */
        DMatrixRMaj averaged(boolean nesterov) {
            DMatrixRMaj w = w0.copy();
            DMatrixRMaj v = new DMatrixRMaj(w.numRows, w.numCols);
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < w.getNumElements(); i++) {
                    double g = grads.get(t).data[i];
                    v.data[i] = mu * v.data[i] + (1 - mu) * g;
                    w.data[i] -= lrs[t] * (nesterov ? g + mu * v.data[i] : v.data[i]);
                }
            }
            return w;
        }
    }

    private static void compare(RandomGenerator rng, boolean nesterov) {
        Run run = Run.draw(rng);
        String form = nesterov ? "Nesterov" : "classical";
        Given<Parameter> given = Given.of("w", new Parameter("w", run.w0()));
        Parameter w = given.student();
        Momentum student = new Momentum(List.of(w), run.lrs()[0], run.mu(), nesterov);
        var rw = ToReference.parameter(given.copy());
        var reference = new dlkit.reference.optim.Momentum(List.of(rw), run.lrs()[0], run.mu(), nesterov);
        for (int t = 0; t < STEPS; t++) {
            student.setLearningRate(run.lrs()[t]);
            reference.setLearningRate(run.lrs()[t]);
            w.grad().setTo(run.grads().get(t));
            rw.grad().setTo(run.grads().get(t));
            student.step();
            reference.step();
            Given.unchanged("Momentum.step", "the gradient of w", run.grads().get(t), w.grad());
        }
        List<Mistake> mistakes = new ArrayList<>();
        mistakes.add(CS231N.wouldGive(run.mistaken(true, nesterov)));
        mistakes.add(AVERAGED.wouldGive(run.averaged(nesterov)));
        if (nesterov) {
            mistakes.add(NO_LOOK_AHEAD.wouldGive(run.mistaken(false, false)));
        }
        Check.close("weights after " + STEPS + " " + form + " Momentum.step calls on a (" + w.value().numRows + ", "
                + w.value().numCols + ") parameter, lr lowered part way", w.value(), rw.value(), 1e-9,
                mistakes.toArray(Mistake[]::new));
        Check.close("velocity(w) after " + STEPS + " " + form + " steps (v = mu v + g, no lr inside)",
                student.velocity(w), reference.velocity(rw), 1e-9);
    }

    @Test
    @Points(3)
    void classicalMomentumMatchesReference(RandomGenerator rng) {
        compare(rng, false);
    }

    @Test
    @Points(3)
    void nesterovMatchesReference(RandomGenerator rng) {
        compare(rng, true);
    }

}
