package dlkit.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * A scalar function of a matrix of weights together with its gradient: what gradient descent
 * needs to minimise it. Implementations: {@link Quadratic} and {@link LinearRegression}.
 *
 * <p>Neither method modifies {@code w}.
 */
public interface DifferentiableFunction {

    /** f(w). */
    double value(DMatrixRMaj w);

    /** The gradient df/dw, a new matrix of the shape of {@code w}. */
    DMatrixRMaj gradient(DMatrixRMaj w);
}
