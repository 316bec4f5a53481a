package dlkit.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.ReLU;
import dlkit.layers.Sequential;
import dlkit.layers.Sigmoid;
import dlkit.layers.Tanh;
import dlkit.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The experiments against PyTorch (golden/experiments.json): per-layer gradient norms of 10-layer
 * networks by torch autograd, the XOR network, torch.linalg.lstsq's polynomial and a bias-variance
 * decomposition. The maths is exact, so only rounding separates the two: the largest relative
 * error observed is 1.7e-14 (the cubic's coefficients, a QR solve against torch's lstsq), then
 * 1.6e-14 (the norms of the 10 tanh layers with large weights); all others are below 3e-16.
 */
class ExperimentsGoldenTest {

    private static final double TOLERANCE = 1e-9;
    private static final JsonNode GOLDEN = Golden.load("experiments");

    private static DMatrixRMaj m(JsonNode c, String field) {
        return Golden.matrix(c.get(field));
    }

    @Test
    void gradientNormsMatchTorch() {
        norms("sigmoid", Sigmoid::new);
        norms("tanh_large", Tanh::new);
        norms("relu_he", ReLU::new);
    }

    private static void norms(String name, Supplier<Layer> activation) {
        JsonNode c = GOLDEN.get(name);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode w : c.get("W")) {
            DMatrixRMaj weight = Golden.matrix(w);
            layers.add(new Dense(weight, new DMatrixRMaj(1, weight.numCols)));
            layers.add(activation.get());
        }
        double[] norms = GradientNorms.weightGradientNorms(new Sequential(layers), m(c, "X"));
        assertThat(Matrices.row(norms)).as(name).isCloseTo(m(c, "norms"), TOLERANCE);
    }

    @Test
    void xorNetworkMatchesTorch() {
        JsonNode c = GOLDEN.get("xor");
        assertThat(Xor.network().forward(m(c, "X"))).as("Experiments Xor.network().forward(m(c, \"X\"))").isCloseTo(m(c, "Y"), TOLERANCE);
    }

    @Test
    void polynomialFitMatchesTorchLstsq() {
        JsonNode c = GOLDEN.get("polynomial");
        assertThat(BiasVariance.fitPolynomial(m(c, "x"), m(c, "y"), c.get("degree").intValue())).as("BiasVariance.fitPolynomial coefficients")
                .isCloseTo(m(c, "c"), TOLERANCE);
    }

    @Test
    void decompositionMatchesTorch() {
        JsonNode c = GOLDEN.get("decomposition");
        BiasVariance.Decomposition d = BiasVariance.decompose(m(c, "predictions"), m(c, "truth"),
                c.get("noise").doubleValue());
        assertThat(Matrices.row(d.bias2(), d.variance(), d.expectedError())).as("Experiments Matrices.row(d.bias2(), d.variance(), d.expectedError())")
                .isCloseTo(Matrices.row(c.get("bias2").doubleValue(), c.get("variance").doubleValue(),
                        c.get("expectedError").doubleValue()), TOLERANCE);
        assertThat(d.noise()).as("Experiments noise").isCloseTo(0.3, Offset.offset(0.0));
    }
}
