package dlkit.nets;

import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.init.Initializers;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.ReLU;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A small convolutional network for the 8x8 digits ({@link Digits}), built from your own
 * {@link Conv2d}, {@link ReLU}, {@link MaxPool2d} and {@link Dense}:
 * <pre>
 *   x (N, 64), one channel of 8x8 (row by row, as Digits stores it)
 *   -> Conv2d(1 -> FILTERS, KERNEL x KERNEL, stride 1, padding 1)   (N, FILTERS*8*8)
 *   -> ReLU
 *   -> MaxPool2d(POOL, stride POOL)                                 (N, FILTERS*4*4)
 *   -> Dense(FILTERS*4*4, 10)                                       logits (N, 10)
 * </pre>
 * The pooled (N, FILTERS*4*4) matrix goes into the dense layer as it is: flattening a
 * (FILTERS, 4, 4) tensor row by row is the layout the kit already uses, PyTorch's
 * {@code nn.Flatten()}. Backward runs the four parts in reverse, each with the gradient the
 * next one returned.
 *
 * <p>The grading builds the network with {@link #build}, trains it with your
 * {@code DigitClassifier.train} (the capstone's recipe: Adam, the cosine schedule, mini-batches,
 * the L2 penalty on every parameter named "weight", early stopping) for at most
 * {@link DigitClassifier#MAX_EPOCHS} epochs on the training and validation parts, and scores the
 * accuracy on the test part, which your code never sees, in bands: at least 0.92 full marks, at
 * least 0.90 and at least 0.80 part of them. The graded digits come with their classes renumbered
 * and the images turned or mirrored, drawn for each grading run: a convolution learns them as
 * well as the plain ones. The reference on 200 seeds: test accuracy min
 * 0.9306, 5th percentile 0.9417, mean 0.9537 (below the capstone's dense network, 0.9716: one
 * convolution of 8 filters and a linear layer is a small network). When a band is missed, the
 * grading checks your parts one by one against the reference and names the first that differs.
 */
public final class DigitCnn implements Layer {

    /** Filters (output channels) of the convolution. */
    public static final int FILTERS = 8;
    /** The convolution's kernel is KERNEL x KERNEL, with padding (KERNEL - 1) / 2, so it keeps 8x8. */
    public static final int KERNEL = 3;
    /** The pooling window, POOL x POOL, and its stride. */
    public static final int POOL = 2;
    /** The image's side. */
    public static final int SIDE = 8;
    /** The pooled image's side, SIDE / POOL. */
    public static final int POOLED = SIDE / POOL;

    private final Conv2d conv;
    private final ReLU relu = new ReLU();
    private final MaxPool2d pool;
    private final Dense dense;

    /**
     * The network of the class comment from its parts, kept (not copied): training modifies them.
     *
     * @param conv  1 input channel, FILTERS filters of KERNEL x KERNEL, stride 1, padding (KERNEL - 1) / 2
     * @param pool  a POOL x POOL window with stride POOL
     * @param dense FILTERS*POOLED*POOLED inputs, 10 outputs
     */
    public DigitCnn(Conv2d conv, MaxPool2d pool, Dense dense) {
        Matrices.requireShape("dense weight", dense.weight().value(), "FILTERS*POOLED*POOLED, 10",
                conv.filters() * POOLED * POOLED, Digits.CLASSES);
        this.conv = conv;
        this.pool = pool;
        this.dense = dense;
    }

    /**
     * A new, untrained network: the convolution's and the dense layer's weights He normal
     * ({@code Initializers.heNormal}, fan-in KERNEL*KERNEL and FILTERS*POOLED*POOLED), the biases
     * zero.
     *
     * @param rng draws the weights: first the convolution's, then the dense layer's
     */
    public static DigitCnn build(RandomGenerator rng) {
        // TODO: a Conv2d of FILTERS filters over 1 channel (its weight is (FILTERS, KERNEL*KERNEL):
        //  heNormal gives (fanIn, fanOut), so transpose it), a MaxPool2d, and a Dense layer to
        //  Digits.CLASSES outputs.
        //  Hint: CommonOps_DDRM.transpose(m, null) returns a new transposed matrix.
        // BEGIN SOLUTION
        DMatrixRMaj convWeight = CommonOps_DDRM.transpose(Initializers.heNormal(KERNEL * KERNEL, FILTERS, rng), null);
        Conv2d conv = new Conv2d(1, KERNEL, KERNEL, 1, (KERNEL - 1) / 2, convWeight, new DMatrixRMaj(1, FILTERS));
        int flat = FILTERS * POOLED * POOLED;
        Dense dense = new Dense(Initializers.heNormal(flat, Digits.CLASSES, rng), new DMatrixRMaj(1, Digits.CLASSES));
        return new DigitCnn(conv, new MaxPool2d(POOL, POOL), dense);
        // END SOLUTION
    }

    /**
     * The logits of a batch of digits.
     *
     * @param x (N, 64) images; not modified
     * @return a new (N, 10) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        // TODO: conv (1 channel of SIDE x SIDE), ReLU, pool (FILTERS channels of SIDE x SIDE), dense.
        // BEGIN SOLUTION
        DMatrixRMaj features = relu.forward(conv.forward(x, SIDE, SIDE));
        return dense.forward(pool.forward(features, conv.filters(), SIDE, SIDE));
        // END SOLUTION
    }

    /**
     * The backward pass of the last {@link #forward}: fills the gradients of the convolution's
     * and the dense layer's parameters (ADDED, as each part does).
     *
     * @param gradOutput dL/d(logits), (N, 10); not modified
     * @return dL/dx, a new (N, 64) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        // TODO: the four backward passes in reverse order.
        // BEGIN SOLUTION
        return conv.backward(relu.backward(pool.backward(dense.backward(gradOutput))));
        // END SOLUTION
    }

    /** The convolution's weight and bias, then the dense layer's. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(conv.parameters());
        all.addAll(dense.parameters());
        return all;
    }

    /** The convolution. */
    public Conv2d conv() {
        return conv;
    }

    /** The pooling. */
    public MaxPool2d pool() {
        return pool;
    }

    /** The dense layer. */
    public Dense dense() {
        return dense;
    }
}
