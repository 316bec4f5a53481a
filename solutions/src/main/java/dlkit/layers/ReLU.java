package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The rectified linear unit, element by element:
 * <pre>
 *   forward:   y = max(0, x)
 *   backward:  dx = dy where x &gt; 0, and 0 where x &lt;= 0
 * </pre>
 * ReLU has no derivative at exactly 0; the kit takes 0 there, as PyTorch does. Any shape (N, D).
 */
public final class ReLU implements Layer {

    /** The input of the last forward pass; backward needs its signs. */
    private DMatrixRMaj input;

    /**
     * @param x (N, D); not modified
     * @return a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        input = x.copy();
        // TODO: y = max(0, x), element by element, into a new matrix.
        // BEGIN SOLUTION
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            y.data[i] = Math.max(0, x.data[i]);
        }
        return y;
        // END SOLUTION
    }

    /**
     * @param gradOutput dy, the shape of the last input; not modified
     * @return dx, a new matrix of that shape
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException("ReLU.backward called before forward");
        }
        Matrices.requireSameShape("input", input, "gradOutput", gradOutput);
        // TODO: dx = dy where the input was positive, 0 elsewhere (0 at exactly 0, as PyTorch).
        // BEGIN SOLUTION
        DMatrixRMaj dx = new DMatrixRMaj(input.numRows, input.numCols);
        for (int i = 0; i < input.getNumElements(); i++) {
            dx.data[i] = input.data[i] > 0 ? gradOutput.data[i] : 0;
        }
        return dx;
        // END SOLUTION
    }
}
