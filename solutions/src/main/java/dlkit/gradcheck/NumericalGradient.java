package dlkit.gradcheck;

import dlkit.core.Matrices;
import dlkit.layers.Layer;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Gradients by finite differences, the way to test any backward pass: nudge one input at a time
 * and watch the output move. The centred difference
 * <pre>
 *   df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)
 * </pre>
 * is wrong by about h^2 (the one-sided {@code (f(x + h e_i) - f(x)) / h} by about h), so with
 * h = 1e-5 a correct analytic gradient agrees to a relative error around 1e-10 to 1e-7; 1e-3
 * or more means a bug. Near a kink (ReLU at 0) no finite difference can be trusted.
 *
 * <p>This is the exercise; {@code dlkit.core.GradientCheck} is the kit's own copy of the same
 * maths, which the tests use, so your layers are checked even before this class works.
 */
public final class NumericalGradient {

    private NumericalGradient() {}

    /**
     * The centred-difference gradient of a scalar function.
     *
     * @param f a function of x; it must not modify its argument
     * @param x the point, (any shape); each element is nudged by +h and -h in turn and then set
     *          back to its saved value, so on return x holds exactly its original values
     * @param h the step, &gt; 0
     * @return a new matrix of the shape of x
     */
    public static DMatrixRMaj gradient(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj x, double h) {
        Matrices.requireShape("x", x, "any", Matrices.ANY, Matrices.ANY);
        if (!(h > 0)) {
            throw new IllegalArgumentException("NumericalGradient: need a step h > 0 but got h = " + h);
        }
        // TODO: for each index i of x.data: save x_i, evaluate f at x_i + h and at x_i - h,
        //  restore the saved value (do not compute x_i + h - h: rounding changes it), and store
        //  (plus - minus) / (2h).
        // BEGIN SOLUTION
        DMatrixRMaj grad = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double saved = x.data[i];
            x.data[i] = saved + h;
            double plus = f.applyAsDouble(x);
            x.data[i] = saved - h;
            double minus = f.applyAsDouble(x);
            x.data[i] = saved;
            grad.data[i] = (plus - minus) / (2 * h);
        }
        return grad;
        // END SOLUTION
    }

    /**
     * The numeric gradient with respect to a layer's input, what {@code layer.backward(upstream)}
     * must return: the gradient of the scalar {@code sum_ij forward(x)_ij * upstream_ij}.
     * Compare it with {@code backward} after a forward pass at the same x.
     *
     * @param layer    the layer; only its forward pass is called (many times)
     * @param x        the input, (N, D_in); restored on return as in {@link #gradient}
     * @param upstream dL/d(output), the shape of {@code layer.forward(x)}; not modified
     * @param h        the step, &gt; 0
     * @return a new (N, D_in) matrix
     * @throws IllegalArgumentException if {@code upstream}'s shape is not the layer output's
     */
    public static DMatrixRMaj inputGradient(Layer layer, DMatrixRMaj x, DMatrixRMaj upstream, double h) {
        // TODO: use gradient(...) with the function m -> sum of forward(m) * upstream, element by element.
        // BEGIN SOLUTION
        return gradient(m -> {
            DMatrixRMaj y = layer.forward(m);
            Matrices.requireSameShape("layer output", y, "upstream", upstream);
            double s = 0;
            for (int i = 0; i < y.getNumElements(); i++) {
                s += y.data[i] * upstream.data[i];
            }
            return s;
        }, x, h);
        // END SOLUTION
    }
}
