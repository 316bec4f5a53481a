package dlkit.layers;

/**
 * Leaky ReLU: {@code y = x} where {@code x > 0}, {@code y = slope * x} elsewhere. The small slope
 * on the negative side keeps a gradient flowing through units that ReLU would switch off for good.
 *
 * <p>Derivative: 1 where {@code x > 0}, {@code slope} where {@code x <= 0} (at exactly 0 the
 * function has a kink; like PyTorch the kit takes {@code slope} there). Conventions, as
 * {@code torch.nn.LeakyReLU}: default negative slope 0.01. Works element-wise on any shape.
 *
 * <p>The forward and backward passes over the matrix are done for you by
 * {@link ElementwiseLayer}, read it first: you write f and f' for one number.
 */
public final class LeakyReLU extends ElementwiseLayer {

    private final double slope;

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

    /** {@code x > 0 ? x : slope * x} for one element. */
    @Override
    protected double apply(double x) {
        // TODO: the leaky ReLU of one number.
        throw new UnsupportedOperationException("not implemented yet: LeakyReLU.apply");
    }

    /** The derivative at the input x: 1 where x &gt; 0, slope elsewhere (slope at exactly 0, as PyTorch). */
    @Override
    protected double derivative(double x, double y) {
        // TODO: the local derivative at the remembered input x.
        throw new UnsupportedOperationException("not implemented yet: LeakyReLU.derivative");
    }
}
