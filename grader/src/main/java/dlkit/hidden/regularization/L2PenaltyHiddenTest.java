package dlkit.hidden.regularization;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.regularization.L2Penalty;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(L2Penalty.class)
@ExtendWith(GradingRandom.class)
class L2PenaltyHiddenTest {

    private static DMatrixRMaj times(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }

    @Test
    @Points(1)
    void penaltyMatchesReference(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        DMatrixRMaj w = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0);

        double student = new L2Penalty(lambda).penalty(w);
        double reference = new dlkit.reference.regularization.L2Penalty(lambda).penalty(w);

        Check.close("L2Penalty.penalty with lambda = " + lambda + " on a (" + w.numRows + ", " + w.numCols + ") weight",
                student, reference, 1e-12,
                Mistake.of("the 1/2 convention (lambda/2) sum w^2; this kit uses lambda * sum w^2", reference / 2),
                Mistake.of("lambda * sum |w| (that is L1), not lambda * sum w^2",
                        new dlkit.reference.regularization.L1Penalty(lambda).penalty(w)));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        DMatrixRMaj w = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0);

        DMatrixRMaj student = new L2Penalty(lambda).gradient(w);
        DMatrixRMaj reference = new dlkit.reference.regularization.L2Penalty(lambda).gradient(w);

        Check.close("L2Penalty.gradient with lambda = " + lambda + " on a (" + w.numRows + ", " + w.numCols + ") weight",
                student, reference, 1e-12,
                new Mistake("the gradient missing its factor 2: d(lambda w^2)/dw = 2 lambda w", times(reference, 0.5)));
    }

    @Test
    @Points(2)
    void sgdStepWithWeightDecayMatchesReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 0.5);
        double weightDecay = rng.nextDouble(1e-3, 0.5);
        DMatrixRMaj w0 = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 1.0);
        DMatrixRMaj g = Draw.normal(rng, w0.numRows, w0.numCols, 1.0);

        Parameter student = new Parameter("w", w0.copy());
        student.grad().setTo(g);
        L2Penalty.sgdStepWithWeightDecay(student, lr, weightDecay);
        var reference = new dlkit.reference.core.Parameter("w", w0.copy());
        reference.grad().setTo(g);
        dlkit.reference.regularization.L2Penalty.sgdStepWithWeightDecay(reference, lr, weightDecay);

        DMatrixRMaj decayNotScaledByLr = w0.copy();
        DMatrixRMaj decayDoubled = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            decayNotScaledByLr.data[i] -= lr * g.data[i] + weightDecay * w0.data[i];
            decayDoubled.data[i] -= lr * (g.data[i] + 2 * weightDecay * w0.data[i]);
        }
        Check.close("weights after L2Penalty.sgdStepWithWeightDecay (lr = " + lr + ", weight_decay = " + weightDecay + ")",
                student.value(), reference.value(), 1e-12,
                new Mistake("the decay term not multiplied by lr: PyTorch steps w - lr * (g + wd * w)", decayNotScaledByLr),
                new Mistake("2 * wd * w: weight_decay is already the coefficient of w in the gradient", decayDoubled));
        Check.close("gradient after L2Penalty.sgdStepWithWeightDecay (it must not be modified)", student.grad(), g, 0.0);
    }

    @Test
    @Points(1)
    void aFrozenParameterIsLeftAlone(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 2, 3, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 2, 3, 1.0);
        Parameter frozen = new Parameter("frozen", w0.copy());
        frozen.grad().setTo(g);
        frozen.setFrozen(true);
        Parameter free = new Parameter("free", w0.copy());
        free.grad().setTo(g);
        var reference = new dlkit.reference.core.Parameter("free", w0.copy());
        reference.grad().setTo(g);

        L2Penalty.sgdStepWithWeightDecay(frozen, 0.1, 0.2);
        L2Penalty.sgdStepWithWeightDecay(free, 0.1, 0.2);
        dlkit.reference.regularization.L2Penalty.sgdStepWithWeightDecay(reference, 0.1, 0.2);

        Check.close("a frozen parameter after L2Penalty.sgdStepWithWeightDecay", frozen.value(), w0, 0.0);
        Check.close("a parameter that is not frozen, after the same step", free.value(), reference.value(), 1e-12);
    }
}
