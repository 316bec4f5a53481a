package dlkit.hidden.gradcheck;

import dlkit.core.Matrices;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.gradcheck.NumericalGradient;
import dlkit.layers.Layer;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(NumericalGradient.class)
@ExtendWith(GradingRandom.class)
class NumericalGradientHiddenTest {

    /**
     * Nudging x by +h then -2h instead of from the saved value rounds differently, by about
     * 1e-16 |x| / h, below 1e-10 here; the one-sided difference is off by about h |f''|, far more.
     */
    private static final double TOLERANCE = 1e-8;

    private static final Known ONE_SIDED = new Known("NumericalGradient/one-sided",
            "the one-sided difference (f(x + h) - f(x)) / h; use (f(x + h) - f(x - h)) / (2h)");
    private static final Known DIVIDED_BY_H = new Known("NumericalGradient/divided-by-h",
            "division by h instead of 2h");
    private static final Known UPSTREAM_UNCHECKED = new Known("NumericalGradient/upstream-shape-unchecked",
            "an upstream of another shape than the layer's output is not refused; compare the shapes first"
            + " (Matrices.requireSameShape), as the Javadoc says");
    private static final Known NOT_RESTORED = new Known("NumericalGradient/not-restored-exactly",
            "x moved by +h, -2h and +h instead of set back to its saved value, which rounds differently");

    @Test
    @Points(2)
    void gradientMatchesReference(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 4), Draw.size(rng, 1, 4), 1.0);
        DMatrixRMaj a = Draw.uniform(rng, x.numRows, x.numCols, 0.5, 2.0);
        double h = rng.nextDouble(1e-4, 1e-3);
        // A smooth function with a large curvature everywhere: sum a * sin(x) + (sum x)^2 + sum exp(a x).
        ToDoubleFunction<DMatrixRMaj> f = m -> {
            double s = 0;
            double total = 0;
            for (int i = 0; i < m.getNumElements(); i++) {
                s += a.data[i] * Math.sin(m.data[i]) + Math.exp(a.data[i] * m.data[i]);
                total += m.data[i];
            }
            return s + total * total;
        };
        Given<DMatrixRMaj> point = Given.of("x", x);
        DMatrixRMaj student = NumericalGradient.gradient(f, point.student(), h);
        point.unchanged("NumericalGradient.gradient");
        DMatrixRMaj reference = dlkit.reference.gradcheck.NumericalGradient.gradient(f, point.copy(), h);

        Check.close("NumericalGradient.gradient with h = " + h + " on a (" + x.numRows + ", " + x.numCols + ") point",
                student, reference, TOLERANCE, ONE_SIDED.wouldGive(oneSided(f, x.copy(), h)),
                DIVIDED_BY_H.wouldGive(Matrices.map(reference, v -> 2 * v)));
    }

    @Test
    @Points(1)
    void theInputIsRestoredBitForBit(RandomGenerator rng) {
        DMatrixRMaj original = Draw.normal(rng, 3, 3, 1.0);
        Given<DMatrixRMaj> point = Given.of("x", original);
        ToDoubleFunction<DMatrixRMaj> f = m -> m.get(0, 0) * m.get(1, 1) + Math.cos(m.get(2, 2));
        double h = 1e-5;

        DMatrixRMaj x = point.student();
        DMatrixRMaj student = NumericalGradient.gradient(f, x, h);

        DMatrixRMaj nudged = original.copy();
        for (int i = 0; i < nudged.getNumElements(); i++) {
            nudged.data[i] += h;
            nudged.data[i] -= 2 * h;
            nudged.data[i] += h;
        }
        Check.close("x after NumericalGradient.gradient (each element must be set back to its saved value)",
                x, original, 0.0, NOT_RESTORED.wouldGive(nudged));
        Check.close("NumericalGradient.gradient of x00 x11 + cos(x22)", student,
                dlkit.reference.gradcheck.NumericalGradient.gradient(f, point.copy(), h), TOLERANCE);
    }

    @Test
    @Points(2)
    void inputGradientOfALayerMatchesTheVectorJacobianProduct(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 4);
        int d = Draw.size(rng, 1, 4);
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        DMatrixRMaj u = Draw.normal(rng, n, d + 1, 1.0);
        double h = rng.nextDouble(1e-4, 1e-3);
        // A layer that widens its input by one column: y = (x^3, sum of the row's x).
        Layer layer = new Layer() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj m) {
                DMatrixRMaj y = new DMatrixRMaj(m.numRows, m.numCols + 1);
                for (int i = 0; i < m.numRows; i++) {
                    double sum = 0;
                    for (int j = 0; j < m.numCols; j++) {
                        y.set(i, j, Math.pow(m.get(i, j), 3));
                        sum += m.get(i, j);
                    }
                    y.set(i, m.numCols, sum);
                }
                return y;
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                throw new UnsupportedOperationException("a numeric gradient must not call backward");
            }
        };
        ToDoubleFunction<DMatrixRMaj> weighted = m -> {
            DMatrixRMaj y = layer.forward(m);
            double s = 0;
            for (int i = 0; i < y.getNumElements(); i++) {
                s += y.data[i] * u.data[i];
            }
            return s;
        };

        Given<DMatrixRMaj> point = Given.of("x", x);
        Given<DMatrixRMaj> upstream = Given.of("upstream", u);
        DMatrixRMaj student = NumericalGradient.inputGradient(layer, point.student(), upstream.student(), h);
        Given.unchanged("NumericalGradient.inputGradient", point, upstream);
        Check.close("NumericalGradient.inputGradient of a (" + n + ", " + d + ") -> (" + n + ", " + (d + 1)
                        + ") layer with h = " + h,
                student, dlkit.reference.gradcheck.NumericalGradient.gradient(weighted, point.copy(), h), TOLERANCE);
        Check.refuses("NumericalGradient.inputGradient with an upstream of shape (" + n + ", " + (d + 2) + ") for a ("
                        + n + ", " + (d + 1) + ") output",
                () -> NumericalGradient.inputGradient(layer, point.student(), Draw.normal(rng, n, d + 2, 1.0), h),
                UPSTREAM_UNCHECKED);
    }

    private static DMatrixRMaj oneSided(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, double h) {
        double base = f.applyAsDouble(x);
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double saved = x.data[i];
            x.data[i] = saved + h;
            g.data[i] = (f.applyAsDouble(x) - base) / h;
            x.data[i] = saved;
        }
        return g;
    }
}
