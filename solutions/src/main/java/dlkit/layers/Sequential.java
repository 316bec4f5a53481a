package dlkit.layers;

import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Layers applied one after the other, as one layer: a multilayer network.
 * <pre>
 *   forward:   y = f_K( ... f_2(f_1(x)))          each layer's output is the next one's input
 *   backward:  the chain rule, last layer first:  g = f_K.backward(dy), then f_{K-1}.backward(g), ...
 * </pre>
 * Each layer remembers what its own backward pass needs, so backward only has to pass the
 * gradient down in reverse order. Parameters are those of the layers, in layer order.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;

    /** The layers, first applied first. */
    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    /** The layers, first applied first; the list is copied. */
    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential: need at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    /** The layers, first applied first; unmodifiable. */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Passes {@code x} through every layer in order.
     *
     * @param x (N, D_in) of the first layer; not modified
     * @return the last layer's output, a new matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        // TODO: feed x to the first layer, its output to the second, and so on; return the last output.
        // BEGIN SOLUTION
        DMatrixRMaj out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
        // END SOLUTION
    }

    /**
     * Backpropagates through every layer, last first; each layer ADDS its parameters' gradients.
     *
     * @param gradOutput dL/d(output of the last layer); not modified
     * @return dL/d(input of the first layer), a new matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        // TODO: give gradOutput to the LAST layer's backward, its result to the layer before, and
        //  so on down to the first layer; return what the first layer returns.
        // BEGIN SOLUTION
        DMatrixRMaj grad = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            grad = layers.get(i).backward(grad);
        }
        return grad;
        // END SOLUTION
    }

    /** Every layer's parameters, layer by layer in order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return List.copyOf(all);
    }

    /** Switches every layer between training and inference. */
    @Override
    public void setTraining(boolean training) {
        layers.forEach(layer -> layer.setTraining(training));
    }
}
