package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The logistic sigmoid, element by element, squashing any number into (0, 1):
 * <pre>
 *   forward:   s = 1 / (1 + exp(-x))
 *   backward:  dx = dy * s * (1 - s)      (the derivative written with the output s)
 * </pre>
 * Computed without overflow for any x: for x &lt; 0 use the equal form exp(x) / (1 + exp(x)),
 * whose exp cannot overflow, so s(1000) = 1 and s(-1000) = 0, never NaN. Any shape (N, D).
 */
public final class Sigmoid implements Layer {

    /** The output of the last forward pass; the derivative is written with it. */
    private DMatrixRMaj output;

    /**
     * @param x (N, D); not modified
     * @return a new (N, D) matrix of values in [0, 1]
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        // TODO: s = sigmoid(x) element by element, stable for large |x| (see the class comment);
        //  keep it in the field output for backward and return a copy.
        // BEGIN SOLUTION
        output = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            if (v >= 0) {
                output.data[i] = 1 / (1 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                output.data[i] = e / (1 + e);
            }
        }
        return output.copy();
        // END SOLUTION
    }

    /**
     * @param gradOutput dy, the shape of the last output; not modified
     * @return dx, a new matrix of that shape
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (output == null) {
            throw new IllegalStateException("Sigmoid.backward called before forward");
        }
        Matrices.requireSameShape("output", output, "gradOutput", gradOutput);
        // TODO: dx = dy * s * (1 - s) with s the output of forward. A gradient check gives around 1e-10.
        // BEGIN SOLUTION
        DMatrixRMaj dx = new DMatrixRMaj(output.numRows, output.numCols);
        for (int i = 0; i < output.getNumElements(); i++) {
            double s = output.data[i];
            dx.data[i] = gradOutput.data[i] * s * (1 - s);
        }
        return dx;
        // END SOLUTION
    }
}
