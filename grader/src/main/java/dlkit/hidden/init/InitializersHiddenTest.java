package dlkit.hidden.init;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.grader.api.Check;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.init.Initializers;
import dlkit.testing.SampleBounds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each scheme: a statistical test on at least 100 x 260 = 26000 draws (mean and mean of squares,
 * 2 checks of false-failure probability at most 1e-10 each, from SampleBounds: Hoeffding for the
 * uniform schemes, the Gaussian tail and the chi-square bound of Laurent and Massart for the
 * normal ones), and an exact test against the reference with identically seeded generators,
 * which relies on the draw order the Javadoc prescribes. fanIn and fanOut differ by a factor of
 * at least 1.44, so mixing them up changes the variance by at least that factor.
 */
@Grades(Initializers.class)
@ExtendWith(GradingRandom.class)
class InitializersHiddenTest {

    /** One scheme, the student's or the reference's. */
    interface Scheme {
        DMatrixRMaj draw(int fanIn, int fanOut, RandomGenerator rng);
    }

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** {fanIn, fanOut}: one in [100, 180], the other in [260, 400], in a random order. */
    private static int[] fans(RandomGenerator rng) {
        int small = Draw.size(rng, 100, 180);
        int big = Draw.size(rng, 260, 400);
        return rng.nextBoolean() ? new int[] {small, big} : new int[] {big, small};
    }

    /** The variances that known mistakes give, to name one when the student's fits. */
    private static Map<String, Double> mistakes(int fanIn, int fanOut) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Glorot's 2 / (fanIn + fanOut)", 2.0 / (fanIn + fanOut));
        m.put("1 / fanIn: LeCun's (Glorot averages fanIn and fanOut), or a uniform limit of sqrt(3 / fanIn)"
                + " instead of sqrt(6 / fanIn)", 1.0 / fanIn);
        m.put("2 / fanIn (He's)", 2.0 / fanIn);
        m.put("2 / fanOut: fanIn and fanOut swapped", 2.0 / fanOut);
        m.put("1 / (fanIn + fanOut): a uniform limit of sqrt(3 / (fanIn + fanOut)) instead of sqrt(6 / ...)",
                1.0 / (fanIn + fanOut));
        return m;
    }

    private static String hint(double variance, double tolerance, double expected, Map<String, Double> mistakes) {
        for (Map.Entry<String, Double> e : mistakes.entrySet()) {
            if (Math.abs(e.getValue() - expected) > 1e-12 * expected && Math.abs(variance - e.getValue()) <= tolerance) {
                return " (looks like a variance of " + e.getKey() + ")";
            }
        }
        return "";
    }

    /** The hint for a weight of shape (fanOut, fanIn), when the two differ. */
    private static String swapped(DMatrixRMaj w, int fanIn, int fanOut) {
        return fanIn != fanOut && w != null && w.numRows == fanOut && w.numCols == fanIn
                ? " (looks like the shape swapped: (fanOut, fanIn), as PyTorch's Linear stores it; the kit's Dense takes (D, M))" : "";
    }

    private static void checkUniform(String name, DMatrixRMaj w, int fanIn, int fanOut, double a) {
        String what = "Initializers." + name + "(" + fanIn + ", " + fanOut + ", rng)";
        assertThat(w).as(what + ": shape (fanIn, fanOut)" + swapped(w, fanIn, fanOut)).hasShape(fanIn, fanOut);
        int n = w.getNumElements();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(w.data[i]));
        }
        assertThat(largest).as(what + ": largest |w|, the limit a is %.6g", a).isLessThanOrEqualTo(a * (1 + 1e-12));
        assertThat(SampleBounds.mean(w)).as(what + ": mean").isCloseTo(0, within(SampleBounds.hoeffding(n, 2 * a)));
        double meanOfSquares = SampleBounds.meanOfSquares(w);
        double tolerance = SampleBounds.hoeffding(n, a * a);
        assertThat(meanOfSquares).as(what + ": mean of squares (the variance a^2 / 3 = %.6g)%s", a * a / 3,
                hint(meanOfSquares, tolerance, a * a / 3, mistakes(fanIn, fanOut))).isCloseTo(a * a / 3, within(tolerance));
    }

    private static void checkNormal(String name, DMatrixRMaj w, int fanIn, int fanOut, double std) {
        String what = "Initializers." + name + "(" + fanIn + ", " + fanOut + ", rng)";
        assertThat(w).as(what + ": shape (fanIn, fanOut)" + swapped(w, fanIn, fanOut)).hasShape(fanIn, fanOut);
        int n = w.getNumElements();
        assertThat(SampleBounds.mean(w)).as(what + ": mean").isCloseTo(0, within(SampleBounds.gaussianMean(n, std)));
        double[] range = SampleBounds.chiSquareMeanOfSquares(n);
        double variance = std * std;
        double meanOfSquares = SampleBounds.meanOfSquares(w);
        assertThat(meanOfSquares).as(what + ": mean of squares (the variance std^2 = %.6g)%s", variance,
                        hint(meanOfSquares, (range[1] - 1) * variance, variance, mistakes(fanIn, fanOut)))
                .isBetween(range[0] * variance, range[1] * variance);
    }

    private static void exact(String name, Scheme student, Scheme reference, RandomGenerator rng) {
        int fanIn = Draw.size(rng, 2, 12);
        int fanOut = fanIn + Draw.size(rng, 1, 8);
        if (rng.nextBoolean()) {
            int t = fanIn;
            fanIn = fanOut;
            fanOut = t;
        }
        long seed = rng.nextLong();
        Check.close("Initializers." + name + "(" + fanIn + ", " + fanOut + ", rng) with the generator seeded as the"
                        + " reference's: one draw per element, row-major, as the Javadoc prescribes",
                student.draw(fanIn, fanOut, seeded(seed)), reference.draw(fanIn, fanOut, seeded(seed)), 1e-12);
    }

    @Test
    @Points(2)
    void glorotUniformStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkUniform("glorotUniform", Initializers.glorotUniform(f[0], f[1], seeded(rng.nextLong())), f[0], f[1],
                Math.sqrt(6.0 / (f[0] + f[1])));
    }

    @Test
    @Points(2)
    void glorotNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("glorotNormal", Initializers.glorotNormal(f[0], f[1], seeded(rng.nextLong())), f[0], f[1],
                Math.sqrt(2.0 / (f[0] + f[1])));
    }

    @Test
    @Points(2)
    void heUniformStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkUniform("heUniform", Initializers.heUniform(f[0], f[1], seeded(rng.nextLong())), f[0], f[1],
                Math.sqrt(6.0 / f[0]));
    }

    @Test
    @Points(2)
    void heNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("heNormal", Initializers.heNormal(f[0], f[1], seeded(rng.nextLong())), f[0], f[1],
                Math.sqrt(2.0 / f[0]));
    }

    @Test
    @Points(2)
    void lecunNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("lecunNormal", Initializers.lecunNormal(f[0], f[1], seeded(rng.nextLong())), f[0], f[1],
                Math.sqrt(1.0 / f[0]));
    }

    @Test
    @Points(1)
    void glorotUniformMatchesReferenceDrawForDraw(RandomGenerator rng) {
        exact("glorotUniform", Initializers::glorotUniform, dlkit.reference.init.Initializers::glorotUniform, rng);
    }

    @Test
    @Points(1)
    void glorotNormalMatchesReferenceDrawForDraw(RandomGenerator rng) {
        exact("glorotNormal", Initializers::glorotNormal, dlkit.reference.init.Initializers::glorotNormal, rng);
    }

    @Test
    @Points(1)
    void heUniformMatchesReferenceDrawForDraw(RandomGenerator rng) {
        exact("heUniform", Initializers::heUniform, dlkit.reference.init.Initializers::heUniform, rng);
    }

    @Test
    @Points(1)
    void heNormalMatchesReferenceDrawForDraw(RandomGenerator rng) {
        exact("heNormal", Initializers::heNormal, dlkit.reference.init.Initializers::heNormal, rng);
    }

    @Test
    @Points(1)
    void lecunNormalMatchesReferenceDrawForDraw(RandomGenerator rng) {
        exact("lecunNormal", Initializers::lecunNormal, dlkit.reference.init.Initializers::lecunNormal, rng);
    }
}
