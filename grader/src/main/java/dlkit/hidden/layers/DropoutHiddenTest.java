package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.CountedRandom;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
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
 * most 1e-10 each (Hoeffding, SampleBounds.hoeffding); no test makes more than 1. Exact checks
 * rely on the draw order the Javadoc prescribes: one nextDouble() per element, row-major. No
 * expected value is built from the student's output alone: where a test reads the student's mask
 * from its zeros, it first checks that mask drops some units and keeps others, which a correct
 * dropout on 40000 units fails to do with probability below 0.85^40000. Every test of a training
 * pass also counts the draws from the generator the layer was given (one per element, as the
 * Javadoc prescribes), so a mask from a fixed seed or a generator of the layer's own scores nothing.
 */
@Grades(Dropout.class)
@ExtendWith(GradingRandom.class)
class DropoutHiddenTest {

    private static final Known P_AS_KEEP = new Known("Dropout/p-as-keep-probability",
            "p was read as the keep probability; here p is the probability of DROPPING, as in torch.nn.Dropout");
    private static final Known NO_RESCALE = new Known("Dropout/no-rescale",
            "dropout without the 1 / (1 - p) rescale of the kept units");
    private static final Known SCALED_BY_P = new Known("Dropout/scaled-by-p",
            "kept units divided by p instead of 1 - p (p is the probability of dropping)");
    private static final Known NOTHING_DROPPED = new Known("Dropout/does-nothing",
            "nothing dropped in training: forward returns x as it is");
    private static final Known EVERYTHING_DROPPED = new Known("Dropout/returns-zeros",
            "every unit dropped in training: forward returns zeros");
    private static final Known NON_INVERTED = new Known("Dropout/non-inverted",
            "non-inverted dropout: inference must not scale by 1 - p, training scales by 1 / (1 - p)");
    private static final Known FRESH_MASK = new Known("Dropout/fresh-mask-in-backward",
            "backward drew a fresh mask instead of reusing the forward pass's");
    private static final Known BACKWARD_UNSCALED = new Known("Dropout/backward-unscaled",
            "backward without the 1 / (1 - p) scale");
    private static final Known FIXED_MASK = new Known("Dropout/fixed-mask",
            "the same units dropped whatever the generator draws: a fixed pattern has the right rate, but dropout drops"
                    + " each unit at random, when its own draw is not below 1 - p");
    private static final Known DRAWS_IN_INFERENCE = new Known("Dropout/draws-in-inference",
            "random numbers drawn in inference mode, where Dropout draws nothing");

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

    /** At least 40000 units, so that a correct dropout drops some and keeps others. */
    private static int large(RandomGenerator rng) {
        return Draw.size(rng, 200, 260);
    }

    /**
     * Fails unless a training forward pass drew exactly one number per element from the generator
     * the layer was given, as the Javadoc prescribes; a fixed mask or a generator of its own draws none.
     */
    private static void drewOnePerElement(String call, long drawn, int elements) {
        Check.holds(call + " in training must draw exactly one number per element from the generator the layer was given"
                + " (drew " + drawn + " for " + elements + " elements)", drawn == elements, drawn == 0 ? Check.IGNORES_GENERATOR : null);
    }

    /** Fails unless {@code y} has both zeros and non-zeros, naming the degenerate dropout it is. */
    private static void dropsSomeAndKeepsOthers(String what, DMatrixRMaj y) {
        double kept = SampleBounds.fractionNonZero(y);
        Check.holds(what + ": some units must be kept (kept " + kept + ")", kept > 0, EVERYTHING_DROPPED);
        Check.holds(what + ": some units must be dropped (kept " + kept + ")", kept < 1, NOTHING_DROPPED);
    }

    /**
     * Fails if a training pass of Dropout(p) on {@code x}, from a generator seeded otherwise,
     * drops exactly the units {@code y} dropped: the statistics alone pass a fixed pattern. A
     * correct dropout repeats a mask of at least 40000 units with probability below 0.82^40000 (p in [0.1, 0.9]).
     */
    private static void maskFollowsTheDraws(String what, double p, DMatrixRMaj x, DMatrixRMaj y, RandomGenerator rng) {
        DMatrixRMaj other = new Dropout(p, seeded(rng.nextLong())).forward(x.copy());
        boolean same = other != null && other.getNumElements() == y.getNumElements();
        for (int i = 0; same && i < y.getNumElements(); i++) {
            same = (y.data[i] == 0) == (other.data[i] == 0);
        }
        Check.holds(what + ": another generator must drop other units", !same, FIXED_MASK);
    }

    @Test
    @Points(2)
    void keepRateIsOneMinusP(RandomGenerator rng) {
        double p = drawP(rng);
        Given<DMatrixRMaj> x = Given.of("x", ones(large(rng), large(rng)));
        DMatrixRMaj shape = x.copy();
        int n = shape.getNumElements();

        CountedRandom counted = new CountedRandom(seeded(rng.nextLong()));
        DMatrixRMaj y = new Dropout(p, counted).forward(x.student());
        double rate = SampleBounds.fractionNonZero(y);
        x.unchanged("Dropout.forward");

        // Hoeffding: |rate - (1 - p)| > t with probability at most 1e-10 (t about 0.007 here).
        Check.near(String.format("fraction of units Dropout.forward keeps in training with p = %.3f on a (%d, %d) batch",
                p, shape.numRows, shape.numCols), rate, 1 - p, SampleBounds.hoeffding(n, 1), P_AS_KEEP.wouldGive(p),
                NOTHING_DROPPED.wouldGive(1), EVERYTHING_DROPPED.wouldGive(0));
        maskFollowsTheDraws(String.format("the units Dropout(%.3f).forward drops in training", p), p, shape, y, rng);
        drewOnePerElement("Dropout.forward", counted.draws(), n);
    }

    @Test
    @Points(2)
    void keptUnitsAreScaledByOneOverOneMinusP(RandomGenerator rng) {
        double p = drawP(rng);
        Given<DMatrixRMaj> given = Given.of("x", Draw.normal(rng, large(rng), large(rng), 2.0));

        CountedRandom counted = new CountedRandom(seeded(rng.nextLong()));
        DMatrixRMaj y = new Dropout(p, counted).forward(given.student());
        given.unchanged("Dropout.forward");

        // Whatever the mask, each output is 0 or x / (1 - p); read the mask from the student's zeros.
        DMatrixRMaj x = given.copy();
        String what = "output of Dropout.forward in training, p = " + p + ", on a (" + x.numRows + ", " + x.numCols
                + ") batch";
        DMatrixRMaj expected = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj unscaled = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj scaledByP = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements() && i < y.getNumElements(); i++) {
            boolean kept = y.data[i] != 0;
            expected.data[i] = kept ? x.data[i] / (1 - p) : 0;
            unscaled.data[i] = kept ? x.data[i] : 0;
            scaledByP.data[i] = kept ? x.data[i] / p : 0;
        }
        Check.close(what + ": kept units must be x / (1 - p)", y, expected, 1e-12, NOTHING_DROPPED.wouldGive(x),
                NO_RESCALE.wouldGive(unscaled), SCALED_BY_P.wouldGive(scaledByP));
        dropsSomeAndKeepsOthers(what, y);
        maskFollowsTheDraws(what, p, x, y, rng);
        drewOnePerElement("Dropout.forward", counted.draws(), x.getNumElements());
    }

    @Test
    @Points(1)
    void theExpectedOutputEqualsTheInput(RandomGenerator rng) {
        double p = rng.nextDouble(0.1, 0.9);
        Given<DMatrixRMaj> x = Given.of("x", ones(large(rng), large(rng)));
        DMatrixRMaj shape = x.copy();
        int n = shape.getNumElements();

        CountedRandom counted = new CountedRandom(seeded(rng.nextLong()));
        DMatrixRMaj y = new Dropout(p, counted).forward(x.student());
        double mean = SampleBounds.mean(y);
        x.unchanged("Dropout.forward");

        // Each output lies in [0, 1 / (1 - p)] and has expectation 1: Hoeffding, failure <= 1e-10.
        Check.near(String.format("mean output of Dropout.forward in training on an all-ones (%d, %d) batch, p = %.3f:"
                        + " inverted dropout keeps the expectation", shape.numRows, shape.numCols, p), mean, 1.0,
                SampleBounds.hoeffding(n, 1 / (1 - p)), NO_RESCALE.wouldGive(1 - p), EVERYTHING_DROPPED.wouldGive(0));
        maskFollowsTheDraws(String.format("the units Dropout(%.3f).forward drops in training", p), p, shape, y, rng);
        drewOnePerElement("Dropout.forward", counted.draws(), n);
    }

    @Test
    @Points(2)
    void inferenceIsTheIdentityAndDrawsNothing(RandomGenerator rng) {
        double p = rng.nextDouble(0.1, 0.9);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 2, 10), Draw.size(rng, 2, 10), 1.0));
        DMatrixRMaj shape = x.copy();
        Given<DMatrixRMaj> g = Given.of("dY", Draw.normal(rng, shape.numRows, shape.numCols, 1.0));
        CountedRandom counted = new CountedRandom(seeded(rng.nextLong()));
        Dropout dropout = new Dropout(p, counted);
        dropout.forward(x.student()); // a training pass first: switching modes must work both ways
        dropout.setTraining(false);
        long drawsBefore = counted.draws();

        DMatrixRMaj y = dropout.forward(x.student());
        DMatrixRMaj dx = dropout.backward(g.student());
        Given.unchanged("Dropout.forward and backward", x, g);
        long drawn = counted.draws() - drawsBefore;

        Check.close("output of Dropout.forward in inference mode (p = " + p + ")", y, x.copy(), 0.0,
                NON_INVERTED.wouldGive(scaled(x.copy(), 1 - p)));
        Check.close("Dropout.backward after a forward pass in inference mode (the identity)", dx, g.copy(), 0.0);
        Check.holds("Dropout.forward and backward in inference mode must draw nothing from the generator (drew "
                + drawn + " numbers)", drawn == 0, DRAWS_IN_INFERENCE);
        drewOnePerElement("Dropout.forward (the training pass before inference)", drawsBefore, shape.getNumElements());
    }

    @Test
    @Points(2)
    void backwardUsesTheForwardMask(RandomGenerator rng) {
        double p = drawP(rng);
        Given<DMatrixRMaj> x = Given.of("x", ones(large(rng), large(rng)));
        DMatrixRMaj shape = x.copy();
        Given<DMatrixRMaj> g = Given.of("dY", Draw.normal(rng, shape.numRows, shape.numCols, 1.0));
        long seed = rng.nextLong();
        CountedRandom counted = new CountedRandom(seeded(seed));
        Dropout dropout = new Dropout(p, counted);

        DMatrixRMaj y = dropout.forward(x.student()); // with x = 1, y is the scaled mask m / (1 - p)
        long drawsBefore = counted.draws();
        DMatrixRMaj dx = dropout.backward(g.student());
        Given.unchanged("Dropout.forward and backward", x, g);
        long drawn = counted.draws() - drawsBefore;
        String what = "Dropout.forward on a (" + shape.numRows + ", " + shape.numCols + ") batch of ones, p = " + p;
        dropsSomeAndKeepsOthers(what, y);

        // What a fresh mask in backward would give, if drawn in the prescribed order after forward's.
        RandomGenerator shadow = seeded(seed);
        for (int i = 0; i < shape.getNumElements(); i++) {
            shadow.nextDouble();
        }
        DMatrixRMaj dy = g.copy();
        DMatrixRMaj fresh = new DMatrixRMaj(shape.numRows, shape.numCols);
        DMatrixRMaj unscaled = new DMatrixRMaj(shape.numRows, shape.numCols);
        DMatrixRMaj expected = new DMatrixRMaj(shape.numRows, shape.numCols);
        for (int i = 0; i < shape.getNumElements() && i < y.getNumElements(); i++) {
            boolean kept = y.data[i] != 0;
            fresh.data[i] = shadow.nextDouble() < 1 - p ? dy.data[i] / (1 - p) : 0;
            unscaled.data[i] = kept ? dy.data[i] : 0;
            expected.data[i] = kept ? dy.data[i] / (1 - p) : 0;
        }
        Check.close("dx of Dropout.backward on a (" + shape.numRows + ", " + shape.numCols + ") batch, p = " + p
                        + ": must be dy times the forward pass's mask and 1 / (1 - p)", dx, expected, 1e-12,
                FRESH_MASK.wouldGive(fresh), BACKWARD_UNSCALED.wouldGive(unscaled));
        Check.holds("Dropout.backward must draw nothing from the generator (drew " + drawn + " numbers)", drawn == 0,
                FRESH_MASK);
        drewOnePerElement("Dropout.forward", drawsBefore, shape.getNumElements());
    }

    @Test
    @Points(2)
    void matchesTheReferenceDrawForDraw(RandomGenerator rng) {
        double p = rng.nextDouble(0.05, 0.95);
        long seed = rng.nextLong();
        Dropout student = new Dropout(p, seeded(seed));
        var reference = new dlkit.reference.layers.Dropout(p, seeded(seed));
        for (int pass = 1; pass <= 3; pass++) {
            Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 1, 12), Draw.size(rng, 1, 12), 1.0));
            DMatrixRMaj shape = x.copy();
            Given<DMatrixRMaj> g = Given.of("dY", Draw.normal(rng, shape.numRows, shape.numCols, 1.0));
            DMatrixRMaj y = student.forward(x.student());
            DMatrixRMaj dx = student.backward(g.student());
            Given.unchanged("Dropout.forward and backward", x, g);
            Check.close("Dropout.forward pass " + pass + " (p = " + p + ", (" + shape.numRows + ", " + shape.numCols
                    + ")) with the generator seeded as the reference's: draw one nextDouble() per element,"
                    + " row-major, keep when < 1 - p", y, reference.forward(x.copy()), 1e-12);
            Check.close("Dropout.backward after forward pass " + pass, dx, reference.backward(g.copy()), 1e-12);
        }
    }

    @Test
    @Points(1)
    void pZeroIsTheIdentityAndPOneGivesZeros(RandomGenerator rng) {
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 2, 8), Draw.size(rng, 2, 8), 1.0));
        DMatrixRMaj shape = x.copy();
        Given<DMatrixRMaj> g = Given.of("dY", Draw.normal(rng, shape.numRows, shape.numCols, 1.0));
        CountedRandom forKeepAll = new CountedRandom(seeded(rng.nextLong()));
        CountedRandom forDropAll = new CountedRandom(seeded(rng.nextLong()));
        Dropout keepAll = new Dropout(0.0, forKeepAll);
        Dropout dropAll = new Dropout(1.0, forDropAll);

        Check.close("Dropout.forward in training with p = 0", keepAll.forward(x.student()), x.copy(), 0.0);
        Check.close("Dropout.backward in training with p = 0", keepAll.backward(g.student()), g.copy(), 0.0);
        DMatrixRMaj zeros = new DMatrixRMaj(shape.numRows, shape.numCols);
        Check.close("Dropout.forward in training with p = 1 (no division by zero: 0 * infinity is NaN)",
                dropAll.forward(x.student()), zeros, 0.0);
        Check.close("Dropout.backward in training with p = 1", dropAll.backward(g.student()), zeros, 0.0);
        Given.unchanged("Dropout.forward and backward", x, g);
        // The Javadoc draws one number per element whatever p is, so that runs stay comparable.
        drewOnePerElement("Dropout.forward with p = 0", forKeepAll.draws(), shape.getNumElements());
        drewOnePerElement("Dropout.forward with p = 1", forDropAll.draws(), shape.getNumElements());
    }

    @Test
    @Points(1)
    void aDrawOfExactlyOneMinusPDropsTheUnit(RandomGenerator rng) {
        // The Javadoc keeps a unit when its draw is < 1 - p: 0.75 drops it for p = 0.25, the double just below keeps it.
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 1, 6), Draw.size(rng, 1, 6), 1.0));
        DMatrixRMaj shape = x.copy();
        Check.close("Dropout(0.25).forward when every draw is exactly 0.75 = 1 - p (keep only when the draw is < 1 - p)",
                new Dropout(0.25, always(0.75)).forward(x.student()), new DMatrixRMaj(shape.numRows, shape.numCols), 0.0);
        Given.unchanged("Dropout.forward", x);
        DMatrixRMaj kept = x.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(1 / 0.75, kept);
        Check.close("Dropout(0.25).forward when every draw is just below 0.75 (all kept, scaled by 1 / 0.75)",
                new Dropout(0.25, always(Math.nextDown(0.75))).forward(x.student()), kept, 1e-12);
    }

    /** A generator whose every nextDouble() is {@code value}. */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("Dropout draws nextDouble()");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] *= factor;
        }
        return out;
    }
}
