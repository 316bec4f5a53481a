package dlkit.nets;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * 2-D max pooling, forward and backward: each channel of each image, on its own, is covered by
 * K x K windows S apart, and each window gives its largest value.
 * <pre>
 *   out[c][i][j] = max over u, v in 0..K-1 of  x[c][i*S + u][j*S + v]
 *   OH = floor((H - K) / S) + 1,   OW = floor((W - K) / S) + 1      (no padding)
 * </pre>
 * Backward: a maximum is a selection, so each {@code dY[c][i][j]} goes, whole, to the one input
 * the window selected, and to no other; an input selected by several overlapping windows
 * (S < K) gets the sum of their dY.
 *
 * <p>Ties, PyTorch's rule: the selected input is the FIRST maximum of the window in row-major
 * order (u, then v): a later element must be strictly larger to take its place. This is what
 * {@code torch.nn.functional.max_pool2d(x, K, S)} does on the CPU ({@code return_indices=True}
 * shows the index); its backward sends each window's dY to that index only.
 *
 * <p>Layout as {@link Conv2d}'s: images (N, C*H*W), pixel (c, h, w) at column
 * {@code c*H*W + h*W + w}; the output (N, C*OH*OW), (c, i, j) at column {@code c*OH*OW + i*OW + j}.
 * PyTorch's {@code max_pool2d(x.reshape(N, C, H, W), K, S).reshape(N, -1)}.
 */
public final class MaxPool2d {

    private final int kernel;
    private final int stride;
    /** The last forward pass's input and its size, which backward needs to find each window's maximum again. */
    private DMatrixRMaj input;
    private int channels;
    private int height;
    private int width;

    /**
     * @param kernel K >= 1, the window's height and width
     * @param stride S >= 1, in both directions (PyTorch's default is S = K)
     */
    public MaxPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("MaxPool2d: need K, S >= 1 but got K = " + kernel + ", S = " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    /**
     * The output size along one direction, {@code floor((inputSize - K) / S) + 1}.
     *
     * @throws IllegalArgumentException if the window is larger than the input
     */
    public int outputSize(int inputSize) {
        if (inputSize < kernel) {
            throw new IllegalArgumentException("MaxPool2d: window " + kernel + " > input " + inputSize);
        }
        return (inputSize - kernel) / stride + 1;
    }

    /**
     * The largest value of each window.
     *
     * @param x        (N, C*H*W) images in the layout above; not modified (a copy is kept for backward)
     * @param channels C
     * @param height   H >= K
     * @param width    W >= K
     * @return a new (N, C*OH*OW) matrix
     */
    public DMatrixRMaj forward(DMatrixRMaj x, int channels, int height, int width) {
        if (channels < 1) {
            throw new IllegalArgumentException("MaxPool2d: need C >= 1 but got " + channels);
        }
        Matrices.requireShape("x", x, "N, C*H*W", Matrices.ANY, channels * height * width);
        int outH = outputSize(height);
        int outW = outputSize(width);
        input = x.copy();
        this.channels = channels;
        this.height = height;
        this.width = width;
        // TODO: for every image n, channel c and window (i, j), write the largest
        //  x[n][c][i*S + u][j*S + v] over u, v in 0..K-1 to out[n][c][i][j].
        //  Hint: column (c*H + h)*W + w of x, (c*OH + i)*OW + j of the output, as in Conv2d.
        throw new UnsupportedOperationException("not implemented yet: MaxPool2d.forward");
    }

    /**
     * dX given dY for the last {@link #forward} pass: each dY to the first maximum of its window.
     *
     * @param gradOutput dY, (N, C*OH*OW) of the last forward pass; not modified
     * @return dX, a new (N, C*H*W) matrix, zero where no window selected the input
     */
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException("MaxPool2d.backward called before forward");
        }
        int outH = outputSize(height);
        int outW = outputSize(width);
        Matrices.requireShape("gradOutput", gradOutput, "N, C*OH*OW", input.numRows, channels * outH * outW);
        // TODO: for every window, find the column of its FIRST maximum in row-major order (u, then
        //  v; replace the candidate only by a STRICTLY larger value) and add the window's dY to dX
        //  there. ADD, do not set: with S < K one input can be the maximum of two windows.
        //  Not to every element equal to the maximum, not to the last one, not dY / K^2 to each.
        //  A gradient check passes (about 1e-10) on inputs without ties; at a tie the maximum
        //  has no derivative and the numeric gradient splits the difference.
        throw new UnsupportedOperationException("not implemented yet: MaxPool2d.backward");
    }
}
