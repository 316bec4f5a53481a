package dlkit.optim;

import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Plain gradient descent: move every weight a small step against its gradient, the direction in
 * which the loss decreases fastest.
 * <pre>
 *   w = w - lr * g
 * </pre>
 * As {@code torch.optim.SGD} without momentum, dampening or weight decay. Whether the gradient
 * comes from one sample, a mini-batch or the whole data set is up to the caller: the step is
 * the same.
 *
 * <p>Two ways to use it: as an {@link Optimizer} on a network's {@link Parameter}s, or on a
 * {@link DifferentiableFunction} with {@link #minimize}, which records the whole path. As an
 * optimiser, the loop over the parameters (frozen ones skipped) is done for you by
 * {@link OptimizerBase}, read it first: you write the rule, {@link #update}.
 */
public final class GradientDescent extends OptimizerBase {

    /**
     * @param params       the parameters to train; the list is copied, the parameters are not
     * @param learningRate the step size lr, {@code >= 0}
     */
    public GradientDescent(List<Parameter> params, double learningRate) {
        super(params, learningRate);
        if (!(learningRate >= 0)) {
            throw new IllegalArgumentException("GradientDescent: need lr >= 0 but got lr = " + learningRate);
        }
    }

    /**
     * The rule {@code w = w - lr * dw} on one parameter; the loop over the parameters that are
     * not frozen is done for you by {@link OptimizerBase#step()}. Modifies {@code w} only.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient, (the shape of w); not modified
     * @param s  this parameter's state; plain gradient descent keeps none
     */
    @Override
    protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {
        // TODO: subtract lr times the gradient from the value, element by element on .data
        //  (or with CommonOps_DDRM.addEquals(w, -lr, dw)). lr is learningRate().
        throw new UnsupportedOperationException("not implemented yet: GradientDescent.update");
    }

    /**
     * Runs {@code steps} steps of gradient descent on {@code f} from {@code w0}:
     * {@code w_{k+1} = w_k - lr * gradient(w_k)}.
     *
     * @param f     the function to minimise
     * @param w0    the starting point, (any shape {@code f} accepts); not modified
     * @param lr    the step size, {@code >= 0}
     * @param steps the number of steps T, {@code >= 0}
     * @return the iterates w_0 (a copy of {@code w0}), w_1, ..., w_T, each a new matrix, and
     *         f at each of them: T + 1 entries
     */
    public static DescentHistory minimize(DifferentiableFunction f, DMatrixRMaj w0, double lr, int steps) {
        if (!(lr >= 0) || steps < 0) {
            throw new IllegalArgumentException("minimize: need lr >= 0 and steps >= 0 but got lr = " + lr
                    + ", steps = " + steps);
        }
        // TODO: start from a copy of w0; record it and f there; then, steps times, compute the
        //  gradient at the current point, take the step into a NEW matrix, and record it and its
        //  value. Hint: CommonOps_DDRM.add(w, -lr, g, next) computes next = w - lr * g.
        throw new UnsupportedOperationException("not implemented yet: GradientDescent.minimize");
    }
}
