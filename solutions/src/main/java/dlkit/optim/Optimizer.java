package dlkit.optim;

/**
 * What every optimiser of the kit does, as {@code torch.optim} optimisers do: it is built with
 * the parameters it trains, and each {@link #step()} updates them from their gradients.
 */
public interface Optimizer {

    /**
     * Updates every parameter that is not frozen from its current gradient. Modifies the
     * parameters' values and the optimiser's own state; gradients are read, not modified.
     */
    void step();

    /** Sets the gradient of every parameter to zero; call it before each backward pass. */
    void zeroGrad();

    /** The learning rate the next {@link #step()} uses. */
    double learningRate();

    /** Changes the learning rate for the following steps (learning-rate schedules use this). */
    void setLearningRate(double learningRate);
}
