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
 * {@link Given} each); the student's gradients must come out of each step unchanged.
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

    @Test
    @Points(2)
    void firstStepMatchesReference(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 3, 4, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 4, 0.01);
        double lr = rng.nextDouble(1e-3, 1e-1);
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        new Adam(List.of(student), lr, 0.9, 0.999, 1e-8).step();
        var reference = ToReference.parameter(w.copy());
        new dlkit.reference.optim.Adam(List.of(reference), lr, 0.9, 0.999, 1e-8).step();

        Given.unchanged("Adam.step", "the gradient of w", g, student.grad());
        Check.close("weights after the first Adam step", student.value(), reference.value(), 1e-9,
                NO_BIAS_CORRECTION.wouldGive(withoutBiasCorrection(w0, g, lr, 0.9, 0.999, 1e-8)));
    }

    @Test
    @Points(3)
    void manyStepsOnTwoParametersMatchReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 1e-1);
        double beta1 = rng.nextDouble(0.5, 0.95);
        double beta2 = rng.nextDouble(0.9, 0.9999);
        double eps = Math.pow(10, -rng.nextDouble(3, 8));
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 4, 3, 1.0)), new Parameter("b", Draw.normal(rng, 1, 3, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        Adam adam = new Adam(student, lr, beta1, beta2, eps);
        var referenceAdam = new dlkit.reference.optim.Adam(reference, lr, beta1, beta2, eps);
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            grads.add(new DMatrixRMaj[] {Draw.normal(rng, 4, 3, rng.nextDouble(1e-4, 10)), Draw.normal(rng, 1, 3, 1.0)});
        }
        List<DMatrixRMaj> perParameterCount = simulate(params.copy(), grads, 0, lr, beta1, beta2, eps);

        for (int t = 1; t <= 30; t++) {
            DMatrixRMaj[] g = grads.get(t - 1);
            for (int i = 0; i < 2; i++) {
                student.get(i).grad().setTo(g[i]);
                reference.get(i).grad().setTo(g[i]);
            }
            adam.step();
            referenceAdam.step();
            Given.unchanged("Adam.step", "the gradient of a", g[0], student.get(0).grad());
            Check.close("parameter a after step " + t, student.get(0).value(), reference.get(0).value(), 1e-9);
            Check.close("parameter b after step " + t, student.get(1).value(), reference.get(1).value(), 1e-9,
                    STEP_COUNTED_PER_PARAMETER.wouldGive(perParameterCount.get(t - 1)));
        }
        Check.close("first moment m of a after 30 steps", adam.firstMoment(student.get(0)),
                referenceAdam.firstMoment(reference.get(0)), 1e-9);
        Check.close("second moment v of a after 30 steps", adam.secondMoment(student.get(0)),
                referenceAdam.secondMoment(reference.get(0)), 1e-9);
    }

    @Test
    @Points(1)
    void eachParameterCountsItsOwnSteps(RandomGenerator rng) {
        // b is frozen for the first steps: its first step after that is its own t = 1, whatever
        // the optimiser's count, as torch.optim.Adam keeps state["step"] per parameter. The loop
        // counts it (OptimizerBase, given); an Adam that keeps a count of its own fails here.
        double lr = rng.nextDouble(1e-3, 1e-1);
        int frozenSteps = Draw.size(rng, 1, 4);
        int steps = frozenSteps + Draw.size(rng, 2, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, 3, 2, 1.0)), new Parameter("b", Draw.normal(rng, 1, 2, 1.0))));
        List<Parameter> student = params.student();
        var reference = ToReference.parameters(params.copy());
        Adam adam = new Adam(student, lr, 0.9, 0.999, 1e-8);
        var referenceAdam = new dlkit.reference.optim.Adam(reference, lr, 0.9, 0.999, 1e-8);
        List<DMatrixRMaj[]> grads = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            grads.add(new DMatrixRMaj[] {Draw.normal(rng, 3, 2, 1.0), Draw.normal(rng, 1, 2, 1.0)});
        }
        List<DMatrixRMaj> perParameterCount = simulate(params.copy(), grads, frozenSteps, lr, 0.9, 0.999, 1e-8);

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
            Check.close("parameter a after step " + t, student.get(0).value(), reference.get(0).value(), 1e-9);
            Check.close("parameter b after step " + t + " (frozen for steps 1 to " + frozenSteps + ")",
                    student.get(1).value(), reference.get(1).value(), 1e-9,
                    STEP_COUNTED_PER_PARAMETER.wouldGive(perParameterCount.get(t - 1)));
        }
    }

    @Test
    @Points(1)
    void epsilonIsAddedAfterTheSquareRoot(RandomGenerator rng) {
        // Tiny gradients make the placement of eps visible: sqrt(vHat) + eps vs sqrt(vHat + eps).
        DMatrixRMaj w0 = Draw.normal(rng, 2, 5, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 2, 5, 1e-6);
        double eps = 1e-8;
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        new Adam(List.of(student), 0.01, 0.9, 0.999, eps).step();
        var reference = ToReference.parameter(w.copy());
        new dlkit.reference.optim.Adam(List.of(reference), 0.01, 0.9, 0.999, eps).step();

        DMatrixRMaj epsInside = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            epsInside.data[i] -= 0.01 * g.data[i] / Math.sqrt(g.data[i] * g.data[i] + eps);
        }
        Check.close("weights after one step with tiny gradients", student.value(), reference.value(), 1e-9,
                EPS_INSIDE_SQRT.wouldGive(epsInside));
    }

    private static DMatrixRMaj withoutBiasCorrection(DMatrixRMaj w0, DMatrixRMaj g, double lr,
                                                     double beta1, double beta2, double eps) {
        DMatrixRMaj w = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            double m = (1 - beta1) * g.data[i];
            double v = (1 - beta2) * g.data[i] * g.data[i];
            w.data[i] -= lr * m / (Math.sqrt(v) + eps);
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
                                              double lr, double beta1, double beta2, double eps) {
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
