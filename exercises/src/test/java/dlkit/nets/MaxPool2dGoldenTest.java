package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MaxPool2d against torch.nn.functional.max_pool2d and its autograd (the instructor's PyTorch script),
 * including two cases of small integers where windows hold ties: the script checks that torch
 * selects the first maximum in row-major order before it writes them. A maximum and a sum of
 * selected dY are exact, so the error is 0; held at 1e-9 as every golden test.
 */
class MaxPool2dGoldenTest {

    private static final JsonNode CASES = Golden.load("cnn");

    @ParameterizedTest
    @ValueSource(strings = {"pool_k2_s2", "pool_k3_s2_overlap", "pool_ties_k2_s1", "pool_ties_k3_s3"})
    void matchesPyTorch(String name) {
        JsonNode c = CASES.get(name);
        MaxPool2d pool = new MaxPool2d(c.get("kernel").intValue(), c.get("stride").intValue());
        DMatrixRMaj out = pool.forward(Golden.matrix(c.get("x")), c.get("channels").intValue(),
                c.get("height").intValue(), c.get("width").intValue());
        DMatrixRMaj dx = pool.backward(Golden.matrix(c.get("dy")));
        System.out.printf("MaxPool2d %s: relative error against PyTorch %.2g (out), %.2g (dX)%n", name,
                Matrices.relativeError(out, Golden.matrix(c.get("out"))), Matrices.relativeError(dx, Golden.matrix(c.get("dx"))));
        assertThat(out).as("MaxPool2d.forward out").isCloseTo(Golden.matrix(c.get("out")), 1e-9);
        assertThat(dx).as("MaxPool2d.backward dX").isCloseTo(Golden.matrix(c.get("dx")), 1e-9);
    }
}
