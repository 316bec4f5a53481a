package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.optim.Adam;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Adam.class)
@ExtendWith(GradingRandom.class)
class AdamHiddenTest {

    @Test
    @Points(2)
    void firstStepMatchesReference(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 3, 4, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 4, 0.01);
        double lr = rng.nextDouble(1e-3, 1e-1);

        Parameter student = new Parameter("w", w0.copy());
        student.grad().setTo(g);
        new Adam(List.of(student), lr, 0.9, 0.999, 1e-8).step();

        var reference = new dlkit.reference.core.Parameter("w", w0.copy());
        reference.grad().setTo(g);
        new dlkit.reference.optim.Adam(List.of(reference), lr, 0.9, 0.999, 1e-8).step();

        Check.close("weights after the first Adam step", student.value(), reference.value(), 1e-9,
                new Mistake("Adam without bias correction: at t = 1, mHat must equal g",
                        withoutBiasCorrection(w0, g, lr, 0.9, 0.999, 1e-8)));
    }

    @Test
    @Points(3)
    void manyStepsOnTwoParametersMatchReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 1e-1);
        double beta1 = rng.nextDouble(0.5, 0.95);
        double beta2 = rng.nextDouble(0.9, 0.9999);
        double eps = Math.pow(10, -rng.nextDouble(3, 8));
        DMatrixRMaj a0 = Draw.normal(rng, 4, 3, 1.0);
        DMatrixRMaj b0 = Draw.normal(rng, 1, 3, 1.0);

        Parameter a = new Parameter("a", a0.copy());
        Parameter b = new Parameter("b", b0.copy());
        Adam adam = new Adam(List.of(a, b), lr, beta1, beta2, eps);
        var ra = new dlkit.reference.core.Parameter("a", a0.copy());
        var rb = new dlkit.reference.core.Parameter("b", b0.copy());
        var reference = new dlkit.reference.optim.Adam(List.of(ra, rb), lr, beta1, beta2, eps);

        for (int t = 1; t <= 30; t++) {
            DMatrixRMaj ga = Draw.normal(rng, 4, 3, rng.nextDouble(1e-4, 10));
            DMatrixRMaj gb = Draw.normal(rng, 1, 3, 1.0);
            a.grad().setTo(ga);
            b.grad().setTo(gb);
            ra.grad().setTo(ga);
            rb.grad().setTo(gb);
            adam.step();
            reference.step();
            Check.close("parameter a after step " + t, a.value(), ra.value(), 1e-9);
            Check.close("parameter b after step " + t, b.value(), rb.value(), 1e-9);
        }
        Check.close("first moment m of a after 30 steps", adam.firstMoment(a), reference.firstMoment(ra), 1e-9);
        Check.close("second moment v of a after 30 steps", adam.secondMoment(a), reference.secondMoment(ra), 1e-9);
    }

    @Test
    @Points(1)
    void epsilonIsAddedAfterTheSquareRoot(RandomGenerator rng) {
        // Tiny gradients make the placement of eps visible: sqrt(vHat) + eps vs sqrt(vHat + eps).
        DMatrixRMaj w0 = Draw.normal(rng, 2, 5, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 2, 5, 1e-6);
        double eps = 1e-8;

        Parameter student = new Parameter("w", w0.copy());
        student.grad().setTo(g);
        new Adam(List.of(student), 0.01, 0.9, 0.999, eps).step();
        var reference = new dlkit.reference.core.Parameter("w", w0.copy());
        reference.grad().setTo(g);
        new dlkit.reference.optim.Adam(List.of(reference), 0.01, 0.9, 0.999, eps).step();

        DMatrixRMaj epsInside = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            epsInside.data[i] -= 0.01 * g.data[i] / Math.sqrt(g.data[i] * g.data[i] + eps);
        }
        Check.close("weights after one step with tiny gradients", student.value(), reference.value(), 1e-9,
                new Mistake("eps added inside the square root; PyTorch adds it after: sqrt(vHat) + eps", epsInside));
    }

    @Test
    @Points(1)
    void frozenParameterIsNotTouched(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 2, 2, 1.0);
        DMatrixRMaj frozenGrad = Draw.normal(rng, 2, 2, 1.0);
        Parameter frozen = new Parameter("frozen", w0.copy());
        frozen.grad().setTo(frozenGrad);
        frozen.setFrozen(true);
        DMatrixRMaj g = Draw.normal(rng, 2, 2, 1.0);
        Parameter free = new Parameter("free", w0.copy());
        free.grad().setTo(g);
        var referenceFree = new dlkit.reference.core.Parameter("free", w0.copy());
        referenceFree.grad().setTo(g);

        new Adam(List.of(frozen, free), 0.1, 0.9, 0.999, 1e-8).step();
        new dlkit.reference.optim.Adam(List.of(referenceFree), 0.1, 0.9, 0.999, 1e-8).step();

        // What updating the frozen parameter anyway gives: the reference's step on it, not frozen.
        var updatedAnyway = new dlkit.reference.core.Parameter("frozen", w0.copy());
        updatedAnyway.grad().setTo(frozenGrad);
        new dlkit.reference.optim.Adam(List.of(updatedAnyway), 0.1, 0.9, 0.999, 1e-8).step();

        Check.close("the frozen parameter after a step", frozen.value(), w0, 0.0,
                new Mistake("frozen parameters updated like the others: skip a parameter whose isFrozen() is true",
                        updatedAnyway.value()));
        Check.close("the parameter beside it, not frozen", free.value(), referenceFree.value(), 1e-9);
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
}
