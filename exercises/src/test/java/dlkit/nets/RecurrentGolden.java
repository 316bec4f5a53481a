package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;

/** Reads golden/recurrent.json (written by the instructor's PyTorch script) for the recurrent golden tests. */
final class RecurrentGolden {

    static final JsonNode CASES = Golden.load("recurrent");

    /** The tolerance every recurrent golden value is held to: products, tanh and sigmoid, exact maths. */
    static final double TOLERANCE = 1e-9;

    private RecurrentGolden() {}

    /** The largest relative error seen so far by the recurrent golden tests, printed by each. */
    static double worst(double worstSoFar, DMatrixRMaj actual, DMatrixRMaj expected) {
        return Math.max(worstSoFar, Matrices.relativeError(actual, expected));
    }

    /**
     * Asserts each of {@code actual} within {@link #TOLERANCE} of the golden matrix of the same
     * name in {@code golden}, labelled "{@code what} name"; returns the largest relative error.
     */
    static double assertAllClose(String what, JsonNode golden, String[] names, DMatrixRMaj... actual) {
        double worst = 0;
        for (int k = 0; k < names.length; k++) {
            DMatrixRMaj expected = Golden.matrix(golden.get(names[k]));
            assertThat(actual[k]).as("%s %s", what, names[k]).isCloseTo(expected, TOLERANCE);
            worst = worst(worst, actual[k], expected);
        }
        return worst;
    }
}
