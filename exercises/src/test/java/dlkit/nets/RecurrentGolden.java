package dlkit.nets;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;

/** Reads golden/recurrent.json (written by solutions/golden/recurrent.py) for the recurrent golden tests. */
final class RecurrentGolden {

    static final JsonNode CASES = Golden.load("recurrent");

    /** The tolerance every recurrent golden value is held to: products, tanh and sigmoid, exact maths. */
    static final double TOLERANCE = 1e-9;

    private RecurrentGolden() {}

    /** The largest relative error seen so far by the recurrent golden tests, printed by each. */
    static double worst(double worstSoFar, DMatrixRMaj actual, DMatrixRMaj expected) {
        return Math.max(worstSoFar, Matrices.relativeError(actual, expected));
    }
}
