package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static Parameter withGrad(double... g) {
        Parameter p = new Parameter("p", new org.ejml.data.DMatrixRMaj(1, g.length));
        p.grad().setData(g);
        return p;
    }

    @Test
    void byValueClampsEachElement() {
        Parameter a = withGrad(3.0, -0.5, -7.0);
        Parameter b = withGrad(0.9);
        GradientClipping.clipByValue(List.of(a, b), 1.0);
        assertThat(a.grad().data).as("GradientClipping a.grad().data").containsExactly(1.0, -0.5, -1.0);
        assertThat(b.grad().data).as("GradientClipping b.grad().data").containsExactly(0.9);
    }

    @Test
    void globalNormCoversEveryTensor() {
        // (3, 4) in one tensor and (12) in another: sqrt(9 + 16 + 144) = 13.
        assertThat(GradientClipping.globalNorm(List.of(withGrad(3.0, 4.0), withGrad(12.0)))).as("GradientClipping.globalNorm of (3, 4) and (12, ...)").isCloseTo(13.0, within(1e-12));
    }

    @Test
    void byGlobalNormScalesAllTensorsByOneFactor() {
        // total 13, max 6.5: every gradient times 6.5 / (13 + 1e-6), so directions are kept.
        Parameter a = withGrad(3.0, 4.0);
        Parameter b = withGrad(12.0);
        double total = GradientClipping.clipByGlobalNorm(List.of(a, b), 6.5);
        double scale = 6.5 / (13.0 + 1e-6);
        assertThat(total).as("GradientClipping.clipByGlobalNorm total").isCloseTo(13.0, within(1e-12));
        assertThat(a.grad()).as("GradientClipping gradient of a").isCloseTo(Matrices.row(3 * scale, 4 * scale), 1e-12);
        assertThat(b.grad()).as("GradientClipping gradient of b").isCloseTo(Matrices.row(12 * scale), 1e-12);
    }

    @Test
    void byGlobalNormLeavesSmallGradientsAlone() {
        Parameter a = withGrad(0.3, 0.4);
        assertThat(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)).as("GradientClipping.clipByGlobalNorm(List.of(a), 1.0)").isCloseTo(0.5, within(1e-12));
        assertThat(a.grad().data).as("GradientClipping a.grad().data").containsExactly(0.3, 0.4);
    }
}
