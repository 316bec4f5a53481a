package dlkit.hidden.init;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.init.Initializers;
import dlkit.testing.SampleBounds;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each scheme: a statistical test on at least 100 x 260 = 26000 draws (mean, mean of squares and
 * the share of weights near 0, 3 checks of false-failure probability at most 1e-10 each, from
 * SampleBounds: Hoeffding for the uniform schemes and every share, the Gaussian tail and the
 * chi-square bound of Laurent and Massart for the normal ones), and an exact test against the reference with identically seeded generators,
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

    private static final Known GLOROT_VARIANCE = new Known("Initializers/glorot-variance",
            "a variance of Glorot's 2 / (fanIn + fanOut)");
    private static final Known FAN_IN_ONLY = new Known("Initializers/glorot-fan-in-only",
            "a variance of 1 / fanIn: LeCun's (Glorot averages fanIn and fanOut), or a uniform limit of"
                    + " sqrt(3 / fanIn) instead of sqrt(6 / fanIn)");
    private static final Known HE_VARIANCE = new Known("Initializers/he-variance", "a variance of 2 / fanIn (He's)");
    private static final Known FAN_OUT = new Known("Initializers/he-with-fan-out",
            "a variance of 2 / fanOut: fanIn and fanOut swapped");
    private static final Known LIMIT_SQRT_THREE = new Known("Initializers/uniform-limit-sqrt-three",
            "a variance of 1 / (fanIn + fanOut): a uniform limit of sqrt(3 / (fanIn + fanOut)) instead of sqrt(6 / ...)");
    private static final Known SWAPPED_SHAPE = new Known("Initializers/swapped-shape",
            "the shape swapped: (fanOut, fanIn), as PyTorch's Linear stores it; the kit's Dense takes (D, M)");

    private static final Known NOT_UNIFORM = new Known("Initializers/not-uniform",
            "weights with the right variance that are not spread evenly over [-a, a): draw each with rng.nextDouble(-a, a)");
    private static final Known NOT_NORMAL = new Known("Initializers/not-normal",
            "weights with the right variance that are not normal (uniform draws, or a few values): draw each as"
                    + " std * rng.nextGaussian()");

    private static final Known IGNORES_RNG = new Known("Initializers/ignores-the-generator",
            "weights that do not come from rng: a fixed pattern can have the right statistics, but every network would start alike");

    /** The student's weights for the fans f, once another seed has been seen to give other weights. */
    private static DMatrixRMaj fromTheGenerator(String name, Scheme student, int[] f, RandomGenerator rng) {
        DMatrixRMaj w = student.draw(f[0], f[1], seeded(rng.nextLong()));
        DMatrixRMaj other = student.draw(f[0], f[1], seeded(rng.nextLong()));
        Check.holds("Initializers." + name + "(" + f[0] + ", " + f[1] + ", rng) with two generators seeded differently:"
                + " different weights", w == null || other == null || !MatrixFeatures_DDRM.isIdentical(w, other, 0), IGNORES_RNG);
        return w;
    }

    /** The variances that known mistakes give, leaving out any that equals the expected one. */
    private static Mistake[] mistakes(int fanIn, int fanOut, double expected) {
        return Arrays.stream(new Mistake[] {
            GLOROT_VARIANCE.wouldGive(2.0 / (fanIn + fanOut)),
            FAN_IN_ONLY.wouldGive(1.0 / fanIn),
            HE_VARIANCE.wouldGive(2.0 / fanIn),
            FAN_OUT.wouldGive(2.0 / fanOut),
            LIMIT_SQRT_THREE.wouldGive(1.0 / (fanIn + fanOut)),
        }).filter(m -> Math.abs(m.wouldGive().get(0) - expected) > 1e-12 * expected).toArray(Mistake[]::new);
    }

    /** A (fanIn, fanOut) matrix, with the swapped shape named. */
    private static void shape(String what, DMatrixRMaj w, int fanIn, int fanOut) {
        assertThat(w).as(what).isNotNull();
        Check.holds(what + ": shape (fanIn, fanOut) = (" + fanIn + ", " + fanOut + "), was (" + w.numRows + ", "
                + w.numCols + ")", fanIn == fanOut || w.numRows != fanOut || w.numCols != fanIn, SWAPPED_SHAPE);
        assertThat(w).as(what + ": shape (fanIn, fanOut)").hasShape(fanIn, fanOut);
    }

    private static void checkUniform(String name, DMatrixRMaj w, int fanIn, int fanOut, double a) {
        String what = "Initializers." + name + "(" + fanIn + ", " + fanOut + ", rng)";
        shape(what, w, fanIn, fanOut);
        int n = w.getNumElements();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(w.data[i]));
        }
        assertThat(largest).as(what + ": largest |w|, the limit a is %.6g", a).isLessThanOrEqualTo(a * (1 + 1e-12));
        Check.near(what + ": mean", SampleBounds.mean(w), 0, SampleBounds.hoeffding(n, 2 * a));
        double variance = a * a / 3;
        Check.near(String.format("%s: mean of squares (the variance a^2 / 3 = %.6g)", what, variance),
                SampleBounds.meanOfSquares(w), variance, SampleBounds.hoeffding(n, a * a),
                mistakes(fanIn, fanOut, variance));
        // Mean and variance alone pass weights of two values, +-a / sqrt(3): U[-a, a) puts half within a / 2.
        Check.near(String.format("%s: share of weights within a / 2 = %.6g of 0 (half, for U[-a, a))", what, a / 2),
                shareWithin(w, a / 2), 0.5, SampleBounds.hoeffding(n, 1), NOT_UNIFORM.wouldGive(shareWithin(w, a / 2)));
    }

    private static void checkNormal(String name, DMatrixRMaj w, int fanIn, int fanOut, double std) {
        String what = "Initializers." + name + "(" + fanIn + ", " + fanOut + ", rng)";
        shape(what, w, fanIn, fanOut);
        int n = w.getNumElements();
        Check.near(what + ": mean", SampleBounds.mean(w), 0, SampleBounds.gaussianMean(n, std));
        // The chi-square bound is wider above than below; the wider side, on both, keeps the false failure below it.
        double[] range = SampleBounds.chiSquareMeanOfSquares(n);
        double variance = std * std;
        Check.near(String.format("%s: mean of squares (the variance std^2 = %.6g)", what, variance),
                SampleBounds.meanOfSquares(w), variance, Math.max(range[1] - 1, 1 - range[0]) * variance,
                mistakes(fanIn, fanOut, variance));
        // Mean and variance alone pass uniform draws of that variance, which put 1 / sqrt(3) = 0.577 within one std.
        Check.near(String.format("%s: share of weights within one std = %.6g of 0 (0.6827, for a normal)", what, std),
                shareWithin(w, std), WITHIN_ONE_STD, SampleBounds.hoeffding(n, 1), NOT_NORMAL.wouldGive(shareWithin(w, std)));
    }

    /** P(|Z| <= 1) for a standard normal Z, erf(1 / sqrt(2)). */
    private static final double WITHIN_ONE_STD = 0.6826894921370859;

    /** The share of the elements of {@code w} with |w| <= bound. */
    private static double shareWithin(DMatrixRMaj w, double bound) {
        int within = 0;
        for (int i = 0; i < w.getNumElements(); i++) {
            within += Math.abs(w.data[i]) <= bound ? 1 : 0;
        }
        return (double) within / w.getNumElements();
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
        checkUniform("glorotUniform", fromTheGenerator("glorotUniform", Initializers::glorotUniform, f, rng), f[0], f[1],
                Math.sqrt(6.0 / (f[0] + f[1])));
    }

    @Test
    @Points(2)
    void glorotNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("glorotNormal", fromTheGenerator("glorotNormal", Initializers::glorotNormal, f, rng), f[0], f[1],
                Math.sqrt(2.0 / (f[0] + f[1])));
    }

    @Test
    @Points(2)
    void heUniformStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkUniform("heUniform", fromTheGenerator("heUniform", Initializers::heUniform, f, rng), f[0], f[1],
                Math.sqrt(6.0 / f[0]));
    }

    @Test
    @Points(2)
    void heNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("heNormal", fromTheGenerator("heNormal", Initializers::heNormal, f, rng), f[0], f[1],
                Math.sqrt(2.0 / f[0]));
    }

    @Test
    @Points(2)
    void lecunNormalStatistics(RandomGenerator rng) {
        int[] f = fans(rng);
        checkNormal("lecunNormal", fromTheGenerator("lecunNormal", Initializers::lecunNormal, f, rng), f[0], f[1],
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
