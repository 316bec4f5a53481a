package dlkit.layers;

/**
 * The rectified linear unit, element by element:
 * <pre>
 *   forward:   y = max(0, x)
 *   backward:  dx = dy where x &gt; 0, and 0 where x &lt;= 0
 * </pre>
 * ReLU has no derivative at exactly 0; the kit takes 0 there, as PyTorch does. Any shape (N, D).
 *
 * <p>The forward and backward passes over the matrix are done for you by
 * {@link ElementwiseLayer}, read it first: you write f and f' for one number.
 */
public final class ReLU extends ElementwiseLayer {

    /** {@code max(0, x)} for one element. */
    @Override
    protected double apply(double x) {
        // TODO: max(0, x).
        throw new UnsupportedOperationException("not implemented yet: ReLU.apply");
    }

    /** The derivative at the input x: 1 where x &gt; 0, 0 elsewhere (0 at exactly 0, as PyTorch). */
    @Override
    protected double derivative(double x, double y) {
        // TODO: 1 where the input was positive, 0 elsewhere.
        throw new UnsupportedOperationException("not implemented yet: ReLU.derivative");
    }
}
