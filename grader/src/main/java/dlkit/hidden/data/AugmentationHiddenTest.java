package dlkit.hidden.data;

import dlkit.core.Matrices;
import dlkit.data.Augmentation;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(Augmentation.class)
@ExtendWith(GradingRandom.class)
class AugmentationHiddenTest {

    @Test
    @Points(2)
    void flipHorizontalMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 4);
        int height = Draw.size(rng, 2, 6);
        int width = height + Draw.size(rng, 1, 3); // not square, so the two axes cannot be confused
        DMatrixRMaj images = Draw.normal(rng, n, height * width, 1.0);
        DMatrixRMaj images0 = images.copy();

        DMatrixRMaj actual = Augmentation.flipHorizontal(images, height, width);
        DMatrixRMaj expected = dlkit.reference.data.Augmentation.flipHorizontal(images0, height, width);

        Check.close("Augmentation.flipHorizontal of " + n + " image(s) of H = " + height + " rows, W = " + width
                        + " columns", actual, expected, 0.0,
                new Mistake("a vertical flip (the order of the image rows reversed); a horizontal flip reverses each "
                        + "image row left to right", flipVertical(images0, height, width)),
                new Mistake("each whole row of H*W numbers reversed: that turns the image upside down too",
                        reverseRows(images0)));
        Check.close("the images after Augmentation.flipHorizontal (must not be modified)", images, images0, 0.0);
    }

    @Test
    @Points(2)
    void gaussianNoiseDrawsAsPrescribed(RandomGenerator rng) {
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 6), Draw.size(rng, 1, 6), 2.0);
        DMatrixRMaj x0 = x.copy();
        double std = rng.nextDouble(1.5, 3.0);
        long seed = rng.nextLong();

        DMatrixRMaj actual = Augmentation.gaussianNoise(x, std, new SplittableRandom(seed));
        DMatrixRMaj expected = dlkit.reference.data.Augmentation.gaussianNoise(x0, std, new SplittableRandom(seed));

        Check.close("Augmentation.gaussianNoise with std = " + std + ", one nextGaussian per element in row-major order",
                actual, expected, 1e-12,
                new Mistake("std squared (the variance) used as the scale of the noise",
                        dlkit.reference.data.Augmentation.gaussianNoise(x0, std * std, new SplittableRandom(seed))));
        Check.close("x after Augmentation.gaussianNoise (must not be modified; the noisy copy is a new matrix)",
                x, x0, 0.0);
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
        DMatrixRMaj x = Draw.uniform(rng, rows, cols, -5, 5);
        double std = rng.nextBoolean() ? rng.nextDouble(0.1, 0.6) : rng.nextDouble(1.6, 3.0);
        DMatrixRMaj x0 = x.copy();
        DMatrixRMaj noisy = Augmentation.gaussianNoise(x, std, new SplittableRandom(rng.nextLong()));
        if (noisy == null || noisy.numRows != rows || noisy.numCols != cols) {
            throw new AssertionError("Augmentation.gaussianNoise must return a (" + rows + ", " + cols + ") matrix");
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            double z = (noisy.data[i] - x0.data[i]) / std;
            sum += z;
            sumSq += z * z;
        }
        int m = rows * cols;
        double mean = sum / m;
        double meanSquare = sumSq / m;
        if (Math.abs(mean) > 6.5 / Math.sqrt(m)) {
            throw new AssertionError("the noise of Augmentation.gaussianNoise has mean " + mean * std + ", expected 0");
        }
        if (Math.abs(meanSquare - 1) > 0.0513) {
            throw new AssertionError("the noise of Augmentation.gaussianNoise(std = " + std + ") has standard deviation "
                    + Math.sqrt(meanSquare) * std + (Math.abs(Math.sqrt(meanSquare) - std) < 0.05 * std
                    ? " (looks like std squared was used)" : ""));
        }
    }

    @Test
    @Points(2)
    void augmentKeepsLabelsAndMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 5);
        int height = Draw.size(rng, 2, 4);
        int width = height + 1;
        DMatrixRMaj images = Draw.normal(rng, n, height * width, 1.0);
        int[] labels = rng.ints(n, 0, 10).toArray();
        int[] labels0 = labels.clone();
        double std = rng.nextDouble(0.1, 1.0);
        long seed = rng.nextLong();

        var actual = Augmentation.augment(images, labels, height, width, std, new SplittableRandom(seed));
        var expected = dlkit.reference.data.Augmentation.augment(images.copy(), labels0, height, width, std,
                new SplittableRandom(seed));

        if (actual == null || actual.x() == null || actual.labels() == null) {
            throw new AssertionError("Augmentation.augment must return rows and labels, not null");
        }
        Check.close("the labels of Augmentation.augment for labels " + Arrays.toString(labels0)
                        + " (each augmented row keeps its source row's label)",
                asRow(actual.labels()), asRow(expected.labels()), 0.0);
        Check.close("the rows of Augmentation.augment [x; flipped x; noisy x] for " + n + " images of " + height + "x"
                + width, actual.x(), expected.x(), 1e-12);
        Check.close("the labels passed to Augmentation.augment (must not be modified)", asRow(labels), asRow(labels0), 0.0);
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
