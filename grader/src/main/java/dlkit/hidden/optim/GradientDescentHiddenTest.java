package dlkit.hidden.optim;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
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

    private static final Known ASCENT = new Known("GradientDescent/gradient-ascent",
            "gradient ascent: w + lr * g instead of w - lr * g");
    private static final Known NO_LEARNING_RATE = new Known("GradientDescent/learning-rate-not-applied",
            "the learning rate is not applied: w - g");
    private static final Known LEARNING_RATE_TWICE = new Known("GradientDescent/learning-rate-applied-twice",
            "the learning rate applied twice: w - lr^2 * g");
    private static final Known MISSES_START = new Known("GradientDescent/minimize-misses-start",
            "the starting point w_0 is not recorded");
    private static final Known MINIMIZE_ASCENT = new Known("GradientDescent/minimize-ascent",
            "gradient ascent: w + lr * g instead of w - lr * g");
    private static final Known ONE_STEP_FEWER = new Known("GradientDescent/one-step-fewer", "one step fewer than asked");

    @Test
    @Points(2)
    void stepsOnTwoParametersMatchReference(RandomGenerator rng) {
        double lr = rng.nextDouble(1e-3, 0.5);
        int rows = Draw.size(rng, 1, 5);
        int cols = Draw.size(rng, 1, 5);
        Given<List<Parameter>> params = Given.ofParameters("params", List.of(
                new Parameter("a", Draw.normal(rng, rows, cols, 1.0)), new Parameter("b", Draw.normal(rng, 1, cols, 1.0))));
        List<Parameter> student = params.student();
        Parameter a = student.get(0);
        Parameter b = student.get(1);
        GradientDescent sgd = new GradientDescent(student, lr);
        var referenceParams = ToReference.parameters(params.copy());
        var ra = referenceParams.get(0);
        var rb = referenceParams.get(1);
        var reference = new dlkit.reference.optim.GradientDescent(referenceParams, lr);

        for (int t = 1; t <= 5; t++) {
            DMatrixRMaj ga = Draw.normal(rng, rows, cols, 1.0);
            DMatrixRMaj gb = Draw.normal(rng, 1, cols, 1.0);
            DMatrixRMaj before = a.value().copy();
            // Each step starts the reference where the student's parameters are, so that rounding
            // does not add up over the steps and 1e-12 holds for every step of a right rule.
            ra.value().setTo(a.value());
            rb.value().setTo(b.value());
            a.grad().setTo(ga);
            b.grad().setTo(gb);
            ra.grad().setTo(ga);
            rb.grad().setTo(gb);
            sgd.step();
            reference.step();
            Given.unchanged("GradientDescent.step", "the gradient of a", ga, a.grad());
            Check.close("parameter a after GradientDescent.step number " + t, a.value(), ra.value(), 1e-12,
                    ASCENT.wouldGive(plus(before, lr, ga)), NO_LEARNING_RATE.wouldGive(plus(before, -1, ga)),
                    LEARNING_RATE_TWICE.wouldGive(plus(before, -lr * lr, ga)));
            Check.close("parameter b after GradientDescent.step number " + t, b.value(), rb.value(), 1e-12);
        }
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
        Given<DMatrixRMaj> w0 = Given.of("w0", Draw.normal(rng, d, 1, 2.0));
        // A stable step: 1 / (largest row sum of |A|), below 2 / lambda_max by Gershgorin.
        double lr = 1.0 / NormOps_DDRM.normPInf(a);
        int steps = 30;
        Quadratic f = new Quadratic(a, b);

        DescentHistory student = GradientDescent.minimize(f, w0.student(), lr, steps);
        var reference = dlkit.reference.optim.GradientDescent.minimize(
                new dlkit.reference.optim.Quadratic(a, b), w0.copy(), lr, steps);

        w0.unchanged("GradientDescent.minimize");

        Check.close("GradientDescent.minimize: number of iterates for " + steps + " steps (w_0 included)",
                student.iterates().size(), reference.iterates().size(), 0.0,
                MISSES_START.wouldGive(steps));
        for (int k = 0; k <= steps; k++) {
            Check.close("GradientDescent.minimize: iterate w_" + k + " on a " + d + "-dimensional quadratic",
                    student.iterates().get(k), reference.iterates().get(k), 1e-10);
            Check.close("GradientDescent.minimize: f(w_" + k + ")", student.values().get(k),
                    reference.values().get(k), 1e-10);
        }
    }

    @Test
    @Points(2)
    void minimizeOnLinearRegressionMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 5, 20);
        int d = Draw.size(rng, 1, 4);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj y = Draw.normal(rng, n, 1, 1.0);
        Given<DMatrixRMaj> w0 = Given.of("w0", Draw.normal(rng, d, 1, 1.0));
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

        DescentHistory student = GradientDescent.minimize(f, w0.student(), lr, 20);
        var reference = dlkit.reference.optim.GradientDescent.minimize(referenceF, w0.copy(), lr, 20);

        w0.unchanged("GradientDescent.minimize");

        Check.close("GradientDescent.minimize: last iterate after 20 steps of linear regression",
                student.last(), reference.last(), 1e-10,
                MINIMIZE_ASCENT.wouldGive(run(f, w0.copy(), -lr, 20)), ONE_STEP_FEWER.wouldGive(reference.iterates().get(19)));
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
