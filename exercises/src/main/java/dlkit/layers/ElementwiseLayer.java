package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * What every element-wise activation shares, written once (given code: read it, you do not
 * write it): a function {@code y = f(x)} applied to each element on its own, and its backward
 * pass {@code dx = dy * f'(x)}, element by element.
 * <pre>
 *   forward:   y[i] = apply(x[i])                       for every element i
 *   backward:  dx[i] = dy[i] * derivative(x[i], y[i])   with x and y of the last forward
 * </pre>
 * The base checks the shapes, keeps a copy of the last input and the output for the backward
 * pass, and makes the new matrices; an activation writes only {@link #apply} and
 * {@link #derivative}, for one number each. The derivative gets both the input x and the output
 * y, so it can be written the textbook way: the logistic's as {@code y (1 - y)}, the
 * rectifier's from the sign of x. Any shape (N, D).
 */
public abstract class ElementwiseLayer implements Layer {

    /** The input and output of the last forward pass, kept for backward. */
    private DMatrixRMaj input;
    private DMatrixRMaj output;

    /** f(x) for one element. */
    protected abstract double apply(double x);

    /**
     * The derivative f'(x) for one element, dy/dx, where {@code y = apply(x)}.
     *
     * @param x the element of the input of the last forward pass
     * @param y the element of its output at the same place, {@code apply(x)}
     */
    protected abstract double derivative(double x, double y);

    /**
     * {@code y = f(x)} element by element. Does not modify {@code x}; keeps a copy of it and of
     * y for {@link #backward}.
     *
     * @param x (N, D); not modified
     * @return y, a new (N, D) matrix
     */
    @Override
    public final DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        input = x.copy();
        output = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            output.data[i] = apply(x.data[i]);
        }
        return output.copy();
    }

    /**
     * {@code dx = dy * f'(x)} element by element, with x and y of the last {@link #forward}.
     * Does not modify {@code gradOutput}.
     *
     * @param gradOutput dy, the shape of the last input; not modified
     * @return dx, a new matrix of that shape
     */
    @Override
    public final DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ".backward called before forward");
        }
        Matrices.requireSameShape("input", input, "gradOutput", gradOutput);
        DMatrixRMaj dx = new DMatrixRMaj(input.numRows, input.numCols);
        for (int i = 0; i < dx.getNumElements(); i++) {
            dx.data[i] = gradOutput.data[i] * derivative(input.data[i], output.data[i]);
        }
        return dx;
    }
}
