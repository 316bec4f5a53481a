package dlkit.experiments;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Vanishing and exploding gradients, measured: the size of each layer's weight gradient in a
 * deep network after one backward pass.
 * <pre>
 *   network:   x -&gt; Dense_1 -&gt; act -&gt; Dense_2 -&gt; act -&gt; ... -&gt; Dense_L -&gt; act      (all width n)
 *   loss:      the sum of the outputs, so dL/d(output) is a matrix of ones
 *   measure:   ||dL/dW_k||_F = sqrt(sum_ij (dL/dW_k)_ij^2)  for k = 1 (first, nearest the input) .. L
 * </pre>
 * Backpropagation multiplies the gradient, on its way from layer L down to layer 1, by each
 * layer's weights and by the activation's derivative. With sigmoid, whose derivative is at most
 * 1/4, and weights of standard deviation 1/sqrt(n) (LeCun's, and Glorot's for square layers) each
 * layer shrinks it about fourfold: after 10 layers the first layer hardly learns (vanishing).
 * With tanh and large weights (standard deviation 5/sqrt(n)) each layer multiplies it by more than 1
 * and the first layer's gradient is the largest (exploding); clipping by the global norm caps
 * the step. ReLU with He's weights (standard deviation sqrt(2/n)) keeps the sizes of the same
 * order across layers, which is why it made deep networks trainable.
 */
public final class GradientNorms {

    private GradientNorms() {}

    /**
     * A deep square network: {@code depth} times a Dense layer (width -&gt; width) followed by a
     * fresh activation from {@code activation}.
     * Order of random draws, which the tests rely on: layer 1's weights first, then layer 2's, and
     * so on; within a layer, row by row ({@code W.data} in order), each weight
     * {@code weightStd * rng.nextGaussian()}. Biases are zero.
     *
     * @param depth      L &gt;= 1 Dense layers
     * @param width      n &gt;= 1 units in every layer
     * @param weightStd  the standard deviation of the weights
     * @param activation makes one activation layer per call, e.g. {@code Sigmoid::new}
     * @param rng        the only source of randomness
     * @return a new network of 2L layers: Dense, activation, Dense, activation, ...
     */
    public static Sequential deepNetwork(int depth, int width, double weightStd, Supplier<Layer> activation,
                                         RandomGenerator rng) {
        if (depth < 1 || width < 1) {
            throw new IllegalArgumentException("deepNetwork: need depth >= 1 and width >= 1 but got depth = "
                    + depth + ", width = " + width);
        }
        // TODO: for each of the depth layers: a (width, width) weight matrix filled in data order
        //  with weightStd * rng.nextGaussian(), a zero (1, width) bias, new Dense(w, b), then
        //  activation.get(). Return them as one Sequential.
        throw new UnsupportedOperationException("not implemented yet: GradientNorms.deepNetwork");
    }

    /**
     * The Frobenius norm {@code ||m||_F = sqrt(sum_ij m_ij^2)}.
     *
     * @param m any shape; not modified
     */
    public static double frobeniusNorm(DMatrixRMaj m) {
        Matrices.requireShape("m", m, "R, C", Matrices.ANY, Matrices.ANY);
        // TODO: the square root of the sum of the squared entries.
        throw new UnsupportedOperationException("not implemented yet: GradientNorms.frobeniusNorm");
    }

    /**
     * One forward and backward pass of the loss "sum of the outputs", and the Frobenius norm of
     * each Dense layer's weight gradient.
     *
     * <p>Modifies the gradients of every parameter of {@code net} (they are set to zero first, so
     * the result does not depend on earlier calls); the weights are not modified.
     *
     * @param net a network whose Dense layers are direct members of {@link Sequential#layers()}
     * @param x   the input batch, (N, D); not modified
     * @return one norm per Dense layer, in layer order: entry 0 is the FIRST layer (nearest the
     *         input), the last entry the layer nearest the output
     */
    public static double[] weightGradientNorms(Sequential net, DMatrixRMaj x) {
        // TODO: zero every parameter's gradient (net.parameters()), y = net.forward(x), then
        //  net.backward(a matrix of ones shaped like y); then, for each layer of net.layers() that
        //  is a Dense (instanceof), the Frobenius norm of its weight().grad(), first layer first.
        throw new UnsupportedOperationException("not implemented yet: GradientNorms.weightGradientNorms");
    }
}
