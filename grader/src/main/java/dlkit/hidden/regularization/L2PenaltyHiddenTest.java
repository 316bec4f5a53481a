package dlkit.hidden.regularization;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.regularization.L2Penalty;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(L2Penalty.class)
@ExtendWith(GradingRandom.class)
class L2PenaltyHiddenTest {

    private static final Known HALF = new Known("L2Penalty/half-penalty",
            "the 1/2 convention (lambda/2) sum w^2; this kit uses lambda * sum w^2");
    private static final Known ABSOLUTE = new Known("L2Penalty/absolute-values-not-squares",
            "lambda * sum |w| (that is L1), not lambda * sum w^2");
    private static final Known NO_FACTOR_TWO = new Known("L2Penalty/gradient-missing-factor-two",
            "the gradient missing its factor 2: d(lambda w^2)/dw = 2 lambda w");
    private static final Known DECAY_NOT_SCALED = new Known("L2Penalty/decay-not-scaled-by-lr",
            "the decay term not multiplied by lr: PyTorch steps w - lr * (g + wd * w)");
    private static final Known DECAY_DOUBLED = new Known("L2Penalty/decay-doubled",
            "2 * wd * w: weight_decay is already the coefficient of w in the gradient");

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
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0));

        double student = new L2Penalty(lambda).penalty(w.student());
        w.unchanged("L2Penalty.penalty");
        double reference = new dlkit.reference.regularization.L2Penalty(lambda).penalty(w.copy());

        DMatrixRMaj shape = w.copy();
        Check.close("L2Penalty.penalty with lambda = " + lambda + " on a (" + shape.numRows + ", " + shape.numCols
                        + ") weight", student, reference, 1e-12, HALF.wouldGive(reference / 2),
                ABSOLUTE.wouldGive(new dlkit.reference.regularization.L1Penalty(lambda).penalty(w.copy())));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 2.0));

        DMatrixRMaj student = new L2Penalty(lambda).gradient(w.student());
        w.unchanged("L2Penalty.gradient");
        DMatrixRMaj reference = new dlkit.reference.regularization.L2Penalty(lambda).gradient(w.copy());

        Check.close("L2Penalty.gradient with lambda = " + lambda + " on a (" + reference.numRows + ", "
                + reference.numCols + ") weight", student, reference, 1e-12, NO_FACTOR_TWO.wouldGive(times(reference, 0.5)));
    }

    @Test
    @Points(2)
    void sgdStepWithWeightDecayMatchesReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 0.5);
        double weightDecay = rng.nextDouble(1e-3, 0.5);
        DMatrixRMaj w0 = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 1, 8), 1.0);
        DMatrixRMaj g = Draw.normal(rng, w0.numRows, w0.numCols, 1.0);
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        L2Penalty.sgdStepWithWeightDecay(student, lr, weightDecay);
        var reference = ToReference.parameter(w.copy());
        dlkit.reference.regularization.L2Penalty.sgdStepWithWeightDecay(reference, lr, weightDecay);

        DMatrixRMaj decayNotScaledByLr = w0.copy();
        DMatrixRMaj decayDoubled = w0.copy();
        for (int i = 0; i < g.getNumElements(); i++) {
            decayNotScaledByLr.data[i] -= lr * g.data[i] + weightDecay * w0.data[i];
            decayDoubled.data[i] -= lr * (g.data[i] + 2 * weightDecay * w0.data[i]);
        }
        Check.close("weights after L2Penalty.sgdStepWithWeightDecay (lr = " + lr + ", weight_decay = " + weightDecay + ")",
                student.value(), reference.value(), 1e-12, DECAY_NOT_SCALED.wouldGive(decayNotScaledByLr),
                DECAY_DOUBLED.wouldGive(decayDoubled));
        Check.close("gradient after L2Penalty.sgdStepWithWeightDecay (it must not be modified)", student.grad(), g, 0.0);
    }

    @Test
    @Points(1)
    void aFrozenParameterIsLeftAlone(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 2, 3, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 2, 3, 1.0);
        Parameter frozenValue = new Parameter("frozen", w0);
        frozenValue.grad().setTo(g);
        frozenValue.setFrozen(true);
        Given<Parameter> frozen = Given.of("frozen", frozenValue);
        Given<Parameter> free = Given.parameter("free", w0, g);

        L2Penalty.sgdStepWithWeightDecay(frozen.student(), 0.1, 0.2);
        frozen.unchanged("L2Penalty.sgdStepWithWeightDecay on a frozen parameter");
        Parameter student = free.student();
        L2Penalty.sgdStepWithWeightDecay(student, 0.1, 0.2);
        var reference = ToReference.parameter(free.copy());
        dlkit.reference.regularization.L2Penalty.sgdStepWithWeightDecay(reference, 0.1, 0.2);

        Check.close("a parameter that is not frozen, after the same step", student.value(), reference.value(), 1e-12);
    }
}
