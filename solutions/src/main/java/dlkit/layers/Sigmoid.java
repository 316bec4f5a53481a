package dlkit.layers;

/**
 * The logistic sigmoid, element by element, squashing any number into (0, 1):
 * <pre>
 *   forward:   s = 1 / (1 + exp(-x))
 *   backward:  dx = dy * s * (1 - s)      (the derivative written with the output s)
 * </pre>
 * Computed without overflow for any x: for x &lt; 0 use the equal form exp(x) / (1 + exp(x)),
 * whose exp cannot overflow, so s(1000) = 1 and s(-1000) = 0, never NaN. Any shape (N, D).
 *
 * <p>The forward and backward passes over the matrix are done for you by
 * {@link ElementwiseLayer}, read it first: you write f and f' for one number.
 */
public final class Sigmoid extends ElementwiseLayer {

    /** s = sigmoid(x) for one element, in [0, 1], stable for large |x|. */
    @Override
    protected double apply(double x) {
        // TODO: sigmoid(x), stable for large |x| (see the class comment).
        // BEGIN SOLUTION
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
        // END SOLUTION
    }

    /** The derivative s (1 - s), written with the output s = y. A gradient check gives around 1e-10. */
    @Override
    protected double derivative(double x, double s) {
        // TODO: s * (1 - s) with s the output of forward.
        // BEGIN SOLUTION
        return s * (1 - s);
        // END SOLUTION
    }
}
