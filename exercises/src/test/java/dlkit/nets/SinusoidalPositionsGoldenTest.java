package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SinusoidalPositions against the PyTorch tutorial's formula computed with torch
 * (pe[:, 0::2] = sin, pe[:, 1::2] = cos; the instructor's PyTorch script), an even d_model and an
 * odd one over 60 positions. Held at 1e-9 relative error.
 */
class SinusoidalPositionsGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"positions_even", "positions_odd"})
    void matchesPyTorch(String name) {
        JsonNode c = TransformerGolden.CASES.get(name);
        DMatrixRMaj pe = SinusoidalPositions.encodings(c.get("positions").intValue(), c.get("dModel").intValue());
        DMatrixRMaj expected = TransformerGolden.m(c, "encodings");
        System.out.printf("SinusoidalPositions %s: relative error against PyTorch %.2g%n", name,
                Matrices.relativeError(pe, expected));
        assertThat(pe).as("SinusoidalPositions.encodings").isCloseTo(expected, 1e-9);
    }
}
