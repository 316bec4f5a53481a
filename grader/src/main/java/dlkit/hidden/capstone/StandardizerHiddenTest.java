package dlkit.hidden.capstone;

import dlkit.capstone.Dataset;
import dlkit.capstone.Digits;
import dlkit.capstone.Split;
import dlkit.capstone.Standardizer;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Standardizer.class)
@ExtendWith(GradingRandom.class)
class StandardizerHiddenTest {

    private static final Known UNBIASED = new Known("Standardizer/unbiased-deviation",
            "the unbiased deviation (divided by N - 1); the class uses the biased one, divided by N");
    private static final Known DIVIDES_BY_ZERO = new Known("Standardizer/constant-column-divides-by-zero",
            "a column constant in the training part divided by its deviation 0; such a column must become 0");
    private static final Known LEAK = new Known("Standardizer/test-split-leaks-into-statistics",
            "statistics fitted on all three parts: the validation and test parts leak into the standardisation");

    /**
     * The mean and deviation of a fit: another order of summation, Welford's running update or
     * {@code E[x^2] - E[x]^2} (all within the Javadoc) move them by about 1e-14 absolutely, which is
     * 1e-12 relative for a column whose mean is near 0 or whose deviation is small beside its offset.
     */
    private static final double FIT = 1e-9;
    /**
     * Inputs standardised with the student's own fit: z = (x - mean) / std carries the fit's 1e-14
     * absolutely, and a z near 0 turns it into any relative error (Welford's mean failed 1e-12 at
     * z = 2.1e-4). At 1e-6 that takes |z| below 5e-8; the mistakes named here are 1e-3 or more.
     */
    private static final double STANDARDIZED = 1e-6;

    @Test
    @Points(2)
    void fitMatchesReference(RandomGenerator rng) {
        Given<DMatrixRMaj> given = Given.of("train", features(rng, Draw.size(rng, 4, 30), Draw.size(rng, 3, 9)));
        DMatrixRMaj train = given.copy();

        Standardizer student = Standardizer.fit(given.student());
        given.unchanged("Standardizer.fit");
        var reference = dlkit.reference.capstone.Standardizer.fit(train);

        Check.close("mean of Standardizer.fit on a (" + train.numRows + ", " + train.numCols + ") matrix",
                student.mean(), reference.mean(), FIT);
        Check.close("std of Standardizer.fit on a (" + train.numRows + ", " + train.numCols + ") matrix",
                student.std(), reference.std(), FIT,
                UNBIASED.wouldGive(unbiasedStd(train, reference.std())));
    }

    @Test
    @Points(2)
    void transformMatchesReferenceWithConstantColumns(RandomGenerator rng) {
        DMatrixRMaj train = features(rng, Draw.size(rng, 4, 30), Draw.size(rng, 3, 9));
        var reference = dlkit.reference.capstone.Standardizer.fit(train);
        // Other rows, with values of their own even in the columns constant in the training part.
        Given<DMatrixRMaj> given = Given.of("x", Draw.uniform(rng, Draw.size(rng, 1, 10), train.numCols, -5, 20));
        DMatrixRMaj x = given.copy();

        DMatrixRMaj student = new Standardizer(reference.mean().copy(), reference.std().copy()).transform(given.student());
        given.unchanged("Standardizer.transform");

        String what = "Standardizer.transform of a (" + x.numRows + ", " + x.numCols
                + ") matrix, with columns whose std is 0 (they must become 0)";
        Check.finite(what, student, DIVIDES_BY_ZERO);
        Check.close(what, student, reference.transform(x), 1e-12);
    }

    @Test
    @Points(3)
    void standardizeFitsOnTheTrainingPartOnly(RandomGenerator rng) {
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj train = features(rng, Draw.size(rng, 5, 20), d);
        // Validation and test far from the training part: a fit that sees them moves visibly.
        DMatrixRMaj validation = Draw.uniform(rng, Draw.size(rng, 3, 10), d, 10, 30);
        DMatrixRMaj test = Draw.uniform(rng, Draw.size(rng, 3, 10), d, -30, -10);
        Given<Split> raw = Given.of("raw", new Split(new Dataset(train, labels(train.numRows)),
                new Dataset(validation, labels(validation.numRows)), new Dataset(test, labels(test.numRows))));

        Split student = Standardizer.standardize(raw.student());
        raw.unchanged("Standardizer.standardize");

        var reference = dlkit.reference.capstone.Standardizer.fit(train);
        var leaky = dlkit.reference.capstone.Standardizer.fit(CommonOps_DDRM.concatRowsMulti(train, validation, test));
        Check.close("the test part after Standardizer.standardize", student.test().x(), reference.transform(test), STANDARDIZED,
                LEAK.wouldGive(leaky.transform(test)));
        Check.close("the validation part after Standardizer.standardize", student.validation().x(),
                reference.transform(validation), STANDARDIZED, LEAK.wouldGive(leaky.transform(validation)));
        Check.close("the training part after Standardizer.standardize", student.train().x(), reference.transform(train), STANDARDIZED,
                LEAK.wouldGive(leaky.transform(train)));
    }

    @Test
    @Points(1)
    void standardizeOnTheDigits() {
        Given<Split> given = Given.of("raw", Digits.split());
        Split raw = given.copy();

        Split student = Standardizer.standardize(given.student());
        given.unchanged("Standardizer.standardize");

        var reference = dlkit.reference.capstone.Standardizer.fit(raw.train().x());
        Check.close("the digits' test part after Standardizer.standardize (pixel 0 is blank in every training image)",
                student.test().x(), reference.transform(raw.test().x()), STANDARDIZED);
        Check.close("the labels of the digits' test part after Standardizer.standardize",
                new DMatrixRMaj(1, raw.test().size(), true, toDouble(student.test().labels())),
                new DMatrixRMaj(1, raw.test().size(), true, toDouble(raw.test().labels())), 0);
    }

    /**
     * Random features of various scales and offsets; some columns constant at 0, as blank pixels
     * are (0 keeps their deviation exactly 0 however the mean is summed).
     */
    private static DMatrixRMaj features(RandomGenerator rng, int n, int d) {
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int j = 0; j < d; j++) {
            boolean constant = j == 0 || rng.nextInt(4) == 0;
            double offset = rng.nextDouble(-10, 10);
            double scale = rng.nextDouble(0.1, 8);
            for (int i = 0; i < n; i++) {
                x.set(i, j, constant ? 0 : offset + scale * rng.nextGaussian());
            }
        }
        return x;
    }

    private static DMatrixRMaj unbiasedStd(DMatrixRMaj train, DMatrixRMaj biased) {
        int n = train.numRows;
        DMatrixRMaj s = biased.copy();
        for (int j = 0; j < s.numCols; j++) {
            s.data[j] = biased.data[j] * Math.sqrt(n / (n - 1.0));
        }
        return s;
    }

    private static int[] labels(int n) {
        return new int[n];
    }

    private static double[] toDouble(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
