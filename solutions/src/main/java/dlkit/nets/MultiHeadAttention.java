package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Multi-head self-attention (Vaswani et al., 2017), forward and backward: h heads each run
 * {@link ScaledDotProductAttention} on their own slice of learned projections of the same
 * sequence, and a last projection mixes the heads again.
 * <pre>
 *   Q = X Wq + bq,   K = X Wk + bk,   V = X Wv + bv          each (T, d_model)
 *   head h takes columns h*d_head .. (h+1)*d_head - 1 of Q, K and V:   Q_h, K_h, V_h (T, d_head)
 *   A_h = softmax(Q_h K_h^T / sqrt(d_head) + M)                 (T, T), softmax along each row
 *   O   = [A_1 V_1, ..., A_h V_h]                              heads side by side, (T, d_model)
 *   Y   = O Wo + bo                                            (T, d_model)
 * </pre>
 * with d_head = d_model / h. The scale is sqrt(d_head), the width of one head's dot products,
 * not sqrt(d_model).
 *
 * <p>Shapes: X is ONE sequence of T positions, one per row; unlike a {@link Layer}'s samples the
 * rows interact (every position attends to every other), so a batch of sequences is a loop of
 * forward/backward calls, one per sequence (parameter gradients add up over the calls). Every W
 * is (d_model, d_model) and every b (1, d_model), weights (inputs, outputs) as in
 * {@link dlkit.layers.Dense}.
 *
 * <p>The mask is a boolean (T, T) array as in {@link ScaledDotProductAttention}:
 * {@code mask[i][j] == true} means position i MAY attend to position j; false gives weight 0.
 * A null mask allows all. A row with no allowed position gets all-zero weights (its output row is
 * bo), where PyTorch gives NaN.
 *
 * <p>Relation to {@code torch.nn.MultiheadAttention(d_model, h, batch_first=True, dropout=0)}
 * called as {@code mha(x, x, x, attn_mask=~mask)}: PyTorch packs the three input projections into
 * {@code in_proj_weight} (3 d_model, d_model) and {@code in_proj_bias} (3 d_model), so
 * {@code Wq = in_proj_weight[0:d]^T}, {@code Wk = in_proj_weight[d:2d]^T},
 * {@code Wv = in_proj_weight[2d:3d]^T}, {@code bq, bk, bv} the three thirds of
 * {@code in_proj_bias}; {@code Wo = out_proj.weight^T}, {@code bo = out_proj.bias}. PyTorch's
 * boolean {@code attn_mask} is true where attending is NOT allowed: the negation of this mask.
 * Its heads are the same column slices; its input (B, T, d_model) is B calls here.
 */
public final class MultiHeadAttention implements Layer {

    private final int heads;
    private final int modelSize;
    private final int headSize;
    private final Parameter wq;
    private final Parameter bq;
    private final Parameter wk;
    private final Parameter bk;
    private final Parameter wv;
    private final Parameter bv;
    private final Parameter wo;
    private final Parameter bo;

    /** Remembered by forward for backward: X, Q, K, V, O (each (T, d_model)), the mask and each head's A_h. */
    private DMatrixRMaj input;
    private DMatrixRMaj q;
    private DMatrixRMaj k;
    private DMatrixRMaj v;
    private DMatrixRMaj concat;
    private boolean[][] mask;
    private List<DMatrixRMaj> weights;

    /**
     * Attention with the given weights and biases, kept (not copied): training modifies them.
     *
     * @param wq    (d_model, d_model) query projection; {@code bq} (1, d_model) its bias
     * @param wk    (d_model, d_model) key projection; {@code bk} (1, d_model)
     * @param wv    (d_model, d_model) value projection; {@code bv} (1, d_model)
     * @param wo    (d_model, d_model) output projection; {@code bo} (1, d_model)
     * @param heads h, which must divide d_model
     */
    public MultiHeadAttention(DMatrixRMaj wq, DMatrixRMaj bq, DMatrixRMaj wk, DMatrixRMaj bk,
                              DMatrixRMaj wv, DMatrixRMaj bv, DMatrixRMaj wo, DMatrixRMaj bo, int heads) {
        Matrices.requireShape("wq", wq, "d_model, d_model", Matrices.ANY, Matrices.ANY);
        int d = wq.numRows;
        if (heads < 1 || d % heads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: the number of heads must divide d_model = " + d
                    + " but was " + heads);
        }
        this.heads = heads;
        this.modelSize = d;
        this.headSize = d / heads;
        this.wq = weight("wq", wq, d);
        this.bq = bias("bq", bq, d);
        this.wk = weight("wk", wk, d);
        this.bk = bias("bk", bk, d);
        this.wv = weight("wv", wv, d);
        this.bv = bias("bv", bv, d);
        this.wo = weight("wo", wo, d);
        this.bo = bias("bo", bo, d);
    }

    /**
     * Attention over d_model features with h heads: weights drawn independently from a normal
     * distribution with standard deviation 1/sqrt(d_model) (wq, wk, wv, wo in that order, row by
     * row), biases zero.
     */
    public static MultiHeadAttention create(int modelSize, int heads, RandomGenerator rng) {
        if (modelSize < 1) {
            throw new IllegalArgumentException("MultiHeadAttention: d_model must be at least 1 but was " + modelSize);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[4];
        for (int p = 0; p < w.length; p++) {
            w[p] = new DMatrixRMaj(modelSize, modelSize);
            for (int i = 0; i < w[p].getNumElements(); i++) {
                w[p].data[i] = rng.nextGaussian() / Math.sqrt(modelSize);
            }
        }
        return new MultiHeadAttention(w[0], new DMatrixRMaj(1, modelSize), w[1], new DMatrixRMaj(1, modelSize),
                w[2], new DMatrixRMaj(1, modelSize), w[3], new DMatrixRMaj(1, modelSize), heads);
    }

    /** h, the number of heads. */
    public int heads() {
        return heads;
    }

    /** d_model, the width of the input and the output. */
    public int modelSize() {
        return modelSize;
    }

    /** [wq, bq, wk, bk, wv, bv, wo, bo], each with its gradient. */
    @Override
    public List<Parameter> parameters() {
        return List.of(wq, bq, wk, bk, wv, bv, wo, bo);
    }

    /** Self-attention without a mask: {@code forward(x, null)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        return forward(x, null);
    }

    /**
     * Self-attention of one sequence, as the class comment's equations say. Does not modify
     * {@code x} or {@code mask}; remembers what {@link #backward} needs, and each head's weights
     * for {@link #weights(int)}.
     *
     * @param x    (T, d_model), one position per row
     * @param mask (T, T), true = may attend, or null for no mask
     * @return Y, a new (T, d_model) matrix
     */
    public DMatrixRMaj forward(DMatrixRMaj x, boolean[][] mask) {
        Matrices.requireShape("x", x, "T, d_model", Matrices.ANY, modelSize);
        this.mask = copyOf(mask, x.numRows);
        this.input = x.copy();
        // TODO: set q, k and v (use affine(x, w, b)); then, for each head h, its (T, T) weights
        //  A_h = softmax(Q_h K_h^T / sqrt(d_head)) with the mask, row by row and stably (subtract
        //  the row's largest allowed score; a masked entry gets 0; a row with nothing allowed stays
        //  zeros), exactly as ScaledDotProductAttention.weights; add A_h to weights (a new list) in
        //  order of h; write A_h V_h into columns h*d_head.. of concat (T, d_model); return
        //  affine(concat, wo, bo). Hint: head(m, h) is the slice of a head; CommonOps_DDRM.insert
        //  writes a block into a matrix. (Calling your ScaledDotProductAttention.weights is allowed,
        //  but then a mistake there costs points here too.)
        // BEGIN SOLUTION
        int t = x.numRows;
        q = affine(input, wq, bq);
        k = affine(input, wk, bk);
        v = affine(input, wv, bv);
        concat = new DMatrixRMaj(t, modelSize);
        weights = new ArrayList<>();
        double scale = 1 / Math.sqrt(headSize);
        for (int h = 0; h < heads; h++) {
            DMatrixRMaj a = new DMatrixRMaj(t, t);
            CommonOps_DDRM.multTransB(head(q, h), head(k, h), a);
            for (int i = 0; i < t; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    if (allowed(i, j)) {
                        max = Math.max(max, a.get(i, j) * scale);
                    }
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    double e = allowed(i, j) ? Math.exp(a.get(i, j) * scale - max) : 0;
                    a.set(i, j, e);
                    sum += e;
                }
                for (int j = 0; j < t && sum > 0; j++) { // sum == 0: nothing allowed, the row stays zeros
                    a.set(i, j, a.get(i, j) / sum);
                }
            }
            weights.add(a);
            DMatrixRMaj out = new DMatrixRMaj(t, headSize);
            CommonOps_DDRM.mult(a, head(v, h), out);
            CommonOps_DDRM.insert(out, concat, 0, h * headSize);
        }
        return affine(concat, wo, bo);
        // END SOLUTION
    }

    /**
     * The backward pass of the last {@link #forward}. Does not modify {@code gradOutput}; ADDS the
     * gradient of each of the eight parameters into its {@link Parameter#grad()}.
     * <pre>
     *   dO  = dY Wo^T,     dWo += O^T dY,     dbo += column sums of dY
     *   per head, with dO_h the head's columns of dO:
     *     dA_h = dO_h V_h^T                               dV_h = A_h^T dO_h
     *     dS_h[i][j] = A_h[i][j] (dA_h[i][j] - sum_k A_h[i][k] dA_h[i][k]) / sqrt(d_head)
     *     dQ_h = dS_h K_h                                 dK_h = dS_h^T Q_h
     *   dWq += X^T dQ, dbq += column sums of dQ; the same for K and V
     *   dX  = dQ Wq^T + dK Wk^T + dV Wv^T                 X feeds all three projections
     * </pre>
     * A masked weight is 0, so no gradient flows through it. dbk comes out 0: the key bias adds
     * q_i . bk to every score of row i alike, which the softmax ignores (computed, it is rounding
     * noise of about 1e-16).
     *
     * @param gradOutput dL/dY, (T, d_model) with the T of the last forward
     * @return dL/dX, a new (T, d_model) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (input == null) {
            throw new IllegalStateException("MultiHeadAttention.backward called before forward");
        }
        Matrices.requireShape("gradOutput", gradOutput, "T, d_model", input.numRows, modelSize);
        // TODO: follow the equations above, head by head. addColumnSums(m, grad) adds the column
        //  sums of m into a bias gradient. A numeric gradient check on a correct solution gives a
        //  relative error around 1e-9.
        // BEGIN SOLUTION
        int t = input.numRows;
        CommonOps_DDRM.multAddTransA(concat, gradOutput, wo.grad());
        addColumnSums(gradOutput, bo.grad());
        DMatrixRMaj dConcat = new DMatrixRMaj(t, modelSize);
        CommonOps_DDRM.multTransB(gradOutput, wo.value(), dConcat);
        DMatrixRMaj dq = new DMatrixRMaj(t, modelSize);
        DMatrixRMaj dk = new DMatrixRMaj(t, modelSize);
        DMatrixRMaj dv = new DMatrixRMaj(t, modelSize);
        double scale = 1 / Math.sqrt(headSize);
        for (int h = 0; h < heads; h++) {
            DMatrixRMaj a = weights.get(h);
            DMatrixRMaj dOut = head(dConcat, h);
            DMatrixRMaj dA = new DMatrixRMaj(t, t);
            CommonOps_DDRM.multTransB(dOut, head(v, h), dA);
            DMatrixRMaj dvh = new DMatrixRMaj(t, headSize);
            CommonOps_DDRM.multTransA(a, dOut, dvh);
            DMatrixRMaj dS = new DMatrixRMaj(t, t);
            for (int i = 0; i < t; i++) {
                double dot = 0;
                for (int j = 0; j < t; j++) {
                    dot += a.get(i, j) * dA.get(i, j);
                }
                for (int j = 0; j < t; j++) {
                    dS.set(i, j, a.get(i, j) * (dA.get(i, j) - dot) * scale);
                }
            }
            DMatrixRMaj dqh = new DMatrixRMaj(t, headSize);
            CommonOps_DDRM.mult(dS, head(k, h), dqh);
            DMatrixRMaj dkh = new DMatrixRMaj(t, headSize);
            CommonOps_DDRM.multTransA(dS, head(q, h), dkh);
            CommonOps_DDRM.insert(dqh, dq, 0, h * headSize);
            CommonOps_DDRM.insert(dkh, dk, 0, h * headSize);
            CommonOps_DDRM.insert(dvh, dv, 0, h * headSize);
        }
        CommonOps_DDRM.multAddTransA(input, dq, wq.grad());
        addColumnSums(dq, bq.grad());
        CommonOps_DDRM.multAddTransA(input, dk, wk.grad());
        addColumnSums(dk, bk.grad());
        CommonOps_DDRM.multAddTransA(input, dv, wv.grad());
        addColumnSums(dv, bv.grad());
        DMatrixRMaj dx = new DMatrixRMaj(t, modelSize);
        CommonOps_DDRM.multTransB(dq, wq.value(), dx);
        CommonOps_DDRM.multAddTransB(dk, wk.value(), dx);
        CommonOps_DDRM.multAddTransB(dv, wv.value(), dx);
        return dx;
        // END SOLUTION
    }

    /**
     * The attention weights A_h of head h in the last {@link #forward}, (T, T): row i holds how
     * much position i attends to each position.
     *
     * @return a copy
     */
    public DMatrixRMaj weights(int head) {
        if (weights == null) {
            throw new IllegalStateException("MultiHeadAttention.weights called before forward");
        }
        if (head < 0 || head >= weights.size()) {
            throw new IllegalArgumentException("MultiHeadAttention.weights: head must be 0 .. " + (weights.size() - 1)
                    + " but was " + head);
        }
        return weights.get(head).copy();
    }

    public Parameter wq() {
        return wq;
    }

    public Parameter bq() {
        return bq;
    }

    public Parameter wk() {
        return wk;
    }

    public Parameter bk() {
        return bk;
    }

    public Parameter wv() {
        return wv;
    }

    public Parameter bv() {
        return bv;
    }

    public Parameter wo() {
        return wo;
    }

    public Parameter bo() {
        return bo;
    }

    /** Whether position i may attend to position j under the mask of the last forward. */
    private boolean allowed(int i, int j) {
        return mask == null || mask[i][j];
    }

    /** {@code m W + b}, b added to every row, as a new matrix; nothing is modified. */
    private static DMatrixRMaj affine(DMatrixRMaj m, Parameter w, Parameter b) {
        DMatrixRMaj y = new DMatrixRMaj(m.numRows, w.value().numCols);
        CommonOps_DDRM.mult(m, w.value(), y);
        for (int i = 0; i < y.numRows; i++) {
            for (int j = 0; j < y.numCols; j++) {
                y.add(i, j, b.value().get(0, j));
            }
        }
        return y;
    }

    /** Head h's columns h*d_head .. (h+1)*d_head - 1 of m, as a new (T, d_head) matrix. */
    private DMatrixRMaj head(DMatrixRMaj m, int h) {
        return CommonOps_DDRM.extract(m, 0, m.numRows, h * headSize, (h + 1) * headSize);
    }

    /** Adds the column sums of m into {@code grad}, (1, columns of m). */
    private static void addColumnSums(DMatrixRMaj m, DMatrixRMaj grad) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                grad.add(0, j, m.get(i, j));
            }
        }
    }

    private static Parameter weight(String name, DMatrixRMaj w, int d) {
        Matrices.requireShape(name, w, "d_model, d_model", d, d);
        return new Parameter(name, w);
    }

    private static Parameter bias(String name, DMatrixRMaj b, int d) {
        Matrices.requireShape(name, b, "1, d_model", 1, d);
        return new Parameter(name, b);
    }

    /** A copy of a (t, t) mask, or null for null; a mask of another shape is refused. */
    private static boolean[][] copyOf(boolean[][] mask, int t) {
        if (mask == null) {
            return null;
        }
        boolean[][] copy = new boolean[t][];
        if (mask.length != t) {
            throw new IllegalArgumentException("mask: expected (T, T) = (" + t + ", " + t + ") but had " + mask.length
                    + " rows");
        }
        for (int i = 0; i < t; i++) {
            if (mask[i] == null || mask[i].length != t) {
                throw new IllegalArgumentException("mask: expected (T, T) = (" + t + ", " + t + ") but row " + i
                        + " has " + (mask[i] == null ? "no" : Integer.toString(mask[i].length)) + " columns");
            }
            copy[i] = mask[i].clone();
        }
        return copy;
    }
}
