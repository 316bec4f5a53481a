package dlkit.hidden.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.optim.LinearRegression;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(LinearRegression.class)
@ExtendWith(GradingRandom.class)
class LinearRegressionHiddenTest {

    @Test
    @Points(1)
    void valueMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 30);
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj y = Draw.normal(rng, n, 1, 1.0);
        DMatrixRMaj w = Draw.normal(rng, d, 1, 1.0);

        double student = new LinearRegression(x, y).value(w);
        double reference = new dlkit.reference.optim.LinearRegression(x, y).value(w);

        double sum = reference * n;
        Check.close("LinearRegression.value on N = " + n + " samples of D = " + d + " features",
                student, reference, 1e-10,
                Mistake.of("the sum of squared residuals instead of their mean", sum),
                Mistake.of("half the mean squared error; the kit's f has no 1/2", reference / 2),
                Mistake.of("the root of the mean squared error", Math.sqrt(reference)));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 30);
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj y = Draw.normal(rng, n, 1, 1.0);
        DMatrixRMaj w = Draw.normal(rng, d, 1, 1.0);

        DMatrixRMaj student = new LinearRegression(x, y).gradient(w);
        DMatrixRMaj reference = new dlkit.reference.optim.LinearRegression(x, y).gradient(w);

        Check.close("LinearRegression.gradient on N = " + n + " samples of D = " + d + " features",
                student, reference, 1e-6, // sums in another order round differently, by far less
                new Mistake("the 2/N factor is missing: X^T (X w - y)", scaled(reference, n / 2.0)),
                new Mistake("1/N instead of 2/N", scaled(reference, 0.5)),
                new Mistake("2 X^T (X w - y) without dividing by N", scaled(reference, n)),
                new Mistake("residuals with the wrong sign: y - X w", scaled(reference, -1)));
    }

    @Test
    @Points(1)
    void gradientIsZeroAtTheLeastSquaresSolution(RandomGenerator rng) {
        // The least-squares solution solves the normal equations X^T X w = X^T y: the gradient vanishes there.
        int d = Draw.size(rng, 1, 4);
        int n = d + Draw.size(rng, 2, 10);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj y = Draw.normal(rng, n, 1, 1.0);
        DMatrixRMaj w = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.solve(x, y, w);

        DMatrixRMaj student = new LinearRegression(x, y).gradient(w);

        // Relative error means nothing against 0: compare the size instead; rounding leaves about 1e-15.
        assertThat(CommonOps_DDRM.elementMaxAbs(student))
                .as("largest |entry| of LinearRegression.gradient at the least-squares solution").isLessThan(1e-9);
        Check.close("LinearRegression.value there, against the reference",
                new LinearRegression(x, y).value(w), new dlkit.reference.optim.LinearRegression(x, y).value(w), 1e-10);
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double s) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.scale(s, out);
        return out;
    }
}
