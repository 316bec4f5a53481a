package dlkit.nets;

import org.ejml.data.DMatrixRMaj;

/**
 * Sinusoidal position encodings (Vaswani et al., 2017, section 3.5): attention by itself does not
 * see the order of the positions, so each position gets a fixed vector, added to its embedding,
 * whose columns are sines and cosines of geometrically spaced wavelengths.
 * <pre>
 *   PE[pos][2i]     = sin(pos / 10000^(2i / d_model))
 *   PE[pos][2i + 1] = cos(pos / 10000^(2i / d_model))      pos = 0 .. T-1
 * </pre>
 * Interleaved: even columns hold sines, odd columns cosines, each pair (2i, 2i + 1) sharing ONE
 * frequency, whose exponent is the even column index 2i. (The PyTorch tutorial's
 * {@code pe[:, 0::2] = sin(...)}, {@code pe[:, 1::2] = cos(...)}; some libraries put all sines
 * first and all cosines after, which is another convention and not this one.) Positions start at 0,
 * so row 0 is (0, 1, 0, 1, ...). An odd d_model ends with a sine column.
 */
public final class SinusoidalPositions {

    private SinusoidalPositions() {}

    /**
     * The (T, d_model) encodings of positions 0 .. T-1.
     *
     * @param positions T, at least 1
     * @param modelSize d_model, at least 1
     * @return a new (T, d_model) matrix
     */
    public static DMatrixRMaj encodings(int positions, int modelSize) {
        if (positions < 1 || modelSize < 1) {
            throw new IllegalArgumentException("SinusoidalPositions: need positions >= 1 and d_model >= 1 but got "
                    + positions + " and " + modelSize);
        }
        // TODO: fill every (pos, column) with the formula above: for column c the pair index is
        //  i = c / 2 (integer division), the angle pos / 10000^(2i / d_model) (compute 2i / d_model
        //  in floating point), sin for even c, cos for odd c.
        throw new UnsupportedOperationException("not implemented yet: SinusoidalPositions.encodings");
    }
}
