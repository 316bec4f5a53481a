package dlkit.hidden.data;

import dlkit.core.Matrices;
import dlkit.data.Augmentation;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Augmentation.class)
@ExtendWith(GradingRandom.class)
class AugmentationHiddenTest {

    private static final Known VERTICAL_FLIP = new Known("Augmentation/vertical-flip",
            "a vertical flip (the order of the image rows reversed); a horizontal flip reverses each image row left to right");
    private static final Known WHOLE_ROW_REVERSED = new Known("Augmentation/whole-row-reversed",
            "each whole row of H*W numbers reversed: that turns the image upside down too");
    private static final Known VARIANCE_AS_SCALE = new Known("Augmentation/variance-as-scale",
            "std squared (the variance) used as the scale of the noise");
    private static final Known COLUMN_BY_COLUMN = new Known("Augmentation/noise-drawn-column-by-column",
            "the noise drawn column by column; the Javadoc draws it row by row and, within a row, column by column");
    private static final Known NOISE_NOT_CENTRED = new Known("Augmentation/noise-not-centred",
            "noise whose mean is not 0: add std * rng.nextGaussian()");
    private static final Known WRONG_NOISE_SCALE = new Known("Augmentation/wrong-noise-scale",
            "noise of another standard deviation than std: add std * rng.nextGaussian()");

    private static final Known NOISE_NOT_GAUSSIAN = new Known("Augmentation/noise-not-gaussian",
            "noise of the right mean and spread that is not Gaussian (uniform draws, or a few values): add"
                    + " std * rng.nextGaussian() to each element");
    private static final Known NOISE_IGNORES_RNG = new Known("Augmentation/noise-ignores-the-generator",
            "noise that does not come from rng: a fixed pattern can have the right mean and spread, but every copy would be the same");

    @Test
    @Points(2)
    void flipHorizontalMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 4);
        int height = Draw.size(rng, 2, 6);
        int width = height + Draw.size(rng, 1, 3); // not square, so the two axes cannot be confused
        Given<DMatrixRMaj> images = Given.of("images", Draw.normal(rng, n, height * width, 1.0));
        DMatrixRMaj images0 = images.copy();

        DMatrixRMaj actual = Augmentation.flipHorizontal(images.student(), height, width);
        images.unchanged("Augmentation.flipHorizontal");
        DMatrixRMaj expected = dlkit.reference.data.Augmentation.flipHorizontal(images.copy(), height, width);

        Check.close("Augmentation.flipHorizontal of " + n + " image(s) of H = " + height + " rows, W = " + width
                        + " columns", actual, expected, 0.0,
                VERTICAL_FLIP.wouldGive(flipVertical(images0, height, width)),
                WHOLE_ROW_REVERSED.wouldGive(reverseRows(images0)));
    }

    @Test
    @Points(2)
    void gaussianNoiseDrawsAsPrescribed(RandomGenerator rng) {
        // At least 2 rows and 2 columns: with one of either, row-major and column-major draws coincide
        // and a column-by-column loop would pass on some seeds.
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, Draw.size(rng, 2, 6), Draw.size(rng, 2, 6), 2.0));
        DMatrixRMaj x0 = x.copy();
        double std = rng.nextDouble(1.5, 3.0);
        long seed = rng.nextLong();
        DMatrixRMaj byColumn = x0.copy();
        SplittableRandom columnDraws = new SplittableRandom(seed);
        for (int j = 0; j < byColumn.numCols; j++) {
            for (int i = 0; i < byColumn.numRows; i++) {
                byColumn.add(i, j, std * columnDraws.nextGaussian());
            }
        }

        DMatrixRMaj actual = Augmentation.gaussianNoise(x.student(), std, new SplittableRandom(seed));
        x.unchanged("Augmentation.gaussianNoise");
        DMatrixRMaj expected = dlkit.reference.data.Augmentation.gaussianNoise(x.copy(), std, new SplittableRandom(seed));

        Check.close("Augmentation.gaussianNoise with std = " + std + ", one nextGaussian per element in row-major order",
                actual, expected, 1e-12,
                VARIANCE_AS_SCALE.wouldGive(
                        dlkit.reference.data.Augmentation.gaussianNoise(x0, std * std, new SplittableRandom(seed))),
                COLUMN_BY_COLUMN.wouldGive(byColumn));
    }

    @Test
    @Points(1)
    void gaussianNoiseHasMeanZeroAndTheRequestedStd(RandomGenerator rng) {
        // Holds whatever the order of draws. M = 40000 noise values z_i = (out - x) / std.
        // Mean: N(0, 1/M), |mean| > 6.5 / sqrt(M) with probability 8e-11.
        // Mean square: chi-square(M) / M; Laurent-Massart with t = 25 bound |mean square - 1| by
        // (2 sqrt(M t) + 2 t) / M = 0.05125 except with probability 2 e^-25 = 2.8e-11.
        int rows = 200;
        int cols = 200;
        Given<DMatrixRMaj> x = Given.of("x", Draw.uniform(rng, rows, cols, -5, 5));
        double std = rng.nextBoolean() ? rng.nextDouble(0.1, 0.6) : rng.nextDouble(1.6, 3.0);
        DMatrixRMaj x0 = x.copy();
        DMatrixRMaj noisy = Augmentation.gaussianNoise(x.student(), std, new SplittableRandom(rng.nextLong()));
        x.unchanged("Augmentation.gaussianNoise");
        if (noisy == null || noisy.numRows != rows || noisy.numCols != cols) {
            throw Check.failure("the shape of Augmentation.gaussianNoise", "expected a (" + rows + ", " + cols
                    + ") matrix but was " + (noisy == null ? "null" : "(" + noisy.numRows + ", " + noisy.numCols + ")"), null);
        }
        double sum = 0;
        double sumSq = 0;
        int withinOneStd = 0;
        for (int i = 0; i < x0.getNumElements(); i++) {
            double z = (noisy.data[i] - x0.data[i]) / std;
            sum += z;
            sumSq += z * z;
            withinOneStd += Math.abs(z) <= 1 ? 1 : 0;
        }
        int m = rows * cols;
        double mean = sum / m;
        double meanSquare = sumSq / m;
        Check.holds("the noise of Augmentation.gaussianNoise has mean " + mean * std + ", expected 0 (within "
                + 6.5 / Math.sqrt(m) * std + ")", Math.abs(mean) <= 6.5 / Math.sqrt(m), NOISE_NOT_CENTRED);
        Check.holds("the noise of Augmentation.gaussianNoise(std = " + std + ") has standard deviation "
                + Math.sqrt(meanSquare) * std + ", expected " + std, Math.abs(meanSquare - 1) <= 0.0513,
                Math.abs(Math.sqrt(meanSquare) - std) < 0.05 * std ? VARIANCE_AS_SCALE : WRONG_NOISE_SCALE);
        // Mean and spread alone pass uniform noise of that variance, which puts 1 / sqrt(3) = 0.577 within one std.
        // Hoeffding on the share within one std (0.6827 for a Gaussian): off by more than 0.025 with probability 2 exp(-50), below 1e-21.
        double share = (double) withinOneStd / m;
        Check.holds("the share of the noise of Augmentation.gaussianNoise(std = " + std + ") within one std of 0 is "
                + share + ", expected 0.6827 for Gaussian noise (within 0.025)", Math.abs(share - 0.6826894921370859) <= 0.025,
                NOISE_NOT_GAUSSIAN);
        DMatrixRMaj again = Augmentation.gaussianNoise(x0.copy(), std, new SplittableRandom(rng.nextLong()));
        Check.holds("Augmentation.gaussianNoise with two generators seeded differently gives different noise",
                again == null || !MatrixFeatures_DDRM.isIdentical(again, noisy, 0), NOISE_IGNORES_RNG);
    }

    @Test
    @Points(2)
    void augmentKeepsLabelsAndMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 5); // two or more: with one sample, every copy of the labels starts at its index
        int height = Draw.size(rng, 2, 4);
        int width = height + 1;
        Given<DMatrixRMaj> images = Given.of("images", Draw.normal(rng, n, height * width, 1.0));
        Given<int[]> labels = Given.of("labels", rng.ints(n, 0, 10).toArray());
        double std = rng.nextDouble(0.1, 1.0);
        long seed = rng.nextLong();

        var actual = Augmentation.augment(images.student(), labels.student(), height, width, std, new SplittableRandom(seed));
        Given.unchanged("Augmentation.augment", images, labels);
        var expected = dlkit.reference.data.Augmentation.augment(images.copy(), labels.copy(), height, width, std,
                new SplittableRandom(seed));

        if (actual == null || actual.x() == null || actual.labels() == null) {
            throw Check.failure("what Augmentation.augment returns", "expected rows and labels but was null", null);
        }
        Check.close("the labels of Augmentation.augment for labels " + Arrays.toString(labels.copy())
                        + " (each augmented row keeps its source row's label)",
                asRow(actual.labels()), asRow(expected.labels()), 0.0);
        Check.close("the rows of Augmentation.augment [x; flipped x; noisy x] for " + n + " images of " + height + "x"
                + width, actual.x(), expected.x(), 1e-12);
    }

    private static DMatrixRMaj flipVertical(DMatrixRMaj images, int height, int width) {
        DMatrixRMaj out = new DMatrixRMaj(images.numRows, images.numCols);
        for (int n = 0; n < images.numRows; n++) {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    out.set(n, h * width + w, images.get(n, (height - 1 - h) * width + w));
                }
            }
        }
        return out;
    }

    private static DMatrixRMaj reverseRows(DMatrixRMaj images) {
        DMatrixRMaj out = new DMatrixRMaj(images.numRows, images.numCols);
        for (int n = 0; n < images.numRows; n++) {
            for (int j = 0; j < images.numCols; j++) {
                out.set(n, j, images.get(n, images.numCols - 1 - j));
            }
        }
        return out;
    }

    private static DMatrixRMaj asRow(int[] values) {
        return Matrices.row(Arrays.stream(values).asDoubleStream().toArray());
    }
}
