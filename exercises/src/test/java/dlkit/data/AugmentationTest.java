package dlkit.data;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void horizontalFlipMirrorsEachImageRow() {
        // A 2x3 image  1 2 3   becomes   3 2 1   (the rows stay in place: not upside down)
        //              4 5 6             6 5 4
        DMatrixRMaj images = Matrices.of(new double[][] {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}});
        assertThat(Augmentation.flipHorizontal(images, 2, 3)).as("Augmentation.flipHorizontal(images, 2, 3)")
                .isCloseTo(Matrices.of(new double[][] {{3, 2, 1, 6, 5, 4}, {9, 8, 7, 12, 11, 10}}), 0.0);
        assertThat(images.get(0, 0)).as("Augmentation images.get(0, 0)").isEqualTo(1.0);
    }

    @Test
    void flippingTwiceGivesTheImagesBack() {
        DMatrixRMaj images = Matrices.row(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        DMatrixRMaj twice = Augmentation.flipHorizontal(Augmentation.flipHorizontal(images, 3, 4), 3, 4);
        assertThat(twice).as("Augmentation.flipHorizontal twice").isCloseTo(images, 0.0);
    }

    @Test
    void noiseByHandInRowMajorOrder() {
        // std = 0.5, scripted normals 1, -2, 0, 4 added row by row: (1 + 0.5, 2 - 1; 3 + 0, 4 + 2).
        ScriptedRandom rng = new ScriptedRandom().withGaussians(1, -2, 0, 4);
        DMatrixRMaj x = Matrices.of(new double[][] {{1, 2}, {3, 4}});
        assertThat(Augmentation.gaussianNoise(x, 0.5, rng)).as("Augmentation.gaussianNoise(x, 0.5, rng)").isCloseTo(Matrices.of(new double[][] {{1.5, 1}, {3, 6}}), 1e-15);
        assertThat(x).as("Augmentation x").isCloseTo(Matrices.of(new double[][] {{1, 2}, {3, 4}}), 0.0);
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        // 20000 draws: the sample standard deviation of N(0, 0.3^2) is within 0.3 * 5% with
        // probability far above 1 - 1e-9 (its relative standard error is about 1/sqrt(2 * 20000) = 0.5%).
        DMatrixRMaj x = new DMatrixRMaj(100, 200);
        DMatrixRMaj noisy = Augmentation.gaussianNoise(x, 0.3, new SplittableRandom(3));
        double std = Math.sqrt(Matrices.sumOfSquares(noisy) / noisy.getNumElements());
        assertThat(std).as("Augmentation.sqrt std").isBetween(0.3 * 0.95, 0.3 * 1.05);
    }

    @Test
    void augmentTriplesTheRowsAndKeepsTheLabels() {
        DMatrixRMaj images = Matrices.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
        ScriptedRandom rng = new ScriptedRandom().withGaussians(0, 0, 0, 0, 0, 0, 0, 2);
        Augmentation.Augmented out = Augmentation.augment(images, new int[] {7, 3}, 2, 2, 1.0, rng);
        assertThat(out.x()).as("Augmentation x").isCloseTo(Matrices.of(new double[][] {
                {1, 2, 3, 4}, {5, 6, 7, 8},      // the originals
                {2, 1, 4, 3}, {6, 5, 8, 7},      // mirrored: 2x2 images, each image row reversed
                {1, 2, 3, 4}, {5, 6, 7, 10}}),   // noisy copies, the last normal was 2
                0.0);
        assertThat(out.labels()).as("Augmentation labels").containsExactly(7, 3, 7, 3, 7, 3);
    }
}
