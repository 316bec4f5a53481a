package dlkit.layers;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A dense (fully connected) layer: every output is a weighted sum of every input plus a bias.
 * <pre>
 *   forward:   Y  = X W + b          X (N, D), W (D, M), b (1, M) added to every row, Y (N, M)
 *   backward:  dX = dY W^T           (N, D)
 *              dW = X^T dY           (D, M), ADDED into weight().grad()
 *              db = sum of dY's rows (1, M), ADDED into bias().grad()
 * </pre>
 * W is (inputs, outputs), so a row of samples multiplies it from the left. PyTorch's
 * {@code nn.Linear} stores the transpose, (outputs, inputs), and computes {@code x W^T + b}:
 * the same layer with the weight transposed.
 */
public final class Dense implements Layer {

    private final Parameter weight;
    private final Parameter bias;
    /** The input of the last forward pass, (N, D), which backward needs for dW. */
    private DMatrixRMaj input;

    /**
     * A layer with the given weight and bias, kept (not copied): training modifies them.
     *
     * @param weight W, (D, M)
     * @param bias   b, (1, M)
     */
    public Dense(DMatrixRMaj weight, DMatrixRMaj bias) {
        Matrices.requireShape("weight", weight, "D, M", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("bias", bias, "1, M", 1, weight.numCols);
        this.weight = new Parameter("weight", weight);
        this.bias = new Parameter("bias", bias);
    }

    /**
     * A layer from {@code inputs} to {@code outputs} units with weights drawn independently from
     * a normal distribution with standard deviation {@code 1/sqrt(inputs)}, row by row, and a
     * zero bias. (Better-founded initialisations, Glorot and He, are in {@code dlkit.init}.)
     */
    public static Dense create(int inputs, int outputs, RandomGenerator rng) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("Dense: need at least one input and one output but got "
                    + inputs + " -> " + outputs);
        }
        DMatrixRMaj w = new DMatrixRMaj(inputs, outputs);
        double std = 1 / Math.sqrt(inputs);
        for (int i = 0; i < w.getNumElements(); i++) {
            w.data[i] = std * rng.nextGaussian();
        }
        return new Dense(w, new DMatrixRMaj(1, outputs));
    }

    /** W, (D, M), and its gradient. */
    public Parameter weight() {
        return weight;
    }

    /** b, (1, M), and its gradient. */
    public Parameter bias() {
        return bias;
    }

    /** [weight, bias]. */
    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /**
     * {@code Y = X W + b}.
     *
     * @param x (N, D); not modified (a copy is kept for backward)
     * @return a new (N, M) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, weight.value().numRows);
        input = x.copy();
        // TODO: compute X W into a new (N, M) matrix, then add b to each of its rows.
        //  Hint: CommonOps_DDRM.mult(a, b, c) writes a b into c.
        int n = x.numRows, m = weight.value().numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(x, weight.value(), out);
        // broadcast the bias over the batch
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < m; col++) {
                out.set(row, col, out.get(row, col) + bias.value().get(0, col));
            }
        }
        return out;
    }

    /**
     * The gradients of {@code Y = X W + b} given {@code dY}: returns dX and ADDS dW and db into
     * the parameters' gradients.
     *
     * @param gradOutput dY, (N, M) with the N of the last forward pass; not modified
     * @return dX, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException("Dense.backward called before forward");
        }
        Matrices.requireShape("gradOutput", gradOutput, "N, M", input.numRows, weight.value().numCols);
        // TODO: add X^T dY into weight().grad() and the column sums of dY into bias().grad();
        //  return dY W^T. Each sample contributes to dW and db, so they SUM over the batch.
        //  Hint: CommonOps_DDRM.multAddTransA(a, b, c) does c += a^T b; multTransB(a, b, c) does c = a b^T.
        //  A gradient check on a correct layer gives a relative error around 1e-10.
        // dW += X^T dY  (summed over the batch), db += column sums of dY
        DMatrixRMaj dW = new DMatrixRMaj(weight.value().numRows, weight.value().numCols);
        CommonOps_DDRM.multTransA(input, gradOutput, dW);
        CommonOps_DDRM.addEquals(weight.grad(), dW);
        for (int col = 0; col < gradOutput.numCols; col++) {
            double s = 0;
            for (int row = 0; row < gradOutput.numRows; row++) {
                s += gradOutput.get(row, col);
            }
            bias.grad().set(0, col, bias.grad().get(0, col) + s);
        }
        // dX = dY W^T
        DMatrixRMaj gradInput = new DMatrixRMaj(gradOutput.numRows, weight.value().numRows);
        CommonOps_DDRM.multTransB(gradOutput, weight.value(), gradInput);
        return gradInput;
    }
}
