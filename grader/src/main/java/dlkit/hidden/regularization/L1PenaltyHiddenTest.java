package dlkit.hidden.regularization;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.regularization.L1Penalty;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(L1Penalty.class)
@ExtendWith(GradingRandom.class)
class L1PenaltyHiddenTest {

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
        DMatrixRMaj w = Draw.normal(rng, Draw.size(rng, 1, 8), Draw.size(rng, 2, 8), 2.0);

        double student = new L1Penalty(lambda).penalty(w);
        double reference = new dlkit.reference.regularization.L1Penalty(lambda).penalty(w);

        Check.close("L1Penalty.penalty with lambda = " + lambda + " on a (" + w.numRows + ", " + w.numCols + ") weight",
                student, reference, 1e-12,
                Mistake.of("lambda * sum w^2 (that is L2), not lambda * sum |w|",
                        new dlkit.reference.regularization.L2Penalty(lambda).penalty(w)));
    }

    @Test
    @Points(2)
    void subgradientIsZeroAtZero(RandomGenerator rng) {
        double lambda = rng.nextDouble(1e-3, 1);
        DMatrixRMaj w = withZeros(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8));

        DMatrixRMaj student = new L1Penalty(lambda).subgradient(w);
        DMatrixRMaj reference = new dlkit.reference.regularization.L1Penalty(lambda).subgradient(w);

        DMatrixRMaj plusAtZero = reference.copy();
        for (int i = 0; i < w.getNumElements(); i++) {
            if (w.data[i] == 0) {
                plusAtZero.data[i] = lambda;
            }
        }
        Check.close("L1Penalty.subgradient with lambda = " + lambda + " on weights with exact zeros", student, reference,
                1e-12, new Mistake("a subgradient of +lambda at w = 0; this kit (as torch.sign) takes 0 there", plusAtZero));
    }

    @Test
    @Points(2)
    void softThresholdMatchesReference(RandomGenerator rng) {
        DMatrixRMaj u = Draw.normal(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8), 1.0);
        double t = rng.nextDouble(0.2, 0.8);

        DMatrixRMaj student = L1Penalty.softThreshold(u, t);
        DMatrixRMaj reference = dlkit.reference.regularization.L1Penalty.softThreshold(u, t);

        DMatrixRMaj clippedNotShrunk = u.copy();
        for (int i = 0; i < u.getNumElements(); i++) {
            if (Math.abs(u.data[i]) <= t) {
                clippedNotShrunk.data[i] = 0;
            }
        }
        Check.close("L1Penalty.softThreshold with threshold " + t, student, reference, 1e-12,
                new Mistake("the sign of u lost: shrink |u| and put its sign back", softThreshold(u, t, false)),
                new Mistake("small values set to 0 but the others not moved towards 0 by the threshold", clippedNotShrunk));
    }

    @Test
    @Points(3)
    void proximalStepMatchesReferenceAndGivesExactZeros(RandomGenerator rng) {
        double lambda = rng.nextDouble(1.5, 3); // far from 1, so a threshold of lr alone shows
        double lr = rng.nextDouble(0.05, 0.4);
        DMatrixRMaj w0 = Draw.normal(rng, Draw.size(rng, 3, 8), Draw.size(rng, 3, 8), 0.5);
        DMatrixRMaj g = Draw.normal(rng, w0.numRows, w0.numCols, 0.5);

        Parameter student = new Parameter("w", w0.copy());
        student.grad().setTo(g);
        new L1Penalty(lambda).proximalStep(student, lr);
        var reference = new dlkit.reference.core.Parameter("w", w0.copy());
        reference.grad().setTo(g);
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
                reference.value(), 1e-12,
                new Mistake("a threshold of lr instead of lr * lambda", softThreshold(u, lr, true)),
                new Mistake("the gradient step on the loss skipped: threshold w - lr * g, not w",
                        softThreshold(w0, lr * lambda, true)),
                new Mistake("a plain subgradient step, which does not give exact zeros", subgradientStep));
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
        Parameter frozen = new Parameter("frozen", w0.copy());
        frozen.grad().setTo(g);
        frozen.setFrozen(true);
        Parameter free = new Parameter("free", w0.copy());
        free.grad().setTo(g);
        var reference = new dlkit.reference.core.Parameter("free", w0.copy());
        reference.grad().setTo(g);

        new L1Penalty(0.5).proximalStep(frozen, 0.3);
        new L1Penalty(0.5).proximalStep(free, 0.3);
        new dlkit.reference.regularization.L1Penalty(0.5).proximalStep(reference, 0.3);

        Check.close("a frozen parameter after L1Penalty.proximalStep", frozen.value(), w0, 0.0);
        Check.close("a parameter that is not frozen, after the same step", free.value(), reference.value(), 1e-12);
    }
}
