package dlkit.hidden.layers;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dropout;
import dlkit.testing.SampleBounds;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statistical checks use at least 40000 units and fail a correct dropout with probability at
 * most 1e-10 each (Hoeffding, SampleBounds.hoeffding); no test makes more than 2. Exact checks
 * rely on the draw order the Javadoc prescribes: one nextDouble() per element, row-major.
 */
@Grades(Dropout.class)
@ExtendWith(GradingRandom.class)
class DropoutHiddenTest {

    /** A p far from 0.5, so that reading p as the keep probability shows. */
    private static double drawP(RandomGenerator rng) {
        return rng.nextBoolean() ? rng.nextDouble(0.15, 0.4) : rng.nextDouble(0.6, 0.85);
    }

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static DMatrixRMaj ones(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.fill(1);
        return m;
    }

    @Test
    @Points(2)
    void keepRateIsOneMinusP(RandomGenerator rng) {
        double p = drawP(rng);
        DMatrixRMaj x = ones(Draw.size(rng, 200, 260), Draw.size(rng, 200, 260));
        int n = x.getNumElements();

        double rate = SampleBounds.fractionNonZero(new Dropout(p, seeded(rng.nextLong())).forward(x));

        // Hoeffding: |rate - (1 - p)| > t with probability at most 1e-10 (t about 0.007 here).
        double t = SampleBounds.hoeffding(n, 1);
        String hint = Math.abs(rate - p) <= t ? " (looks like p was read as the keep probability; here p is the"
                + " probability of DROPPING, as in torch.nn.Dropout)" : "";
        assertThat(rate).as("fraction of units Dropout.forward keeps in training with p = %.3f on a (%d, %d) batch%s",
                p, x.numRows, x.numCols, hint).isCloseTo(1 - p, within(t));
    }

    @Test
    @Points(2)
    void keptUnitsAreScaledByOneOverOneMinusP(RandomGenerator rng) {
        double p = drawP(rng);
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 5, 20), Draw.size(rng, 5, 20), 2.0);

        DMatrixRMaj y = new Dropout(p, seeded(rng.nextLong())).forward(x);

        // Whatever the mask, each output is 0 or x / (1 - p); build that from the student's own zeros.
        DMatrixRMaj expected = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj unscaled = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj scaledByP = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            boolean kept = y.data[i] != 0;
            expected.data[i] = kept ? x.data[i] / (1 - p) : 0;
            unscaled.data[i] = kept ? x.data[i] : 0;
            scaledByP.data[i] = kept ? x.data[i] / p : 0;
        }
        Check.close("output of Dropout.forward in training, p = " + p + ", on a (" + x.numRows + ", " + x.numCols
                        + ") batch: kept units must be x / (1 - p)", y, expected, 1e-12,
                new Mistake("dropout without the 1 / (1 - p) rescale of the kept units", unscaled),
                new Mistake("kept units divided by p instead of 1 - p (p is the probability of dropping)", scaledByP));
    }

    @Test
    @Points(1)
    void theExpectedOutputEqualsTheInput(RandomGenerator rng) {
        double p = rng.nextDouble(0.1, 0.9);
        DMatrixRMaj x = ones(Draw.size(rng, 200, 260), Draw.size(rng, 200, 260));
        int n = x.getNumElements();

        double mean = SampleBounds.mean(new Dropout(p, seeded(rng.nextLong())).forward(x));

        // Each output lies in [0, 1 / (1 - p)] and has expectation 1: Hoeffding, failure <= 1e-10.
        assertThat(mean).as("mean output of Dropout.forward in training on an all-ones (%d, %d) batch, p = %.3f:"
                        + " inverted dropout keeps the expectation (1 - p would mean no rescale)", x.numRows, x.numCols, p)
                .isCloseTo(1.0, within(SampleBounds.hoeffding(n, 1 / (1 - p))));
    }

    @Test
    @Points(2)
    void inferenceIsTheIdentity(RandomGenerator rng) {
        double p = rng.nextDouble(0.1, 0.9);
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 2, 10), Draw.size(rng, 2, 10), 1.0);
        DMatrixRMaj g = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        Dropout dropout = new Dropout(p, seeded(rng.nextLong()));
        dropout.forward(x); // a training pass first: switching modes must work both ways
        dropout.setTraining(false);

        DMatrixRMaj y = dropout.forward(x);
        DMatrixRMaj dx = dropout.backward(g);

        Check.close("output of Dropout.forward in inference mode (p = " + p + ")", y, x, 0.0,
                new Mistake("non-inverted dropout: inference must not scale by 1 - p, training scales by 1 / (1 - p)",
                        scaled(x, 1 - p)));
        Check.close("Dropout.backward after a forward pass in inference mode (the identity)", dx, g, 0.0);
    }

    @Test
    @Points(2)
    void backwardUsesTheForwardMask(RandomGenerator rng) {
        double p = drawP(rng);
        DMatrixRMaj x = ones(Draw.size(rng, 5, 20), Draw.size(rng, 5, 20));
        DMatrixRMaj g = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        long seed = rng.nextLong();
        Dropout dropout = new Dropout(p, seeded(seed));

        DMatrixRMaj y = dropout.forward(x); // with x = 1, y is the scaled mask m / (1 - p)
        DMatrixRMaj dx = dropout.backward(g);

        // What a fresh mask in backward would give, if drawn in the prescribed order after forward's.
        RandomGenerator shadow = seeded(seed);
        for (int i = 0; i < x.getNumElements(); i++) {
            shadow.nextDouble();
        }
        DMatrixRMaj fresh = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj unscaled = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj expected = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            fresh.data[i] = shadow.nextDouble() < 1 - p ? g.data[i] / (1 - p) : 0;
            unscaled.data[i] = y.data[i] != 0 ? g.data[i] : 0;
            expected.data[i] = g.data[i] * y.data[i];
        }
        Check.close("dx of Dropout.backward on a (" + x.numRows + ", " + x.numCols + ") batch, p = " + p
                        + ": must be dy times the forward pass's mask and 1 / (1 - p)", dx, expected, 1e-12,
                new Mistake("backward drew a fresh mask instead of reusing the forward pass's", fresh),
                new Mistake("backward without the 1 / (1 - p) scale", unscaled));
    }

    @Test
    @Points(2)
    void matchesTheReferenceDrawForDraw(RandomGenerator rng) {
        double p = rng.nextDouble(0.05, 0.95);
        long seed = rng.nextLong();
        Dropout student = new Dropout(p, seeded(seed));
        var reference = new dlkit.reference.layers.Dropout(p, seeded(seed));
        for (int pass = 1; pass <= 3; pass++) {
            DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 12), Draw.size(rng, 1, 12), 1.0);
            DMatrixRMaj g = Draw.normal(rng, x.numRows, x.numCols, 1.0);
            Check.close("Dropout.forward pass " + pass + " (p = " + p + ", (" + x.numRows + ", " + x.numCols
                    + ")) with the generator seeded as the reference's: draw one nextDouble() per element,"
                    + " row-major, keep when < 1 - p", student.forward(x), reference.forward(x), 1e-12);
            Check.close("Dropout.backward after forward pass " + pass, student.backward(g), reference.backward(g), 1e-12);
        }
    }

    @Test
    @Points(1)
    void pZeroIsTheIdentityAndPOneGivesZeros(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8), 1.0);
        DMatrixRMaj g = Draw.normal(rng, x.numRows, x.numCols, 1.0);
        Dropout keepAll = new Dropout(0.0, seeded(rng.nextLong()));
        Dropout dropAll = new Dropout(1.0, seeded(rng.nextLong()));

        Check.close("Dropout.forward in training with p = 0", keepAll.forward(x), x, 0.0);
        Check.close("Dropout.backward in training with p = 0", keepAll.backward(g), g, 0.0);
        DMatrixRMaj zeros = new DMatrixRMaj(x.numRows, x.numCols);
        Check.close("Dropout.forward in training with p = 1 (no division by zero: 0 * infinity is NaN)",
                dropAll.forward(x), zeros, 0.0);
        Check.close("Dropout.backward in training with p = 1", dropAll.backward(g), zeros, 0.0);
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }
}
