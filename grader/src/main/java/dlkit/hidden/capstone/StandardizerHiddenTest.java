package dlkit.hidden.capstone;

import dlkit.capstone.Dataset;
import dlkit.capstone.Digits;
import dlkit.capstone.Split;
import dlkit.capstone.Standardizer;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
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

    @Test
    @Points(2)
    void fitMatchesReference(RandomGenerator rng) {
        DMatrixRMaj train = features(rng, Draw.size(rng, 4, 30), Draw.size(rng, 3, 9));

        Standardizer student = Standardizer.fit(train.copy());
        var reference = dlkit.reference.capstone.Standardizer.fit(train);

        Check.close("mean of Standardizer.fit on a (" + train.numRows + ", " + train.numCols + ") matrix",
                student.mean(), reference.mean(), 1e-12);
        Check.close("std of Standardizer.fit on a (" + train.numRows + ", " + train.numCols + ") matrix",
                student.std(), reference.std(), 1e-12,
                new Mistake("the unbiased deviation (divided by N - 1); the class uses the biased one, divided by N",
                        unbiasedStd(train, reference.std())));
    }

    @Test
    @Points(2)
    void transformMatchesReferenceWithConstantColumns(RandomGenerator rng) {
        DMatrixRMaj train = features(rng, Draw.size(rng, 4, 30), Draw.size(rng, 3, 9));
        var reference = dlkit.reference.capstone.Standardizer.fit(train);
        // Other rows, with values of their own even in the columns constant in the training part.
        DMatrixRMaj x = Draw.uniform(rng, Draw.size(rng, 1, 10), train.numCols, -5, 20);

        DMatrixRMaj student = new Standardizer(reference.mean().copy(), reference.std().copy()).transform(x.copy());

        Check.close("Standardizer.transform of a (" + x.numRows + ", " + x.numCols
                + ") matrix, with columns whose std is 0 (they must become 0)", student, reference.transform(x), 1e-12);
    }

    @Test
    @Points(3)
    void standardizeFitsOnTheTrainingPartOnly(RandomGenerator rng) {
        int d = Draw.size(rng, 3, 8);
        DMatrixRMaj train = features(rng, Draw.size(rng, 5, 20), d);
        // Validation and test far from the training part: a fit that sees them moves visibly.
        DMatrixRMaj validation = Draw.uniform(rng, Draw.size(rng, 3, 10), d, 10, 30);
        DMatrixRMaj test = Draw.uniform(rng, Draw.size(rng, 3, 10), d, -30, -10);
        Split raw = new Split(new Dataset(train, labels(train.numRows)), new Dataset(validation, labels(validation.numRows)),
                new Dataset(test, labels(test.numRows)));

        Split student = Standardizer.standardize(raw);

        var reference = dlkit.reference.capstone.Standardizer.fit(train);
        var leaky = dlkit.reference.capstone.Standardizer.fit(CommonOps_DDRM.concatRowsMulti(train, validation, test));
        String leak = "statistics fitted on all three parts: the validation and test parts leak into the standardisation";
        Check.close("the test part after Standardizer.standardize", student.test().x(), reference.transform(test), 1e-12,
                new Mistake(leak, leaky.transform(test)));
        Check.close("the validation part after Standardizer.standardize", student.validation().x(),
                reference.transform(validation), 1e-12, new Mistake(leak, leaky.transform(validation)));
        Check.close("the training part after Standardizer.standardize", student.train().x(), reference.transform(train), 1e-12,
                new Mistake(leak, leaky.transform(train)));
    }

    @Test
    @Points(1)
    void standardizeOnTheDigits() {
        Split raw = Digits.split();

        Split student = Standardizer.standardize(raw);

        var reference = dlkit.reference.capstone.Standardizer.fit(raw.train().x());
        Check.close("the digits' test part after Standardizer.standardize (pixel 0 is blank in every training image)",
                student.test().x(), reference.transform(raw.test().x()), 1e-12);
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
