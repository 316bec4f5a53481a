package dlkit.core;

import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Numeric gradients by centred differences, to check an analytic gradient:
 * {@code df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)}.
 *
 * <p>How close to expect: with {@code h = 1e-5} on smooth functions of moderate size, the
 * relative error ({@link Matrices#relativeError(DMatrixRMaj, DMatrixRMaj)}) between a correct
 * analytic gradient and this one is around 1e-9 to 1e-7; 1e-3 or more means a bug. Near a kink
 * (ReLU at 0, |x| at 0) the numeric gradient is unreliable.
 */
public final class GradientCheck {

    /** The step the kit's tests use. */
    public static final double DEFAULT_STEP = 1e-5;

    private GradientCheck() {}

    /**
     * The numeric gradient of a scalar function at {@code x}.
     *
     * @param f the function; it must not modify its argument
     * @param x the point, (any shape); its elements are nudged one at a time and restored, so on
     *          return it holds exactly its original values
     * @param h the step
     * @return a new matrix of the shape of {@code x}
     */
    public static DMatrixRMaj numericGradient(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, double h) {
        DMatrixRMaj grad = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double old = x.data[i];
            x.data[i] = old + h;
            double plus = f.applyAsDouble(x);
            x.data[i] = old - h;
            double minus = f.applyAsDouble(x);
            x.data[i] = old;
            grad.data[i] = (plus - minus) / (2 * h);
        }
        return grad;
    }

    /** {@link #numericGradient(ToDoubleFunction, DMatrixRMaj, double)} with {@link #DEFAULT_STEP}. */
    public static DMatrixRMaj numericGradient(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x) {
        return numericGradient(f, x, DEFAULT_STEP);
    }

    /**
     * The numeric gradient of {@code sum(f(x) * upstream)} for a matrix-valued {@code f}: the
     * vector-Jacobian product a backward pass computes, so a layer's {@code backward(upstream)}
     * can be checked against it.
     *
     * @param f        the function, must not modify its argument
     * @param x        the point; restored on return
     * @param upstream the gradient flowing in from above, shape of {@code f(x)}; not modified
     */
    public static DMatrixRMaj numericGradient(java.util.function.Function<DMatrixRMaj, DMatrixRMaj> f,
                                              DMatrixRMaj x, DMatrixRMaj upstream) {
        return numericGradient(m -> {
            DMatrixRMaj y = f.apply(m);
            Matrices.requireSameShape("upstream", upstream, "f(x)", y);
            double s = 0;
            for (int i = 0; i < y.getNumElements(); i++) {
                s += y.data[i] * upstream.data[i];
            }
            return s;
        }, x, DEFAULT_STEP);
    }
}
