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
import dlkit.optim.AdamW;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AdamW against the reference, each stepping its own Parameters built from the same values (a
 * {@link Given} each); the student's gradients must come out of each step unchanged. The known
 * mistakes are replayed on the same gradients by {@link #replay}, one parameter at a time.
 */
@Grades(AdamW.class)
@ExtendWith(GradingRandom.class)
class AdamWHiddenTest {

    private static final Known L2_IN_GRADIENT = new Known("AdamW/l2-in-gradient",
            "Adam with L2: weightDecay * w added to the gradient, so the decay is divided by sqrt(vHat) like the"
                    + " gradient; AdamW multiplies the weights by (1 - lr * weightDecay) and leaves the gradient as it is");
    private static final Known DECAY_WITHOUT_LR = new Known("AdamW/decay-without-lr",
            "the weights multiplied by (1 - weightDecay); torch.optim.AdamW multiplies them by (1 - lr * weightDecay)");
    private static final Known DECAY_AFTER_STEP = new Known("AdamW/decay-after-step",
            "the decay applied after Adam's step; torch.optim.AdamW decays the weights first, then takes Adam's step");

    /** The known mistakes {@link #replay} can make. */
    private enum Way { L2, DECAY_WITHOUT_LR, DECAY_AFTER_STEP }

    @Test
    @Points(2)
    void firstStepMatchesReference(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 3, 4, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 4, rng.nextDouble(1e-3, 1));
        double lr = rng.nextDouble(1e-3, 1e-1);
        double wd = rng.nextDouble(0.01, 0.5);
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        new AdamW(List.of(student), lr, 0.9, 0.999, 1e-8, wd).step();
        var reference = ToReference.parameter(w.copy());
        new dlkit.reference.optim.AdamW(List.of(reference), lr, 0.9, 0.999, 1e-8, wd).step();

        Given.unchanged("AdamW.step", "the gradient of w", g, student.grad());
        List<DMatrixRMaj> grads = List.of(g);
        Check.close("weights after the first AdamW step (lr " + lr + ", weightDecay " + wd + ")", student.value(),
                reference.value(), 1e-9,
                L2_IN_GRADIENT.wouldGive(last(replay(w0, grads, lr, 0.9, 0.999, 1e-8, wd, Way.L2))),
                DECAY_WITHOUT_LR.wouldGive(last(replay(w0, grads, lr, 0.9, 0.999, 1e-8, wd, Way.DECAY_WITHOUT_LR))),
                DECAY_AFTER_STEP.wouldGive(last(replay(w0, grads, lr, 0.9, 0.999, 1e-8, wd, Way.DECAY_AFTER_STEP))));
    }

    @Test
    @Points(3)
    void manyStepsWithLearningRateChangesMatchReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 1e-1);
        double beta1 = rng.nextDouble(0.5, 0.95);
        double beta2 = rng.nextDouble(0.9, 0.9999);
        double eps = Math.pow(10, -rng.nextDouble(3, 8));
        double wd = rng.nextDouble(0.01, 0.5);
        int steps = 30;
        int change = Draw.size(rng, 5, 25);
        double changedLr = lr * rng.nextDouble(0.1, 3);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 4, 3, 1.0)), new Parameter("b", Draw.normal(rng, 1, 3, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        AdamW adamW = new AdamW(student, lr, beta1, beta2, eps, wd);
        var referenceAdamW = new dlkit.reference.optim.AdamW(reference, lr, beta1, beta2, eps, wd);
        List<DMatrixRMaj> gradsA = new ArrayList<>();
        List<DMatrixRMaj> gradsB = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            gradsA.add(Draw.normal(rng, 4, 3, rng.nextDouble(1e-4, 10)));
            gradsB.add(Draw.normal(rng, 1, 3, 1.0));
        }
        DMatrixRMaj a0 = params.copy().get(0).value();
        List<DMatrixRMaj> l2 = replay(a0, gradsA, lr, beta1, beta2, eps, wd, Way.L2, change, changedLr);
        List<DMatrixRMaj> withoutLr = replay(a0, gradsA, lr, beta1, beta2, eps, wd, Way.DECAY_WITHOUT_LR, change, changedLr);
        List<DMatrixRMaj> after = replay(a0, gradsA, lr, beta1, beta2, eps, wd, Way.DECAY_AFTER_STEP, change, changedLr);

        for (int t = 1; t <= steps; t++) {
            if (t - 1 == change) {
                adamW.setLearningRate(changedLr);
                referenceAdamW.setLearningRate(changedLr);
            }
            student.get(0).grad().setTo(gradsA.get(t - 1));
            student.get(1).grad().setTo(gradsB.get(t - 1));
            reference.get(0).grad().setTo(gradsA.get(t - 1));
            reference.get(1).grad().setTo(gradsB.get(t - 1));
            adamW.step();
            referenceAdamW.step();
            Given.unchanged("AdamW.step", "the gradient of a", gradsA.get(t - 1), student.get(0).grad());
            String when = " after step " + t + (t > change ? " (learning rate changed to " + changedLr + " at step "
                    + (change + 1) + ")" : "");
            Check.close("parameter a" + when, student.get(0).value(), reference.get(0).value(), 1e-9,
                    L2_IN_GRADIENT.wouldGive(l2.get(t - 1)), DECAY_WITHOUT_LR.wouldGive(withoutLr.get(t - 1)),
                    DECAY_AFTER_STEP.wouldGive(after.get(t - 1)));
            Check.close("parameter b" + when, student.get(1).value(), reference.get(1).value(), 1e-9);
        }
        Check.close("first moment m of a after " + steps + " steps", adamW.firstMoment(student.get(0)),
                referenceAdamW.firstMoment(reference.get(0)), 1e-9);
        Check.close("second moment v of a after " + steps + " steps", adamW.secondMoment(student.get(0)),
                referenceAdamW.secondMoment(reference.get(0)), 1e-9);
    }

    @Test
    @Points(1)
    void eachParameterCountsItsOwnSteps(RandomGenerator rng) {
        // b is frozen for the first steps: its first step after that is its own t = 1, as
        // torch.optim.AdamW keeps state["step"] per parameter.
        double lr = rng.nextDouble(1e-3, 1e-1);
        double wd = rng.nextDouble(0.01, 0.5);
        int frozenSteps = Draw.size(rng, 1, 4);
        int steps = frozenSteps + Draw.size(rng, 2, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 3, 2, 1.0)), new Parameter("b", Draw.normal(rng, 1, 2, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        AdamW adamW = new AdamW(student, lr, 0.9, 0.999, 1e-8, wd);
        var referenceAdamW = new dlkit.reference.optim.AdamW(reference, lr, 0.9, 0.999, 1e-8, wd);
        for (int t = 1; t <= steps; t++) {
            boolean frozen = t <= frozenSteps;
            student.get(1).setFrozen(frozen);
            reference.get(1).setFrozen(frozen);
            for (int i = 0; i < 2; i++) {
                DMatrixRMaj g = Draw.normal(rng, i == 0 ? 3 : 1, 2, 1.0);
                student.get(i).grad().setTo(g);
                reference.get(i).grad().setTo(g);
            }
            adamW.step();
            referenceAdamW.step();
            Check.close("parameter a after step " + t, student.get(0).value(), reference.get(0).value(), 1e-9);
            Check.close("parameter b after step " + t + " (frozen for steps 1 to " + frozenSteps + ")",
                    student.get(1).value(), reference.get(1).value(), 1e-9);
        }
    }

    private static DMatrixRMaj last(List<DMatrixRMaj> weights) {
        return weights.get(weights.size() - 1);
    }

    /** {@link #replay(DMatrixRMaj, List, double, double, double, double, double, Way, int, double)} at one learning rate. */
    private static List<DMatrixRMaj> replay(DMatrixRMaj w0, List<DMatrixRMaj> grads, double lr, double beta1,
                                            double beta2, double eps, double wd, Way way) {
        return replay(w0, grads, lr, beta1, beta2, eps, wd, way, grads.size(), lr);
    }

    /**
     * The weights after each step of one parameter from {@code w0} stepped with mistake {@code way} on
     * {@code grads}, the learning rate {@code changedLr} from step index {@code change} (0-based)
     * on. No argument is modified.
     */
    private static List<DMatrixRMaj> replay(DMatrixRMaj w0, List<DMatrixRMaj> grads, double lr, double beta1,
                                            double beta2, double eps, double wd, Way way, int change, double changedLr) {
        DMatrixRMaj w = w0.copy();
        double[] m = new double[w.getNumElements()];
        double[] v = new double[w.getNumElements()];
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int t = 1; t <= grads.size(); t++) {
            double rate = t - 1 >= change ? changedLr : lr;
            double[] g = grads.get(t - 1).data;
            for (int i = 0; i < m.length; i++) {
                double gi = way == Way.L2 ? g[i] + wd * w.data[i] : g[i];
                if (way == Way.DECAY_WITHOUT_LR) {
                    w.data[i] *= 1 - wd;
                }
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                w.data[i] -= rate * mHat / (Math.sqrt(vHat) + eps);
                if (way == Way.DECAY_AFTER_STEP) {
                    w.data[i] *= 1 - rate * wd;
                }
            }
            out.add(w.copy());
        }
        return out;
    }
}
