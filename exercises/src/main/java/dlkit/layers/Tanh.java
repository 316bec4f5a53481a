package dlkit.layers;

/**
 * The hyperbolic tangent, element by element, squashing any number into (-1, 1):
 * <pre>
 *   forward:   y = tanh(x)
 *   backward:  dx = dy * (1 - y^2)       (the derivative written with the output y)
 * </pre>
 * Any shape (N, D).
 *
 * <p>The forward and backward passes over the matrix are done for you by
 * {@link ElementwiseLayer}, read it first: you write f and f' for one number.
 */
public final class Tanh extends ElementwiseLayer {

    /** tanh(x) for one element, in [-1, 1]. */
    @Override
    protected double apply(double x) {
        // TODO: tanh(x) (Math.tanh).
        throw new UnsupportedOperationException("not implemented yet: Tanh.apply");
    }

    /** The derivative 1 - y^2, written with the OUTPUT y (not the input). A gradient check gives around 1e-10. */
    @Override
    protected double derivative(double x, double y) {
        // TODO: 1 - y^2 with y the output of forward.
        throw new UnsupportedOperationException("not implemented yet: Tanh.derivative");
    }
}
