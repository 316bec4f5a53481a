package dlkit.capstone;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    // Three training rows; column 0 is 1, 2, 3; column 1 is constant.
    //   mean = (2, 5); deviations of column 0: -1, 0, 1, so std_0 = sqrt((1 + 0 + 1) / 3) = sqrt(2/3)
    //   (the biased deviation: divide by N = 3, not 2); std_1 = 0.
    private static final DMatrixRMaj TRAIN = Matrices.of(new double[][] {{1, 5}, {2, 5}, {3, 5}});

    @Test
    void fitsTheMeanAndTheBiasedStandardDeviationOfEachColumn() {
        Standardizer s = Standardizer.fit(TRAIN);

        assertThat(s.mean()).as("Standardizer mean").isCloseTo(Matrices.row(2, 5), 1e-15);
        assertThat(s.std()).as("Standardizer std").isCloseTo(Matrices.row(Math.sqrt(2.0 / 3), 0), 1e-15);
    }

    @Test
    void transformsByHandAndLeavesConstantColumnsAtZero() {
        Standardizer s = new Standardizer(Matrices.row(2, 5), Matrices.row(Math.sqrt(2.0 / 3), 0));

        // (4 - 2) / sqrt(2/3) = 2.449...; column 1 has std 0, so it is 0 even where the value is 7.
        DMatrixRMaj z = s.transform(Matrices.of(new double[][] {{4, 7}, {2, 5}}));

        assertThat(z).as("Standardizer.transform z").isCloseTo(Matrices.of(new double[][] {{2 / Math.sqrt(2.0 / 3), 0}, {0, 0}}), 1e-15);
    }

    @Test
    void standardizeUsesTheTrainingStatisticsForEveryPart() {
        Dataset train = new Dataset(TRAIN, new int[] {0, 1, 0});
        // Validation and test values far from the training ones: had they been used in the fit,
        // the mean would move.
        Dataset validation = new Dataset(Matrices.of(new double[][] {{100, 5}}), new int[] {1});
        Dataset test = new Dataset(Matrices.of(new double[][] {{-50, 9}, {3, 5}}), new int[] {0, 1});

        Split z = Standardizer.standardize(new Split(train, validation, test));

        double std = Math.sqrt(2.0 / 3);
        assertThat(z.train().x()).as("Standardizer z.train().x()").isCloseTo(Matrices.of(new double[][] {{-1 / std, 0}, {0, 0}, {1 / std, 0}}), 1e-15);
        assertThat(z.validation().x()).as("Standardizer z.validation().x()").isCloseTo(Matrices.of(new double[][] {{98 / std, 0}}), 1e-15);
        assertThat(z.test().x()).as("Standardizer z.test().x()").isCloseTo(Matrices.of(new double[][] {{-52 / std, 0}, {1 / std, 0}}), 1e-15);
        assertThat(z.test().labels()).as("Standardizer z.test().labels()").containsExactly(0, 1);
    }

    @Test
    void onTheDigitsTheTrainingPartHasMeanZeroAndDeviationOneOrZero() {
        Split z = Standardizer.standardize(Digits.split());

        Standardizer again = Standardizer.fit(z.train().x());
        for (int j = 0; j < 64; j++) {
            assertThat(Math.abs(again.mean().get(0, j))).as("mean of pixel " + j).isLessThan(1e-12);
            double std = again.std().get(0, j);
            assertThat(Math.abs(std - 1) < 1e-12 || std == 0).as("deviation of pixel " + j + ": " + std).isTrue();
        }
        // Pixel 0 (the top-left corner) is blank in every image: it stays 0, not NaN.
        assertThat(z.test().x()).as("Standardizer z.test().x()").isFinite();
        assertThat(again.std().get(0, 0)).as("Standardizer again.std().get(0, 0)").isZero();
    }
}
