package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The hyperbolic tangent, element by element, squashing any number into (-1, 1):
 * <pre>
 *   forward:   y = tanh(x)
 *   backward:  dx = dy * (1 - y^2)       (the derivative written with the output y)
 * </pre>
 * Any shape (N, D).
 */
public final class Tanh implements Layer {

    /** The output of the last forward pass; the derivative is written with it. */
    private DMatrixRMaj output;

    /**
     * @param x (N, D); not modified
     * @return a new (N, D) matrix of values in [-1, 1]
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        // TODO: y = tanh(x) element by element (Math.tanh); keep it in the field output for
        //  backward and return a copy.
        throw new UnsupportedOperationException("not implemented yet: Tanh.forward");
    }

    /**
     * @param gradOutput dy, the shape of the last output; not modified
     * @return dx, a new matrix of that shape
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (output == null) {
            throw new IllegalStateException("Tanh.backward called before forward");
        }
        Matrices.requireSameShape("output", output, "gradOutput", gradOutput);
        // TODO: dx = dy * (1 - y^2) with y the OUTPUT of forward (not the input).
        //  A gradient check gives around 1e-10.
        throw new UnsupportedOperationException("not implemented yet: Tanh.backward");
    }
}
