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
import dlkit.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Adam against the reference, each stepping its own Parameters built from the same values (a
 * {@link Given} each); the student's gradients must come out of each step unchanged. Every test
 * draws its hyperparameters ({@link AdamSettings}, away from PyTorch's defaults), so an Adam that
 * ignores lr, a beta or eps fails each of them, and names them in its messages. The weights and
 * moments a known mistake would give are the reference's, run with that mistake's settings
 * ({@link #referenceRun}), or replayed by hand where the reference cannot make it.
 */
@Grades(Adam.class)
@ExtendWith(GradingRandom.class)
class AdamHiddenTest {

    private static final Known NO_BIAS_CORRECTION = new Known("Adam/no-bias-correction",
            "Adam without bias correction: at t = 1, mHat must equal g");
    private static final Known EPS_INSIDE_SQRT = new Known("Adam/eps-inside-sqrt",
            "eps added inside the square root; PyTorch adds it after: sqrt(vHat) + eps");
    private static final Known STEP_COUNTED_PER_PARAMETER = new Known("Adam/step-counted-per-parameter",
            "a step counter of Adam's own, increased for every parameter stepped: t must be s.step(), this"
                    + " parameter's own count, which the loop of OptimizerBase keeps");
    private static final Known FIXED_EPS = new Known("Adam/fixed-eps",
            "eps fixed at PyTorch's default 1e-8: use the eps given to the constructor (the field eps)");
    private static final Known FIXED_BETAS = new Known("Adam/fixed-betas",
            "beta1 and beta2 fixed at PyTorch's defaults 0.9 and 0.999: use the betas given to the constructor"
                    + " (the fields beta1 and beta2)");

    @Test
    @Points(2)
    void firstStepMatchesReference(RandomGenerator rng) {
        AdamSettings h = AdamSettings.draw(rng);
        DMatrixRMaj w0 = Draw.normal(rng, 3, 4, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 4, 0.01);
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        Adam adam = adam(List.of(student), h);
        adam.step();
        var reference = ToReference.parameter(w.copy());
        var referenceAdam = reference(List.of(reference), h);
        referenceAdam.step();
        List<DMatrixRMaj[]> grads = List.<DMatrixRMaj[]>of(new DMatrixRMaj[] {g});
        Run fixedEps = referenceRun(List.of(w.copy()), grads, 0, h.withDefaultEps());
        Run fixedBetas = referenceRun(List.of(w.copy()), grads, 0, h.withDefaultBetas());

        Given.unchanged("Adam.step", "the gradient of w", g, student.grad());
        // At t = 1 the bias correction cancels the betas in the weights (mHat = g, vHat = g^2), so
        // the moments are checked too: m = (1 - beta1) g and v = (1 - beta2) g^2 show the betas.
        String with = " with " + h;
        Check.close("weights after the first Adam step" + with, student.value(), reference.value(), 1e-9,
                NO_BIAS_CORRECTION.wouldGive(withoutBiasCorrection(w0, g, h)), FIXED_EPS.wouldGive(fixedEps.value(1, 0)),
                FIXED_BETAS.wouldGive(fixedBetas.value(1, 0)));
        Check.close("first moment m after the first Adam step" + with, adam.firstMoment(student),
                referenceAdam.firstMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.m()));
        Check.close("second moment v after the first Adam step" + with, adam.secondMoment(student),
                referenceAdam.secondMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.v()));
    }

    @Test
    @Points(3)
    void manyStepsOnTwoParametersMatchReference(RandomGenerator rng) {
        AdamSettings h = AdamSettings.draw(rng);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 4, 3, 1.0)), new Parameter("b", Draw.normal(rng, 1, 3, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        Adam adam = adam(student, h);
        var referenceAdam = reference(reference, h);
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            grads.add(new DMatrixRMaj[] {Draw.normal(rng, 4, 3, rng.nextDouble(1e-4, 10)), Draw.normal(rng, 1, 3, 1.0)});
        }
        List<DMatrixRMaj> perParameterCount = simulate(params.copy(), grads, 0, h);
        Run fixedEps = referenceRun(params.copy(), grads, 0, h.withDefaultEps());
        Run fixedBetas = referenceRun(params.copy(), grads, 0, h.withDefaultBetas());

        String with = " with " + h;
        for (int t = 1; t <= 30; t++) {
            DMatrixRMaj[] g = grads.get(t - 1);
            for (int i = 0; i < 2; i++) {
                student.get(i).grad().setTo(g[i]);
                reference.get(i).grad().setTo(g[i]);
            }
            adam.step();
            referenceAdam.step();
            Given.unchanged("Adam.step", "the gradient of a", g[0], student.get(0).grad());
            Check.close("parameter a after step " + t + with, student.get(0).value(), reference.get(0).value(), 1e-9,
                    FIXED_EPS.wouldGive(fixedEps.value(t, 0)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 0)));
            Check.close("parameter b after step " + t + with, student.get(1).value(), reference.get(1).value(), 1e-9,
                    STEP_COUNTED_PER_PARAMETER.wouldGive(perParameterCount.get(t - 1)),
                    FIXED_EPS.wouldGive(fixedEps.value(t, 1)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 1)));
        }
        Check.close("first moment m of a after 30 steps" + with, adam.firstMoment(student.get(0)),
                referenceAdam.firstMoment(reference.get(0)), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.m()));
        Check.close("second moment v of a after 30 steps" + with, adam.secondMoment(student.get(0)),
                referenceAdam.secondMoment(reference.get(0)), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.v()));
    }

    @Test
    @Points(1)
    void eachParameterCountsItsOwnSteps(RandomGenerator rng) {
        // b is frozen for the first steps: its first step after that is its own t = 1, whatever
        // the optimiser's count, as torch.optim.Adam keeps state["step"] per parameter. The loop
        // counts it (OptimizerBase, given); an Adam that keeps a count of its own fails here.
        AdamSettings h = AdamSettings.draw(rng);
        int frozenSteps = Draw.size(rng, 1, 4);
        int steps = frozenSteps + Draw.size(rng, 2, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 3, 2, 1.0)), new Parameter("b", Draw.normal(rng, 1, 2, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        Adam adam = adam(student, h);
        var referenceAdam = reference(reference, h);
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            grads.add(new DMatrixRMaj[] {Draw.normal(rng, 3, 2, 1.0), Draw.normal(rng, 1, 2, 1.0)});
        }
        List<DMatrixRMaj> perParameterCount = simulate(params.copy(), grads, frozenSteps, h);
        Run fixedEps = referenceRun(params.copy(), grads, frozenSteps, h.withDefaultEps());
        Run fixedBetas = referenceRun(params.copy(), grads, frozenSteps, h.withDefaultBetas());

        String with = " with " + h;
        for (int t = 1; t <= steps; t++) {
            boolean frozen = t <= frozenSteps;
            student.get(1).setFrozen(frozen);
            reference.get(1).setFrozen(frozen);
            for (int i = 0; i < 2; i++) {
                student.get(i).grad().setTo(grads.get(t - 1)[i]);
                reference.get(i).grad().setTo(grads.get(t - 1)[i]);
            }
            adam.step();
            referenceAdam.step();
            Check.close("parameter a after step " + t + with, student.get(0).value(), reference.get(0).value(), 1e-9,
                    FIXED_EPS.wouldGive(fixedEps.value(t, 0)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 0)));
            Check.close("parameter b after step " + t + " (frozen for steps 1 to " + frozenSteps + ")" + with,
                    student.get(1).value(), reference.get(1).value(), 1e-9,
                    STEP_COUNTED_PER_PARAMETER.wouldGive(perParameterCount.get(t - 1)),
                    FIXED_EPS.wouldGive(fixedEps.value(t, 1)), FIXED_BETAS.wouldGive(fixedBetas.value(t, 1)));
        }
    }

    @Test
    @Points(1)
    void epsilonIsAddedAfterTheSquareRoot(RandomGenerator rng) {
        // Gradients of the size of eps make its placement visible: at t = 1, sqrt(vHat) + eps is
        // |g| + eps, about 2 eps, and sqrt(vHat + eps) about sqrt(eps), 5 to 150 times larger for
        // the eps of AdamSettings, [1e-5, 1e-2).
        AdamSettings h = AdamSettings.draw(rng);
        DMatrixRMaj w0 = Draw.normal(rng, 2, 5, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 2, 5, h.eps());
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        Adam adam = adam(List.of(student), h);
        adam.step();
        var reference = ToReference.parameter(w.copy());
        var referenceAdam = reference(List.of(reference), h);
        referenceAdam.step();
        List<DMatrixRMaj[]> grads = List.<DMatrixRMaj[]>of(new DMatrixRMaj[] {g});
        Run fixedEps = referenceRun(List.of(w.copy()), grads, 0, h.withDefaultEps());
        Run fixedBetas = referenceRun(List.of(w.copy()), grads, 0, h.withDefaultBetas());

        DMatrixRMaj epsInside = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            epsInside.data[i] -= h.lr() * g.data[i] / Math.sqrt(g.data[i] * g.data[i] + h.eps());
        }
        String with = " with " + h;
        Check.close("weights after one step with gradients of the size of eps" + with, student.value(),
                reference.value(), 1e-9, EPS_INSIDE_SQRT.wouldGive(epsInside), FIXED_EPS.wouldGive(fixedEps.value(1, 0)));
        // The weights at t = 1 do not depend on the betas (see firstStepMatchesReference): the moments do.
        Check.close("first moment m after one step" + with, adam.firstMoment(student),
                referenceAdam.firstMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.m()));
        Check.close("second moment v after one step" + with, adam.secondMoment(student),
                referenceAdam.secondMoment(reference), 1e-9, FIXED_BETAS.wouldGive(fixedBetas.v()));
    }

    private static Adam adam(List<Parameter> params, AdamSettings h) {
        return new Adam(params, h.lr(), h.beta1(), h.beta2(), h.eps());
    }

    private static dlkit.reference.optim.Adam reference(List<dlkit.reference.core.Parameter> params, AdamSettings h) {
        return new dlkit.reference.optim.Adam(params, h.lr(), h.beta1(), h.beta2(), h.eps());
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
     * The reference's Adam with settings {@code h} (a known mistake's, such as PyTorch's eps in
     * place of the drawn one) on {@code params}, stepped on {@code grads}, the second parameter
     * frozen for the first {@code frozenSteps} steps. Modifies {@code params}: pass a copy.
     */
    private static Run referenceRun(List<Parameter> params, List<DMatrixRMaj[]> grads, int frozenSteps, AdamSettings h) {
        var reference = ToReference.parameters(params);
        var adam = reference(reference, h);
        List<DMatrixRMaj[]> values = new ArrayList<>();
        for (int t = 1; t <= grads.size(); t++) {
            DMatrixRMaj[] after = new DMatrixRMaj[reference.size()];
            for (int i = 0; i < reference.size(); i++) {
                reference.get(i).setFrozen(i == 1 && t <= frozenSteps);
                reference.get(i).grad().setTo(grads.get(t - 1)[i]);
            }
            adam.step();
            for (int i = 0; i < reference.size(); i++) {
                after[i] = reference.get(i).value().copy();
            }
            values.add(after);
        }
        return new Run(values, adam.firstMoment(reference.get(0)).copy(), adam.secondMoment(reference.get(0)).copy());
    }

    /** The weights after one step of an Adam without bias correction (mHat = m, vHat = v). No argument is modified. */
    private static DMatrixRMaj withoutBiasCorrection(DMatrixRMaj w0, DMatrixRMaj g, AdamSettings h) {
        DMatrixRMaj w = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            double m = (1 - h.beta1()) * g.data[i];
            double v = (1 - h.beta2()) * g.data[i] * g.data[i];
            w.data[i] -= h.lr() * m / (Math.sqrt(v) + h.eps());
        }
        return w;
    }

    /**
     * What an Adam with one step counter shared by all parameters, increased for each parameter
     * stepped (a field of its own in place of {@code s.step()}), gives for the second parameter
     * after each step: two parameters, gradients {@code grads[t - 1]}, the second frozen for the
     * first {@code frozenSteps} steps. Modifies {@code params}.
     */
    private static List<DMatrixRMaj> simulate(List<Parameter> params, List<DMatrixRMaj[]> grads, int frozenSteps,
                                              AdamSettings h) {
        double lr = h.lr();
        double beta1 = h.beta1();
        double beta2 = h.beta2();
        double eps = h.eps();
        List<DMatrixRMaj> second = new ArrayList<>();
        double[][] m = new double[2][];
        double[][] v = new double[2][];
        for (int i = 0; i < 2; i++) {
            m[i] = new double[params.get(i).value().getNumElements()];
            v[i] = new double[m[i].length];
        }
        int shared = 0;
        for (int step = 1; step <= grads.size(); step++) {
            for (int i = 0; i < 2; i++) {
                if (i == 1 && step <= frozenSteps) {
                    continue;
                }
                int t = ++shared;
                double[] w = params.get(i).value().data;
                double[] g = grads.get(step - 1)[i].data;
                for (int k = 0; k < w.length; k++) {
                    m[i][k] = beta1 * m[i][k] + (1 - beta1) * g[k];
                    v[i][k] = beta2 * v[i][k] + (1 - beta2) * g[k] * g[k];
                    w[k] -= lr * (m[i][k] / (1 - Math.pow(beta1, t))) / (Math.sqrt(v[i][k] / (1 - Math.pow(beta2, t))) + eps);
                }
            }
            second.add(params.get(1).value().copy());
        }
        return second;
    }
}
