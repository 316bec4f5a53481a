package dlkit.layers;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Leaky ReLU: {@code y = x} where {@code x > 0}, {@code y = slope * x} elsewhere. The small slope
 * on the negative side keeps a gradient flowing through units that ReLU would switch off for good.
 *
 * <p>Derivative: 1 where {@code x > 0}, {@code slope} where {@code x <= 0} (at exactly 0 the
 * function has a kink; like PyTorch the kit takes {@code slope} there). Conventions, as
 * {@code torch.nn.LeakyReLU}: default negative slope 0.01. Works element-wise on any shape.
 */
public final class LeakyReLU implements Layer {

    private final double slope;
    /** The input of the last forward, remembered for backward. */
    private DMatrixRMaj input;

    /** Leaky ReLU with PyTorch's default negative slope, 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: the slope must be finite but was " + slope);
        }
        this.slope = slope;
    }

    /** The negative slope. */
    public double slope() {
        return slope;
    }

    /**
     * {@code y = x > 0 ? x : slope * x}, element by element. Does not modify {@code x}; remembers
     * a copy of it for {@link #backward}.
     *
     * @param x the input, (N, D)
     * @return y, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        // TODO: remember x (a copy) and apply the leaky ReLU element by element.
        // BEGIN SOLUTION
        input = x.copy();
        return Matrices.map(x, v -> v > 0 ? v : slope * v);
        // END SOLUTION
    }

    /**
     * {@code dx = dy * (x > 0 ? 1 : slope)}, element by element, with x from the last
     * {@link #forward}. Does not modify {@code gradOutput}.
     *
     * @param gradOutput dL/dy, (N, D)
     * @return dL/dx, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException("LeakyReLU.backward called before forward");
        }
        Matrices.requireShape("gradOutput", gradOutput, "N, D", input.numRows, input.numCols);
        // TODO: multiply each upstream gradient by the local derivative at the remembered input.
        // BEGIN SOLUTION
        DMatrixRMaj dx = new DMatrixRMaj(input.numRows, input.numCols);
        for (int i = 0; i < dx.getNumElements(); i++) {
            dx.data[i] = input.data[i] > 0 ? gradOutput.data[i] : slope * gradOutput.data[i];
        }
        return dx;
        // END SOLUTION
    }
}
