package dlkit.data;

import dlkit.core.Matrices;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Data augmentation: new training rows made from existing ones by changes that should not
 * change the label, so a network sees more variety and overfits less. Every method returns new
 * rows of the same shape and leaves its input untouched; the label of an augmented row is the
 * label of the row it came from.
 *
 * <ul>
 *   <li>Gaussian noise: {@code x + std * z}, z standard normal, drawn independently per element.</li>
 *   <li>Horizontal flip of images (a mirror image, left and right swapped). An image of H rows
 *       and W columns of pixels is stored as one row of H*W numbers, pixel (h, w) at column
 *       {@code h*W + w} (PyTorch's (H, W) tensor flattened). The flip reverses each image row
 *       left to right: pixel (h, w) moves to (h, W-1-w). The order of the image rows is kept
 *       (reversing that would be a vertical flip, upside down: a different augmentation).</li>
 * </ul>
 */
public final class Augmentation {

    private Augmentation() {}

    /**
     * {@code x + std * z}, with one {@code rng.nextGaussian()} per element, drawn row by row and,
     * within a row, column by column.
     *
     * @param x   (N, D) rows; not modified
     * @param std the noise's standard deviation, >= 0
     * @param rng the source of randomness
     * @return a new (N, D) matrix
     */
    public static DMatrixRMaj gaussianNoise(DMatrixRMaj x, double std, RandomGenerator rng) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        if (!(std >= 0)) {
            throw new IllegalArgumentException("gaussianNoise: std must be >= 0 but was " + std);
        }
        // TODO: copy x and add std * rng.nextGaussian() to every element, in row-major order.
        throw new UnsupportedOperationException("not implemented yet: Augmentation.gaussianNoise");
    }

    /**
     * Every image mirrored left to right: pixel (h, w) of each row goes to (h, W-1-w).
     *
     * @param images (N, H*W) one image per row, pixel (h, w) at column h*W + w; not modified
     * @param height H
     * @param width  W
     * @return a new (N, H*W) matrix
     */
    public static DMatrixRMaj flipHorizontal(DMatrixRMaj images, int height, int width) {
        Matrices.requireShape("images", images, "N, H*W", Matrices.ANY, height * width);
        // TODO: for each image n and pixel (h, w), out[n][h*W + w] = images[n][h*W + (W-1-w)].
        throw new UnsupportedOperationException("not implemented yet: Augmentation.flipHorizontal");
    }

    /**
     * The training set grown threefold: its rows, then their mirror images, then noisy copies:
     * {@code [x; flipHorizontal(x); gaussianNoise(x, std)]} (the noise drawn as gaussianNoise
     * draws it), with labels {@code [y; y; y]}.
     *
     * @param images (N, H*W) images; not modified
     * @param labels N labels; not modified
     * @return new (3N, H*W) rows and their 3N labels
     */
    public static Augmented augment(DMatrixRMaj images, int[] labels, int height, int width, double std,
                                    RandomGenerator rng) {
        Matrices.requireShape("images", images, "N, H*W", labels.length, height * width);
        // TODO: stack the three blocks of rows and repeat the labels three times, in that order.
        //  Hint: CommonOps_DDRM.concatRowsMulti(a, b, c) stacks matrices.
        throw new UnsupportedOperationException("not implemented yet: Augmentation.augment");
    }

    /** Augmented rows (M, D) and their M labels. */
    public record Augmented(DMatrixRMaj x, int[] labels) {}
}
