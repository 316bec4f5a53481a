package dlkit.hidden.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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

    private static final Known SUM_NOT_MEAN = new Known("LinearRegression/value-sum-not-mean",
            "the sum of squared residuals instead of their mean");
    private static final Known HALF = new Known("LinearRegression/value-halved",
            "half the mean squared error; the kit's f has no 1/2");
    private static final Known ROOT = new Known("LinearRegression/value-root", "the root of the mean squared error");
    private static final Known WITHOUT_TWO_OVER_N = new Known("LinearRegression/gradient-without-two-over-n",
            "the 2/N factor is missing: X^T (X w - y)");
    private static final Known ONE_OVER_N = new Known("LinearRegression/gradient-one-over-n", "1/N instead of 2/N");
    private static final Known NOT_DIVIDED = new Known("LinearRegression/gradient-not-divided-by-n",
            "2 X^T (X w - y) without dividing by N");
    private static final Known RESIDUAL_SIGN = new Known("LinearRegression/residuals-reversed",
            "residuals with the wrong sign: y - X w");

    @Test
    @Points(1)
    void valueMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 30);
        int d = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, d, 1, 1.0));

        double student = new LinearRegression(x.student(), y.student()).value(w.student());
        Given.unchanged("LinearRegression.value", x, y, w);
        double reference = new dlkit.reference.optim.LinearRegression(x.copy(), y.copy()).value(w.copy());

        double sum = reference * n;
        Check.close("LinearRegression.value on N = " + n + " samples of D = " + d + " features",
                student, reference, 1e-10,
                SUM_NOT_MEAN.wouldGive(sum), HALF.wouldGive(reference / 2), ROOT.wouldGive(Math.sqrt(reference)));
    }

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 30);
        int d = Draw.size(rng, 1, 6);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, n, d, 1.0));
        Given<DMatrixRMaj> y = Given.of("y", Draw.normal(rng, n, 1, 1.0));
        Given<DMatrixRMaj> w = Given.of("w", Draw.normal(rng, d, 1, 1.0));

        DMatrixRMaj student = new LinearRegression(x.student(), y.student()).gradient(w.student());
        Given.unchanged("LinearRegression.gradient", x, y, w);
        DMatrixRMaj reference = new dlkit.reference.optim.LinearRegression(x.copy(), y.copy()).gradient(w.copy());

        Check.close("LinearRegression.gradient on N = " + n + " samples of D = " + d + " features",
                student, reference, 1e-6, // sums in another order round differently, by far less
                WITHOUT_TWO_OVER_N.wouldGive(scaled(reference, n / 2.0)), ONE_OVER_N.wouldGive(scaled(reference, 0.5)),
                NOT_DIVIDED.wouldGive(scaled(reference, n)), RESIDUAL_SIGN.wouldGive(scaled(reference, -1)));
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

        DMatrixRMaj student = new LinearRegression(x.copy(), y.copy()).gradient(w.copy());

        // Relative error means nothing against 0: compare the size instead; rounding leaves about 1e-15.
        assertThat(CommonOps_DDRM.elementMaxAbs(student))
                .as("largest |entry| of LinearRegression.gradient at the least-squares solution").isLessThan(1e-9);
        Check.close("LinearRegression.value there, against the reference",
                new LinearRegression(x.copy(), y.copy()).value(w.copy()), new dlkit.reference.optim.LinearRegression(x, y).value(w),
                1e-10);
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double s) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.scale(s, out);
        return out;
    }
}
