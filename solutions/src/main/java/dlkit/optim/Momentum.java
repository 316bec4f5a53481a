package dlkit.optim;

import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Stochastic gradient descent with momentum, and its Nesterov variant: a velocity {@code v}
 * accumulates past gradients, so steps grow along directions the gradient keeps pointing to and
 * cancel where it flips sign.
 *
 * <p>For each parameter {@code w} with gradient {@code g}, at every step:
 * <pre>
 *   v = mu * v + g                         (v starts at 0, so after the first step v = g)
 *   classical: w = w - lr * v
 *   Nesterov:  w = w - lr * (g + mu * v)    (looks ahead: the gradient plus the NEW velocity)
 * </pre>
 * Convention, as {@code torch.optim.SGD(params, lr, momentum=mu, nesterov=...)} with dampening 0:
 * the learning rate multiplies the velocity when the weights move, it is not inside the velocity.
 * Other courses write it differently: CS231n {@code v = mu * v - lr * g; w = w + v}, Coursera
 * (Ng) the averaged {@code v = beta * v + (1 - beta) * g; w = w - lr * v}. CS231n's gives the same
 * weights as this one only while the learning rate is constant (its v is -lr times ours); with a
 * schedule changing lr, old gradients keep their old lr there and take the new lr here. Coursera's
 * is this one with lr scaled by (1 - beta).
 *
 * <p>The loop over the parameters is done for you by {@link OptimizerBase}: it skips frozen
 * parameters (they keep their velocity) and gives each parameter its own state. You write the
 * rule, {@link #update}.
 */
public final class Momentum extends OptimizerBase {

    /** The name of the velocity v in each parameter's {@link ParameterState}. */
    private static final String VELOCITY = "velocity";

    private final double momentum;
    private final boolean nesterov;

    /**
     * @param params       the parameters to train; the list is copied, the parameters are not
     * @param learningRate lr >= 0
     * @param momentum     mu in [0, 1); 0 gives plain gradient descent
     * @param nesterov     true for Nesterov's look-ahead form
     */
    public Momentum(List<Parameter> params, double learningRate, double momentum, boolean nesterov) {
        super(params, learningRate);
        if (!(learningRate >= 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Momentum: need lr >= 0 and 0 <= momentum < 1 but got lr = "
                    + learningRate + ", momentum = " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /**
     * The rule on one parameter; the loop over the parameters that are not frozen is done for
     * you by {@link OptimizerBase#step()}. Modifies {@code w} and the velocity
     * {@code s.buffer(VELOCITY)}; {@code dw} is not modified.
     *
     * @param w  the parameter's values, (any shape), MODIFIED in place
     * @param dw its gradient g, (the shape of w); not modified
     * @param s  this parameter's state: keep v in {@code s.buffer(VELOCITY)} (zeros at first)
     */
    @Override
    protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {
        // TODO: update the velocity v = mu * v + g, then move the value by lr * v, or with
        //  Nesterov by lr * (g + mu * v) using the updated v. Work element by element on .data;
        //  lr is learningRate(). Hint: with mu = 0 both forms are plain gradient descent.
        // BEGIN SOLUTION
        double lr = learningRate();
        double[] v = s.buffer(VELOCITY).data;
        for (int i = 0; i < w.getNumElements(); i++) {
            v[i] = momentum * v[i] + dw.data[i];
            double direction = nesterov ? dw.data[i] + momentum * v[i] : v[i];
            w.data[i] -= lr * direction;
        }
        // END SOLUTION
    }

    /** The velocity v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj velocity(Parameter p) {
        return state(p).buffer(VELOCITY);
    }
}
