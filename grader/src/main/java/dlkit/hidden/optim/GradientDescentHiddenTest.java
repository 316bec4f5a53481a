package dlkit.hidden.optim;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.optim.DescentHistory;
import dlkit.optim.DifferentiableFunction;
import dlkit.optim.GradientDescent;
import dlkit.optim.Quadratic;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(GradientDescent.class)
@ExtendWith(GradingRandom.class)
class GradientDescentHiddenTest {

    @Test
    @Points(2)
    void stepsOnTwoParametersMatchReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 0.5);
        int rows = Draw.size(rng, 1, 5);
        int cols = Draw.size(rng, 1, 5);
        DMatrixRMaj a0 = Draw.normal(rng, rows, cols, 1.0);
        DMatrixRMaj b0 = Draw.normal(rng, 1, cols, 1.0);
        Parameter a = new Parameter("a", a0.copy());
        Parameter b = new Parameter("b", b0.copy());
        GradientDescent sgd = new GradientDescent(List.of(a, b), lr);
        var ra = new dlkit.reference.core.Parameter("a", a0.copy());
        var rb = new dlkit.reference.core.Parameter("b", b0.copy());
        var reference = new dlkit.reference.optim.GradientDescent(List.of(ra, rb), lr);

        for (int t = 1; t <= 5; t++) {
            DMatrixRMaj ga = Draw.normal(rng, rows, cols, 1.0);
            DMatrixRMaj gb = Draw.normal(rng, 1, cols, 1.0);
            DMatrixRMaj before = a.value().copy();
            a.grad().setTo(ga);
            b.grad().setTo(gb);
            ra.grad().setTo(ga);
            rb.grad().setTo(gb);
            sgd.step();
            reference.step();
            Check.close("parameter a after GradientDescent.step number " + t, a.value(), ra.value(), 1e-12,
                    new Mistake("gradient ascent: w + lr * g instead of w - lr * g", plus(before, lr, ga)),
                    new Mistake("the learning rate is not applied: w - g", plus(before, -1, ga)),
                    new Mistake("the learning rate applied twice: w - lr^2 * g", plus(before, -lr * lr, ga)));
            Check.close("parameter b after GradientDescent.step number " + t, b.value(), rb.value(), 1e-12);
        }
    }

    @Test
    @Points(1)
    void frozenParameterIsSkippedAndTheOtherMoves(RandomGenerator rng) {
        DMatrixRMaj w0 = Draw.normal(rng, 3, 2, 1.0);
        DMatrixRMaj g = Draw.normal(rng, 3, 2, 1.0);
        Parameter frozen = new Parameter("frozen", w0.copy());
        frozen.grad().setTo(g);
        frozen.setFrozen(true);
        Parameter free = new Parameter("free", w0.copy());
        free.grad().setTo(g);

        new GradientDescent(List.of(frozen, free), 0.1).step();

        Check.close("a frozen parameter after GradientDescent.step", frozen.value(), w0, 0.0,
                new Mistake("frozen parameters are not skipped", plus(w0, -0.1, g)));
        Check.close("the parameter beside it, not frozen, after GradientDescent.step", free.value(),
                plus(w0, -0.1, g), 1e-12);
    }

    @Test
    @Points(2)
    void minimizeOnARandomQuadraticMatchesReferenceAndConverges(RandomGenerator rng) {
        int d = Draw.size(rng, 2, 6);
        DMatrixRMaj m = Draw.normal(rng, d, d, 1.0);
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(m, m, a);
        for (int i = 0; i < d; i++) {
            a.add(i, i, 1.0);
        }
        symmetrise(a);
        DMatrixRMaj b = Draw.normal(rng, d, 1, 1.0);
        DMatrixRMaj w0 = Draw.normal(rng, d, 1, 2.0);
        // A stable step: 1 / (largest row sum of |A|), below 2 / lambda_max by Gershgorin.
        double lr = 1.0 / NormOps_DDRM.normPInf(a);
        int steps = 30;
        Quadratic f = new Quadratic(a, b);

        DescentHistory student = GradientDescent.minimize(f, w0, lr, steps);
        var reference = dlkit.reference.optim.GradientDescent.minimize(
                new dlkit.reference.optim.Quadratic(a, b), w0, lr, steps);

        Check.close("GradientDescent.minimize: number of iterates for " + steps + " steps (w_0 included)",
                student.iterates().size(), reference.iterates().size(), 0.0,
                Mistake.of("the starting point w_0 is not recorded", steps));
        for (int k = 0; k <= steps; k++) {
            Check.close("GradientDescent.minimize: iterate w_" + k + " on a " + d + "-dimensional quadratic",
                    student.iterates().get(k), reference.iterates().get(k), 1e-10);
            Check.close("GradientDescent.minimize: f(w_" + k + ")", student.values().get(k),
                    reference.values().get(k), 1e-10);
        }
        Check.close("w0 after GradientDescent.minimize (it must not be modified)", w0,
                reference.iterates().get(0), 0.0);
    }

    @Test
    @Points(2)
    void minimizeOnLinearRegressionMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 5, 20);
        int d = Draw.size(rng, 1, 4);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj y = Draw.normal(rng, n, 1, 1.0);
        DMatrixRMaj w0 = Draw.normal(rng, d, 1, 1.0);
        double lr = rng.nextDouble(0.01, 0.1);
        // The mean squared error written here, so this test does not depend on the student's LinearRegression.
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override
            public double value(DMatrixRMaj w) {
                return Matrices.sumOfSquares(residuals(x, y, w)) / n;
            }

            @Override
            public DMatrixRMaj gradient(DMatrixRMaj w) {
                DMatrixRMaj g = new DMatrixRMaj(d, 1);
                CommonOps_DDRM.multTransA(2.0 / n, x, residuals(x, y, w), g);
                return g;
            }
        };
        var referenceF = new dlkit.reference.optim.LinearRegression(x, y);

        DescentHistory student = GradientDescent.minimize(f, w0, lr, 20);
        var reference = dlkit.reference.optim.GradientDescent.minimize(referenceF, w0, lr, 20);

        Check.close("GradientDescent.minimize: last iterate after 20 steps of linear regression",
                student.last(), reference.last(), 1e-10,
                new Mistake("gradient ascent: w + lr * g instead of w - lr * g", run(f, w0, -lr, 20)),
                new Mistake("one step fewer than asked", reference.iterates().get(19)));
    }

    /** w_steps of w = w - signedLr * gradient(w): what a sign mistake would give. */
    private static DMatrixRMaj run(DifferentiableFunction f, DMatrixRMaj w0, double signedLr, int steps) {
        DMatrixRMaj w = w0.copy();
        for (int k = 0; k < steps; k++) {
            w = plus(w, -signedLr, f.gradient(w));
        }
        return w;
    }

    private static DMatrixRMaj residuals(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w) {
        DMatrixRMaj r = new DMatrixRMaj(x.numRows, 1);
        CommonOps_DDRM.mult(x, w, r);
        CommonOps_DDRM.subtractEquals(r, y);
        return r;
    }

    private static DMatrixRMaj plus(DMatrixRMaj w, double scale, DMatrixRMaj g) {
        DMatrixRMaj out = new DMatrixRMaj(w.numRows, w.numCols);
        CommonOps_DDRM.add(w, scale, g, out);
        return out;
    }

    private static void symmetrise(DMatrixRMaj a) {
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < i; j++) {
                a.set(j, i, a.get(i, j));
            }
        }
    }
}
