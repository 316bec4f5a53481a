package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.LayerNorm;
import dlkit.layers.ReLU;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One Transformer encoder block, POST-norm as in Vaswani et al. (2017) and PyTorch's default
 * ({@code norm_first=False}): each sub-layer's output is added to its input (the residual
 * connection) and the sum is normalised.
 * <pre>
 *   S = LayerNorm1(X + SelfAttention(X))                         (T, d_model)
 *   Y = LayerNorm2(S + Linear2(ReLU(Linear1(S))))                 (T, d_model)
 * </pre>
 * Linear1 is (d_model, d_ff) and Linear2 (d_ff, d_model): the position-wise feed-forward layer,
 * applied to each row (position) on its own. A pre-norm block ({@code norm_first=True},
 * {@code S = X + SelfAttention(LayerNorm1(X))}) is another network and not this one.
 *
 * <p>Backward follows the sums: at {@code U = X + SelfAttention(X)} the gradient dU reaches X
 * twice, directly (the residual) and through the attention's backward, and the two add up; the
 * same at {@code S + FeedForward(S)}.
 *
 * <p>Shapes: X is one sequence, (T, d_model), as for {@link MultiHeadAttention}; a batch is a
 * loop. No mask (PyTorch's {@code src_mask=None}); dropout 0. The model's input is usually token
 * embeddings plus {@link SinusoidalPositions#encodings}, added once before the first block.
 *
 * <p>Relation to {@code torch.nn.TransformerEncoderLayer(d_model, h, dim_feedforward=d_ff,
 * dropout=0, activation="relu", batch_first=True, norm_first=False)}: {@code self_attn} maps to a
 * {@link MultiHeadAttention} as that class says, {@code linear1.weight = W1^T},
 * {@code linear2.weight = W2^T}, {@code norm1} and {@code norm2} to {@link LayerNorm}s with
 * PyTorch's eps 1e-5.
 *
 * <p>The block is made of parts given to it, so it is only the composition: built with
 * {@link #of} it runs on your own MultiHeadAttention, LayerNorm, Dense and ReLU (the golden test
 * and most public tests do that, so they need those parts done); one public test gives it stand-in
 * parts written in the test. The hidden tests give it the reference's parts, so a mistake in a part
 * costs points in that part's exercise only, and this exercise grades the residuals and the order.
 */
public final class TransformerEncoderBlock implements Layer {

    private final Layer attention;
    private final Layer norm1;
    private final Layer linear1;
    private final Layer activation;
    private final Layer linear2;
    private final Layer norm2;

    /**
     * A block of these parts, kept (not copied). Each maps (T, width) to (T, width) as the class
     * comment says: attention, norm1, linear2 and norm2 keep d_model; linear1 gives d_ff, which
     * activation keeps.
     */
    public TransformerEncoderBlock(Layer attention, Layer norm1, Layer linear1, Layer activation, Layer linear2,
                                   Layer norm2) {
        this.attention = require("attention", attention);
        this.norm1 = require("norm1", norm1);
        this.linear1 = require("linear1", linear1);
        this.activation = require("activation", activation);
        this.linear2 = require("linear2", linear2);
        this.norm2 = require("norm2", norm2);
    }

    /**
     * The block of PyTorch's layer: this attention, two new {@link LayerNorm}s (gamma 1, beta 0,
     * eps 1e-5), {@code linear1}, a {@link ReLU} and {@code linear2}.
     *
     * @param attention its self-attention, d_model wide
     * @param linear1   (d_model, d_ff)
     * @param linear2   (d_ff, d_model)
     */
    public static TransformerEncoderBlock of(MultiHeadAttention attention, Dense linear1, Dense linear2) {
        int d = attention.modelSize();
        Matrices.requireShape("linear1's weight", linear1.weight().value(), "d_model, d_ff", d, Matrices.ANY);
        Matrices.requireShape("linear2's weight", linear2.weight().value(), "d_ff, d_model",
                linear1.weight().value().numCols, d);
        return new TransformerEncoderBlock(attention, new LayerNorm(d), linear1, new ReLU(), linear2, new LayerNorm(d));
    }

    /** The parameters of attention, norm1, linear1, activation, linear2 and norm2, in that order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer part : List.of(attention, norm1, linear1, activation, linear2, norm2)) {
            all.addAll(part.parameters());
        }
        return all;
    }

    /**
     * {@code Y} of the class comment, through the parts' forward passes. Does not modify {@code x}.
     *
     * @param x (T, d_model)
     * @return Y, a new (T, d_model) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "T, d_model", Matrices.ANY, Matrices.ANY);
        // TODO: S = norm1(X + attention(X)), then Y = norm2(S + linear2(activation(linear1(S)))),
        //  each part's forward called once, in that order (each remembers its input for backward).
        //  Hint: CommonOps_DDRM.add(a, b, c) writes a + b into c; never add into x, it is not yours.
        throw new UnsupportedOperationException("not implemented yet: TransformerEncoderBlock.forward");
    }

    /**
     * The backward pass of the last {@link #forward}, through the parts' backward passes in
     * reverse order (each adds its parameters' gradients). Does not modify {@code gradOutput}.
     * <pre>
     *   dZ = norm2.backward(dY)                      Z = S + F
     *   dS = dZ + linear1.backward(activation.backward(linear2.backward(dZ)))
     *   dU = norm1.backward(dS)                      U = X + SelfAttention(X)
     *   dX = dU + attention.backward(dU)
     * </pre>
     *
     * @param gradOutput dL/dY, (T, d_model)
     * @return dL/dX, a new (T, d_model) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        Matrices.requireShape("gradOutput", gradOutput, "T, d_model", Matrices.ANY, Matrices.ANY);
        // TODO: the four lines above, each part's backward called once. A numeric gradient check
        //  of the whole block on a correct solution gives a relative error around 1e-8.
        throw new UnsupportedOperationException("not implemented yet: TransformerEncoderBlock.backward");
    }

    private static Layer require(String name, Layer part) {
        if (part == null) {
            throw new IllegalArgumentException("TransformerEncoderBlock: " + name + " is null");
        }
        return part;
    }
}
