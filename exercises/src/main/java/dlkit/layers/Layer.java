package dlkit.layers;

import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One stage of a network, as in every framework: a forward pass on a batch, and a backward pass
 * that turns the gradient of the loss with respect to the output into the gradient with respect
 * to the input, filling the gradients of the layer's parameters on the way.
 *
 * <p>Rows are samples: the input is (N, D_in) and the output (N, D_out).
 */
public interface Layer {

    /**
     * The output for a batch. Does not modify {@code x}; remembers what {@link #backward} needs.
     *
     * @param x the input, (N, D_in)
     * @return a new matrix, (N, D_out)
     */
    DMatrixRMaj forward(DMatrixRMaj x);

    /**
     * The backward pass of the most recent {@link #forward} call. Does not modify
     * {@code gradOutput}; ADDS each parameter's gradient into {@link Parameter#grad()} (gradients
     * accumulate, as in PyTorch: call {@code zeroGrad()} on the optimiser before each backward pass).
     *
     * @param gradOutput dL/d(output), (N, D_out)
     * @return dL/d(input), a new (N, D_in) matrix
     */
    DMatrixRMaj backward(DMatrixRMaj gradOutput);

    /** The trainable parameters, in a fixed order; empty for layers without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Switches between training (the default) and inference; only dropout and batch norm differ. */
    default void setTraining(boolean training) {}
}
