package dlkit.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SineFitTest {

    @Test
    void gridFromMinusPiUpToPi() {
        DMatrixRMaj x = SineFit.grid(4);
        assertThat(x.data).as("SineFit x.data").containsExactly(-Math.PI, -Math.PI / 2, 0, Math.PI / 2);
    }

    @Test
    void meanSquaredErrorOfTheZeroFunction() {
        // A network with zero weights predicts 0; on x = -pi/2, 0, pi/2: (1 + 0 + 1) / 3.
        Sequential zero = new Sequential(new Dense(new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 2)), new Tanh(),
                new Dense(new DMatrixRMaj(2, 1), new DMatrixRMaj(1, 1)));
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-Math.PI / 2}, {0}, {Math.PI / 2}});
        assertThat(SineFit.meanSquaredError(zero, x)).as("SineFit.meanSquaredError(zero, x)").isCloseTo(2.0 / 3, Offset.offset(1e-15));
    }

    @Test
    void sixteenTanhUnitsFitSine() {
        // The predictor 0 has a mean squared error of 1/2; 16 units after 1500 Adam steps reach
        // about 1e-5 on points between the training points.
        Sequential net = SineFit.fit(16, 64, 1500, 0.01, new SplittableRandom(1));
        DMatrixRMaj heldOut = SineFit.grid(64);
        for (int i = 0; i < 64; i++) {
            heldOut.data[i] += Math.PI / 64;    // half-way between the training points
        }
        assertThat(SineFit.meanSquaredError(net, heldOut)).as("SineFit.meanSquaredError(net, heldOut)").isLessThan(1e-2);
    }
}
