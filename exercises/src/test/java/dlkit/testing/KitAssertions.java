package dlkit.testing;

import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;

/**
 * The one entry point for the kit's assertions: everything AssertJ has, plus matrices.
 * <pre>
 *   import static dlkit.testing.KitAssertions.assertThat;
 *   assertThat(actualGrad).isCloseTo(expectedGrad, 1e-7);
 * </pre>
 */
public class KitAssertions extends Assertions {

    public static MatrixAssert assertThat(DMatrixRMaj actual) {
        return new MatrixAssert(actual);
    }
}
