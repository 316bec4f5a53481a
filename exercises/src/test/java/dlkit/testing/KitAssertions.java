package dlkit.testing;

import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;

/**
 * The one entry point for the kit's assertions: everything AssertJ has, plus matrices. Name the
 * quantity each assertion checks, so that its failure says which one:
 * <pre>
 *   import static dlkit.testing.KitAssertions.assertThat;
 *   assertThat(dense.bias().grad()).as("Dense.backward db").isCloseTo(expectedDb, 1e-7);
 *   // fails with: [Dense.backward db] at (0, 1): expected 2.0 but was 1.0 (relative error 0.333, tolerance 1e-07)
 *   assertThatThrownBy(() -> dense.forward(x), "Dense.forward of a wrong shape").isInstanceOf(IllegalArgumentException.class);
 * </pre>
 */
public class KitAssertions extends Assertions {

    public static MatrixAssert assertThat(DMatrixRMaj actual) {
        return new MatrixAssert(actual);
    }
}
