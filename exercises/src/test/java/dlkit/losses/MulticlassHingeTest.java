package dlkit.losses;

import static dlkit.losses.LossTesting.labels;
import static dlkit.losses.LossTesting.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MulticlassHingeTest {

    @Test
    void cs231nExampleByHand() {
        // CS231n's cat/car/frog example, the correct class first in each row:
        //   row 0, y = 0: max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9 + 0 = 2.9
        //   row 1, y = 1: max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1) = 0
        //   row 2, y = 2: max(0, 2.2 + 3.1 + 1) + max(0, 2.5 + 3.1 + 1) = 6.3 + 6.6 = 12.9
        // mean over 3 samples: 15.8 / 3.
        DMatrixRMaj s = Matrices.of(new double[][] {{3.2, 5.1, -1.7}, {1.3, 4.9, 2.0}, {2.2, 2.5, -3.1}});
        int[] y = {0, 1, 2};
        LossAndGradient r = new MulticlassHinge().compute(s, y);
        assertThat(r.loss()).as("MulticlassHinge loss").isCloseTo(15.8 / 3, within(1e-12));
        // Each positive term adds +1/3 on s_j and -1/3 on s_y.
        assertThat(r.gradient()).as("MulticlassHinge gradient").isCloseTo(Matrices.of(new double[][] {
                {-1.0 / 3, 1.0 / 3, 0}, {0, 0, 0}, {1.0 / 3, 1.0 / 3, -2.0 / 3}}), 1e-12);
        // PyTorch's MultiMarginLoss also divides by C = 3.
        assertThat(new MulticlassHinge(1.0, true).compute(s, y).loss()).as("MulticlassHinge new MulticlassHinge(1.0, true).compute(s, y).loss()").isCloseTo(15.8 / 9, within(1e-12));
    }

    @Test
    void gradientPassesANumericGradientCheck() {
        // Piecewise linear: away from the kinks the centred difference is exact up to rounding,
        // about 1e-10; the test allows 1e-7.
        DMatrixRMaj s = random(5, 6, 5, 1.0);
        int[] y = labels(6, 6, 5);
        MulticlassHinge hinge = new MulticlassHinge(0.7, true);
        assertThat(hinge.compute(s, y).gradient()).as("MulticlassHinge hinge.compute(s, y).gradient()")
                .isCloseTo(GradientCheck.numericGradient(m -> hinge.compute(m, y).loss(), s), 1e-7);
    }
}
