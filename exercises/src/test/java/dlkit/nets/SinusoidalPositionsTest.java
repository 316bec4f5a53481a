package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SinusoidalPositionsTest {

    @Test
    void byHand() {
        // d_model = 4: columns 0 and 1 have frequency 10000^0 = 1, columns 2 and 3 10000^(-2/4) = 1/100.
        // Position 0: (sin 0, cos 0, sin 0, cos 0) = (0, 1, 0, 1); position 1: (sin 1, cos 1, sin 0.01, cos 0.01).
        DMatrixRMaj pe = SinusoidalPositions.encodings(2, 4);
        assertThat(pe).as("SinusoidalPositions.encodings(2, 4)").isCloseTo(Matrices.of(new double[][] {
            {0, 1, 0, 1}, {Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)}}), 1e-15);
    }

    @Test
    void anOddWidthEndsWithASine() {
        // d_model = 3: column 2 is the sine of the pair i = 1, frequency 10000^(-2/3).
        DMatrixRMaj pe = SinusoidalPositions.encodings(4, 3);
        assertThat(pe.get(3, 2)).as("SinusoidalPositions.encodings(4, 3) at (3, 2)")
                .isCloseTo(Math.sin(3 * Math.pow(10000, -2.0 / 3)), within(1e-15));
    }

    @Test
    void eachPairLiesOnTheUnitCircle() {
        // sin^2 + cos^2 = 1 for each pair of columns (2i, 2i + 1) of every position.
        DMatrixRMaj pe = SinusoidalPositions.encodings(50, 8);
        for (int pos = 0; pos < 50; pos++) {
            for (int c = 0; c < 8; c += 2) {
                assertThat(pe.get(pos, c) * pe.get(pos, c) + pe.get(pos, c + 1) * pe.get(pos, c + 1))
                        .as("SinusoidalPositions.encodings sin^2 + cos^2 at position " + pos + ", columns " + c + ", " + (c + 1))
                        .isCloseTo(1.0, within(1e-14));
            }
        }
    }

    @Test
    void emptySizesAreRefused() {
        assertThatThrownBy(() -> SinusoidalPositions.encodings(0, 4), "SinusoidalPositions.encodings(0, 4)")
                .hasMessageContaining("need positions >= 1 and d_model >= 1 but got 0 and 4");
    }
}
