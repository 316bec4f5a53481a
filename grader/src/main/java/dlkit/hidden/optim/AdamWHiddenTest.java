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
import dlkit.optim.AdamW;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AdamW against the reference, each stepping its own Parameters built from the same values (a
 * {@link Given} each); the student's gradients must come out of each step unchanged. Every test
 * draws its hyperparameters ({@link AdamSettings} and a weight decay in [0.02, 0.5), away from
 * PyTorch's defaults), so an AdamW that ignores one of them fails each test, and names them in its
 * messages. The known mistakes of the decay are replayed on the same gradients by {@link #replay},
 * one parameter at a time; those of the settings are the reference run with the mistake's
 * settings ({@link #referenceRun}).
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
    private static final Known FIXED_EPS = new Known("AdamW/fixed-eps",
            "eps fixed at PyTorch's default 1e-8: use the eps given to the constructor (the field eps)");
    private static final Known FIXED_BETAS = new Known("AdamW/fixed-betas",
            "beta1 and beta2 fixed at PyTorch's defaults 0.9 and 0.999: use the betas given to the constructor"
                    + " (the fields beta1 and beta2)");

    /** The known mistakes {@link #replay} can make. */
    private enum Way { L2, DECAY_WITHOUT_LR, DECAY_AFTER_STEP }

    /** A weight decay away from PyTorch's default 1e-2, so a solution that ignores it fails. */
    private static double drawWeightDecay(RandomGenerator rng) {
        return rng.nextDouble(0.02, 0.5);
    }

    @Test
    @Points(2)
    void firstStepMatchesReference(RandomGenerator rng) {
        AdamSettings h = AdamSettings.draw(rng);
        double wd = drawWeightDecay(rng);
        DMatrixRMaj w0 = Draw.normal(rng, 3, 4, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 4, rng.nextDouble(1e-3, 1));
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        AdamW adamW = adamW(List.of(student), h, wd);
        adamW.step();
        var reference = ToReference.parameter(w.copy());
        var referenceAdamW = reference(List.of(reference), h, wd);
        referenceAdamW.step();
        List<DMatrixRMaj[]> grads = List.<DMatrixRMaj[]>of(new DMatrixRMaj[] {g});
        Run fixedEps = referenceRun(List.of(w.copy()), grads, 0, 1, h.lr(), h.withDefaultEps(), wd);
        Run fixedBetas = referenceRun(List.of(w.copy()), grads, 0, 1, h.lr(), h.withDefaultBetas(), wd);

        Given.unchanged("AdamW.step", "the gradient of w", g, student.grad());
        List<DMatrixRMaj> gs = List.of(g);
        // At t = 1 the bias correction cancels the betas in the weights (mHat = g, vHat = g^2), so
        // the moments are checked too: m = (1 - beta1) g and v = (1 - beta2) g^2 show the betas.
        String with = " with " + h + ", weightDecay = " + Failure.number(wd);
        Check.close("weights after the first AdamW step" + with, student.value(), reference.value(), 1e-9,
                L2_IN_GRADIENT.wouldGive(last(replay(w0, gs, h, wd, Way.L2))),
                DECAY_WITHOUT_LR.wouldGive(last(replay(w0, gs, h, wd, Way.DECAY_WITHOUT_LR))),
                DECAY_AFTER_STEP.wouldGive(last(replay(w0, gs, h, wd, Way.DECAY_AFTER_STEP))),
                FIXED_EPS.wouldGive(fixedEps.value(1, 0)), FIXED_BETAS.wouldGive(fixedBetas.value(1, 0)));
        Check.close("first moment m after the first AdamW step" + with, adamW.firstMoment(student),
                referenceAdamW.firstMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.m()));
        Check.close("second moment v after the first AdamW step" + with, adamW.secondMoment(student),
                referenceAdamW.secondMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.v()));
    }

    @Test
    @Points(3)
    void manyStepsWithLearningRateChangesMatchReference(RandomGenerator rng) {
        AdamSettings h = AdamSettings.draw(rng);
        double wd = drawWeightDecay(rng);
        int steps = 30;
        int change = Draw.size(rng, 5, 25);
        double changedLr = h.lr() * rng.nextDouble(0.1, 3);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 4, 3, 1.0)), new Parameter("b", Draw.normal(rng, 1, 3, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        AdamW adamW = adamW(student, h, wd);
        var referenceAdamW = reference(reference, h, wd);
        List<DMatrixRMaj> gradsA = new ArrayList<>();
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            gradsA.add(Draw.normal(rng, 4, 3, rng.nextDouble(1e-4, 10)));
            grads.add(new DMatrixRMaj[] {gradsA.get(t - 1), Draw.normal(rng, 1, 3, 1.0)});
        }
        DMatrixRMaj a0 = params.copy().get(0).value();
        List<DMatrixRMaj> l2 = replay(a0, gradsA, h, wd, Way.L2, change, changedLr);
        List<DMatrixRMaj> withoutLr = replay(a0, gradsA, h, wd, Way.DECAY_WITHOUT_LR, change, changedLr);
        List<DMatrixRMaj> after = replay(a0, gradsA, h, wd, Way.DECAY_AFTER_STEP, change, changedLr);
        Run fixedEps = referenceRun(params.copy(), grads, 0, change, changedLr, h.withDefaultEps(), wd);
        Run fixedBetas = referenceRun(params.copy(), grads, 0, change, changedLr, h.withDefaultBetas(), wd);

        String with = " with " + h + ", weightDecay = " + Failure.number(wd);
        for (int t = 1; t <= steps; t++) {
            if (t - 1 == change) {
                adamW.setLearningRate(changedLr);
                referenceAdamW.setLearningRate(changedLr);
            }
            for (int i = 0; i < 2; i++) {
                student.get(i).grad().setTo(grads.get(t - 1)[i]);
                reference.get(i).grad().setTo(grads.get(t - 1)[i]);
            }
            adamW.step();
            referenceAdamW.step();
            Given.unchanged("AdamW.step", "the gradient of a", gradsA.get(t - 1), student.get(0).grad());
            String when = " after step " + t + (t > change ? " (learning rate changed to " + changedLr + " at step "
                    + (change + 1) + ")" : "") + with;
            Check.close("parameter a" + when, student.get(0).value(), reference.get(0).value(), 1e-9,
                    L2_IN_GRADIENT.wouldGive(l2.get(t - 1)), DECAY_WITHOUT_LR.wouldGive(withoutLr.get(t - 1)),
                    DECAY_AFTER_STEP.wouldGive(after.get(t - 1)), FIXED_EPS.wouldGive(fixedEps.value(t, 0)),
                    FIXED_BETAS.wouldGive(fixedBetas.value(t, 0)));
            Check.close("parameter b" + when, student.get(1).value(), reference.get(1).value(), 1e-9,
                    FIXED_EPS.wouldGive(fixedEps.value(t, 1)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 1)));
        }
        Check.close("first moment m of a after " + steps + " steps" + with, adamW.firstMoment(student.get(0)),
                referenceAdamW.firstMoment(reference.get(0)), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.m()));
        Check.close("second moment v of a after " + steps + " steps" + with, adamW.secondMoment(student.get(0)),
                referenceAdamW.secondMoment(reference.get(0)), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.v()));
    }

    @Test
    @Points(1)
    void eachParameterCountsItsOwnSteps(RandomGenerator rng) {
        // b is frozen for the first steps: its first step after that is its own t = 1, as
        // torch.optim.AdamW keeps state["step"] per parameter.
        AdamSettings h = AdamSettings.draw(rng);
        double wd = drawWeightDecay(rng);
        int frozenSteps = Draw.size(rng, 1, 4);
        int steps = frozenSteps + Draw.size(rng, 2, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 3, 2, 1.0)), new Parameter("b", Draw.normal(rng, 1, 2, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        AdamW adamW = adamW(student, h, wd);
        var referenceAdamW = reference(reference, h, wd);
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            grads.add(new DMatrixRMaj[] {Draw.normal(rng, 3, 2, 1.0), Draw.normal(rng, 1, 2, 1.0)});
        }
        Run fixedEps = referenceRun(params.copy(), grads, frozenSteps, steps, h.lr(), h.withDefaultEps(), wd);
        Run fixedBetas = referenceRun(params.copy(), grads, frozenSteps, steps, h.lr(), h.withDefaultBetas(), wd);

        String with = " with " + h + ", weightDecay = " + Failure.number(wd);
        for (int t = 1; t <= steps; t++) {
            boolean frozen = t <= frozenSteps;
            student.get(1).setFrozen(frozen);
            reference.get(1).setFrozen(frozen);
            for (int i = 0; i < 2; i++) {
                student.get(i).grad().setTo(grads.get(t - 1)[i]);
                reference.get(i).grad().setTo(grads.get(t - 1)[i]);
            }
            adamW.step();
            referenceAdamW.step();
            Check.close("parameter a after step " + t + with, student.get(0).value(), reference.get(0).value(), 1e-9,
                    FIXED_EPS.wouldGive(fixedEps.value(t, 0)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 0)));
            Check.close("parameter b after step " + t + " (frozen for steps 1 to " + frozenSteps + ")" + with,
                    student.get(1).value(), reference.get(1).value(), 1e-9,
                    FIXED_EPS.wouldGive(fixedEps.value(t, 1)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 1)));
        }
    }

    private static AdamW adamW(List<Parameter> params, AdamSettings h, double wd) {
        return new AdamW(params, h.lr(), h.beta1(), h.beta2(), h.eps(), wd);
    }

    private static dlkit.reference.optim.AdamW reference(List<dlkit.reference.core.Parameter> params, AdamSettings h,
                                                         double wd) {
        return new dlkit.reference.optim.AdamW(params, h.lr(), h.beta1(), h.beta2(), h.eps(), wd);
    }

    /**
     * A run of the reference: {@code values.get(t - 1)[i]} is parameter i after step t; {@code m}
     * and {@code v} are the first parameter's moments after the last step.
     */
    private record Run(List<DMatrixRMaj[]> values, DMatrixRMaj m, DMatrixRMaj v) {
        DMatrixRMaj value(int t, int i) {
            return values.get(t - 1)[i];
        }
    }

    /**
     * The reference's AdamW with settings {@code h} (a known mistake's, such as PyTorch's betas in
     * place of the drawn ones) and weight decay {@code wd} on {@code params}, stepped on
     * {@code grads}, the second parameter frozen for the first {@code frozenSteps} steps, the
     * learning rate {@code changedLr} from step index {@code change} (0-based) on. Modifies
     * {@code params}: pass a copy.
     */
    private static Run referenceRun(List<Parameter> params, List<DMatrixRMaj[]> grads, int frozenSteps, int change,
                                    double changedLr, AdamSettings h, double wd) {
        var reference = ToReference.parameters(params);
        var adamW = reference(reference, h, wd);
        List<DMatrixRMaj[]> values = new ArrayList<>();
        for (int t = 1; t <= grads.size(); t++) {
            if (t - 1 == change) {
                adamW.setLearningRate(changedLr);
            }
            DMatrixRMaj[] after = new DMatrixRMaj[reference.size()];
            for (int i = 0; i < reference.size(); i++) {
                reference.get(i).setFrozen(i == 1 && t <= frozenSteps);
                reference.get(i).grad().setTo(grads.get(t - 1)[i]);
            }
            adamW.step();
            for (int i = 0; i < reference.size(); i++) {
                after[i] = reference.get(i).value().copy();
            }
            values.add(after);
        }
        return new Run(values, adamW.firstMoment(reference.get(0)).copy(), adamW.secondMoment(reference.get(0)).copy());
    }

    private static DMatrixRMaj last(List<DMatrixRMaj> weights) {
        return weights.get(weights.size() - 1);
    }

    /** {@link #replay(DMatrixRMaj, List, AdamSettings, double, Way, int, double)} at one learning rate. */
    private static List<DMatrixRMaj> replay(DMatrixRMaj w0, List<DMatrixRMaj> grads, AdamSettings h, double wd, Way way) {
        return replay(w0, grads, h, wd, way, grads.size(), h.lr());
    }

    /**
     * The weights after each step of one parameter from {@code w0} stepped with mistake {@code way} on
     * {@code grads}, the learning rate {@code changedLr} from step index {@code change} (0-based)
     * on. No argument is modified.
     */
    private static List<DMatrixRMaj> replay(DMatrixRMaj w0, List<DMatrixRMaj> grads, AdamSettings h, double wd, Way way,
                                            int change, double changedLr) {
        double lr = h.lr();
        double beta1 = h.beta1();
        double beta2 = h.beta2();
        double eps = h.eps();
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
