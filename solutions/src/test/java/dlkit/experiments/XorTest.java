package dlkit.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class XorTest {

    @Test
    void theNetworkComputesXorExactly() {
        // h = relu(x W1 + b1): (0,0) -> (0,0); (0,1), (1,0) -> (1,0); (1,1) -> relu(2, 1) = (2,1).
        // y = h1 - 2 h2: 0, 1, 1, 2 - 2 = 0.
        assertThat(Xor.network().forward(Xor.inputs())).as("Xor.network().forward(Xor.inputs())").isCloseTo(Xor.targets(), 0.0);
    }

    @Test
    void theNetworkBetweenTheCorners() {
        // x = (0.5, 0.5): h = relu(1, 0) = (1, 0), y = 1. x = (2, 0): h = (2, 1), y = 0.
        DMatrixRMaj x = Matrices.of(new double[][] {{0.5, 0.5}, {2, 0}});
        assertThat(Xor.network().forward(x)).as("Xor.network().forward(x)").isCloseTo(Matrices.of(new double[][] {{1}, {0}}), 1e-15);
    }

    @Test
    void classifyIsStrictlyAboveTheThreshold() {
        DMatrixRMaj scores = Matrices.of(new double[][] {{0.2}, {0.5}, {0.7}});
        assertThat(Xor.classify(scores, 0.5)).as("Xor.classify(scores, 0.5)").isCloseTo(Matrices.of(new double[][] {{0}, {0}, {1}}), 0.0);
    }

    @Test
    void bestAffineFitRecoversAnExactAffineFunction() {
        // y = 2 x1 - x2 + 3 on four points: the fit is exact, theta = (2, -1, 3).
        DMatrixRMaj x = Matrices.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {2, 3}});
        DMatrixRMaj y = Matrices.of(new double[][] {{3}, {5}, {2}, {4}});
        assertThat(Xor.bestAffineFit(x, y)).as("Xor.bestAffineFit(x, y)").isCloseTo(Matrices.of(new double[][] {{2}, {-1}, {3}}), 1e-12);
    }

    @Test
    void theBestAffineFitOfXorPredictsOneHalfEverywhere() {
        // Normal equations: A^T A = [[2,1,2],[1,2,2],[2,2,4]], A^T y = (1, 1, 2); solution (0, 0, 1/2).
        assertThat(Xor.bestAffineFit(Xor.inputs(), Xor.targets())).as("Xor.bestAffineFit(Xor.inputs(), Xor.targets())")
                .isCloseTo(Matrices.of(new double[][] {{0}, {0}, {0.5}}), 1e-12);
    }

    @Test
    void noAffineScoreSeparatesXor() {
        // f(0,0) + f(1,1) = f(0,1) + f(1,0) for every affine f: checked here for a few; the class
        // comment turns this identity into the proof that some point is always misclassified.
        double[][] params = {{1, 1, -0.5}, {3, -2, 0.1}, {-1, 4, 2}};
        for (double[] p : params) {
            double f00 = p[2];
            double f01 = p[1] + p[2];
            double f10 = p[0] + p[2];
            double f11 = p[0] + p[1] + p[2];
            assertThat(f00 + f11).as("Xor f00 + f11").isCloseTo(f01 + f10, org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
