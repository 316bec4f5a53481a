package dlkit.core;

import org.ejml.data.DMatrixRMaj;

/**
 * A trainable tensor and its gradient, as optimisers see it: layers fill {@link #grad} in their
 * backward pass, optimisers read it and modify {@link #value} in place.
 *
 * <p>A parameter whose {@link #isFrozen()} is true is skipped by every optimiser: its value stays
 * unchanged bit for bit (used for transfer learning).
 */
public final class Parameter {
    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;
    private boolean frozen;

    /** Wraps {@code value} (kept, not copied) with a zero gradient of the same shape. */
    public Parameter(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
    }

    public String name() {
        return name;
    }

    /** The values, modified in place by optimisers. */
    public DMatrixRMaj value() {
        return value;
    }

    /** The gradient of the loss with respect to {@link #value()}, same shape; written by backward passes. */
    public DMatrixRMaj grad() {
        return grad;
    }

    public boolean isFrozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** Sets every element of the gradient to zero. */
    public void zeroGrad() {
        grad.zero();
    }

    @Override
    public String toString() {
        return name + " (" + value.numRows + ", " + value.numCols + ")" + (frozen ? " frozen" : "");
    }
}
