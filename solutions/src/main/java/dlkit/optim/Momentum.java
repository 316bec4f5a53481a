package dlkit.optim;

import dlkit.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * is this one with lr scaled by (1 - beta). Frozen parameters are skipped and keep their velocity.
 */
public final class Momentum implements Optimizer {

    private final List<Parameter> params;
    private double learningRate;
    private final double momentum;
    private final boolean nesterov;

    /** Per parameter: the velocity v, (shape of the parameter), zero at the start. */
    private final Map<Parameter, DMatrixRMaj> velocity = new IdentityHashMap<>();

    /**
     * @param params       the parameters to train; the list is copied, the parameters are not
     * @param learningRate lr >= 0
     * @param momentum     mu in [0, 1); 0 gives plain gradient descent
     * @param nesterov     true for Nesterov's look-ahead form
     */
    public Momentum(List<Parameter> params, double learningRate, double momentum, boolean nesterov) {
        if (!(learningRate >= 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Momentum: need lr >= 0 and 0 <= momentum < 1 but got lr = "
                    + learningRate + ", momentum = " + momentum);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
        for (Parameter p : this.params) {
            velocity.put(p, new DMatrixRMaj(p.value().numRows, p.value().numCols));
        }
    }

    /**
     * One step for every parameter that is not frozen. Modifies each parameter's value and its
     * velocity; gradients are not modified.
     */
    @Override
    public void step() {
        // TODO: for each parameter that is not frozen, update its velocity v = mu * v + g, then
        //  move the value by lr * v, or with Nesterov by lr * (g + mu * v) using the updated v.
        //  Work element by element on .data. Hint: with mu = 0 both forms are plain gradient descent.
        // BEGIN SOLUTION
        for (Parameter p : params) {
            if (p.isFrozen()) {
                continue;
            }
            double[] w = p.value().data;
            double[] g = p.grad().data;
            double[] v = velocity.get(p).data;
            for (int i = 0; i < p.value().getNumElements(); i++) {
                v[i] = momentum * v[i] + g[i];
                double direction = nesterov ? g[i] + momentum * v[i] : v[i];
                w[i] -= learningRate * direction;
            }
        }
        // END SOLUTION
    }

    @Override
    public void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The velocity v of {@code p}, (shape of p); the optimiser's own state, not a copy. */
    public DMatrixRMaj velocity(Parameter p) {
        return velocity.get(p);
    }
}
