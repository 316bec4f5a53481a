package dlkit.hidden.regularization;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.regularization.L1Penalty;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(L1Penalty.class)
@ExtendWith(GradingRandom.class)
class L1PenaltyHiddenTest {

    private static final Known SQUARES = new Known("L1Penalty/squares-not-absolute-values",
            "lambda * sum w^2 (that is L2), not lambda * sum |w|");
    private static final Known PLUS_AT_ZERO = new Known("L1Penalty/subgradient-nonzero-at-zero",
            "a subgradient of +lambda at w = 0; this kit (as torch.sign) takes 0 there");
    private static final Known LOSES_SIGN = new Known("L1Penalty/soft-threshold-loses-sign",
            "the sign of u lost: shrink |u| and put its sign back");
    private static final Known NOT_SHRUNK = new Known("L1Penalty/soft-threshold-does-not-shrink",
            "small values set to 0 but the others not moved towards 0 by the threshold");
    private static final Known THRESHOLD_LR = new Known("L1Penalty/threshold-by-lr-only",
            "a threshold of lr instead of lr * lambda");
    private static final Known NO_LOSS_STEP = new Known("L1Penalty/loss-step-skipped",
            "the gradient step on the loss skipped: threshold w - lr * g, not w");
    private static final Known SUBGRADIENT_STEP = new Known("L1Penalty/subgradient-step",
            "a plain subgradient step, which does not give exact zeros");

    /** Normal weights with about a third set to exactly 0. */
    private static DMatrixRMaj withZeros(RandomGenerator rng, int rows, int cols) {
        DMatrixRMaj w = Draw.normal(rng, rows, cols, 1.0);
        for (int i = 0; i < w.getNumElements(); i++) {
            if (rng.nextInt(3) == 0) {
                w.data[i] = 0;
            }
        }
        w.data[0] = 0; // at least one
        return w;
    }

    private static DMatrixRMaj softThreshold(DMatrixRMaj u, double t, boolean keepSign) {
        DMatrixRMaj out = new DMatrixRMaj(u.numRows, u.numCols);
        for (int i = 0; i < u.getNumElements(); i++) {
            double shrunk = Math.max(Math.abs(u.data[i]) - t, 0);
            out.data[i] = keepSign ? Math.signum(u.data[i]) * shrunk : shrunk;
        }
        return out;
    }

    @Test
    @Points(1)
    void penaltyMatchesReference(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 2.0));

        double student = new L1Penalty(lambda).penalty(w.student());
        w.unchanged("L1Penalty.penalty");
        double reference = new dlkit.reference.regularization.L1Penalty(lambda).penalty(w.copy());

        DMatrixRMaj shape = w.copy();
        Check.close("L1Penalty.penalty with lambda = " + lambda + " on a (" + shape.numRows + ", " + shape.numCols
                        + ") weight", student, reference, 1e-12,
                SQUARES.wouldGive(new dlkit.reference.regularization.L2Penalty(lambda).penalty(w.copy())));
    }

    @Test
    @Points(2)
    void subgradientIsZeroAtZero(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        Given<DMatrixRMaj> w = Given.of("w", withZeros(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8)));

        DMatrixRMaj student = new L1Penalty(lambda).subgradient(w.student());
        w.unchanged("L1Penalty.subgradient");
        DMatrixRMaj reference = new dlkit.reference.regularization.L1Penalty(lambda).subgradient(w.copy());

        DMatrixRMaj plusAtZero = reference.copy();
        DMatrixRMaj values = w.copy();
        for (int i = 0; i < values.getNumElements(); i++) {
            if (values.data[i] == 0) {
                plusAtZero.data[i] = lambda;
            }
        }
        Check.close("L1Penalty.subgradient with lambda = " + lambda + " on weights with exact zeros", student, reference,
                1e-12, PLUS_AT_ZERO.wouldGive(plusAtZero));
    }

    @Test
    @Points(2)
    void softThresholdMatchesReference(RandomGenerator rng) {
        Given<DMatrixRMaj> u = Given.of("u", Draw.normal(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8), 1.0));
        double t = rng.nextDouble(0.2, 0.8);

        DMatrixRMaj student = L1Penalty.softThreshold(u.student(), t);
        u.unchanged("L1Penalty.softThreshold");
        DMatrixRMaj reference = dlkit.reference.regularization.L1Penalty.softThreshold(u.copy(), t);

        DMatrixRMaj clippedNotShrunk = u.copy();
        for (int i = 0; i < clippedNotShrunk.getNumElements(); i++) {
            if (Math.abs(clippedNotShrunk.data[i]) <= t) {
                clippedNotShrunk.data[i] = 0;
            }
        }
        Check.close("L1Penalty.softThreshold with threshold " + t, student, reference, 1e-12,
                LOSES_SIGN.wouldGive(softThreshold(u.copy(), t, false)), NOT_SHRUNK.wouldGive(clippedNotShrunk));
    }

    @Test
    @Points(3)
    void proximalStepMatchesReferenceAndGivesExactZeros(RandomGenerator rng) {
        double lambda = rng.nextDouble(1.5, 3); // far from 1, so a threshold of lr alone shows
        double lr = rng.nextDouble(0.05, 0.4);
        DMatrixRMaj w0 = Draw.normal(rng, Draw.size(rng, 3, 8), Draw.size(rng, 3, 8), 0.5);
        DMatrixRMaj g = Draw.normal(rng, w0.numRows, w0.numCols, 0.5);
        Given<Parameter> w = Given.parameter("w", w0, g);

        Parameter student = w.student();
        new L1Penalty(lambda).proximalStep(student, lr);
        var reference = ToReference.parameter(w.copy());
        new dlkit.reference.regularization.L1Penalty(lambda).proximalStep(reference, lr);

        DMatrixRMaj u = w0.copy();
        for (int i = 0; i < u.getNumElements(); i++) {
            u.data[i] -= lr * g.data[i];
        }
        DMatrixRMaj subgradientStep = u.copy();
        for (int i = 0; i < u.getNumElements(); i++) {
            subgradientStep.data[i] -= lr * lambda * Math.signum(w0.data[i]);
        }
        Check.close("weights after L1Penalty.proximalStep (lambda = " + lambda + ", lr = " + lr + ")", student.value(),
                reference.value(), 1e-12, THRESHOLD_LR.wouldGive(softThreshold(u, lr, true)),
                NO_LOSS_STEP.wouldGive(softThreshold(w0, lr * lambda, true)),
                SUBGRADIENT_STEP.wouldGive(subgradientStep));
        Check.close("gradient after L1Penalty.proximalStep (it must not be modified)", student.grad(), g, 0.0);
        int zeros = 0;
        for (double v : reference.value().data) {
            zeros += v == 0 ? 1 : 0;
        }
        int studentZeros = 0;
        for (double v : student.value().data) {
            studentZeros += v == 0 ? 1 : 0;
        }
        assertThat(studentZeros).as("exact zeros after L1Penalty.proximalStep").isEqualTo(zeros);
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

        new L1Penalty(0.5).proximalStep(frozen.student(), 0.3);
        frozen.unchanged("L1Penalty.proximalStep on a frozen parameter");
        Parameter student = free.student();
        new L1Penalty(0.5).proximalStep(student, 0.3);
        var reference = ToReference.parameter(free.copy());
        new dlkit.reference.regularization.L1Penalty(0.5).proximalStep(reference, 0.3);

        Check.close("a parameter that is not frozen, after the same step", student.value(), reference.value(), 1e-12);
    }
}
