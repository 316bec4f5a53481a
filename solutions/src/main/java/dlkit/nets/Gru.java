package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A gated recurrent unit (GRU) cell, one time step, forward and backward, as PyTorch computes it.
 * It has no separate cell state: an update gate z mixes the old state with a candidate n.
 * <pre>
 *   ax = x W_x + b_x,   ah = hPrev W_h + b_h          (N, 3H) each, blocks of H columns: r | z | n
 *   r = sigmoid(ax_r + ah_r)      reset gate
 *   z = sigmoid(ax_z + ah_z)      update gate
 *   n = tanh(ax_n + r * ah_n)     candidate; r scales (hPrev W_hn + b_hn), AFTER the product
 *   h = (1 - z) * n + z * hPrev   element-wise
 * </pre>
 * The reset gate follows PyTorch: it multiplies {@code hPrev W_hn + b_hn}. The original paper
 * (Cho et al., 2014) multiplies hPrev before the product, {@code (r * hPrev) W_hn}; that is a
 * different network, with different numbers. Because b_hn sits inside the reset gate, the two
 * biases cannot be added into one: the cell keeps b_x and b_h apart.
 *
 * <p>Backward, given dh, element-wise:
 * <pre>
 *   dn = dh * (1 - z),   dz = dh * (hPrev - n)
 *   dan = dn * (1 - n^2),   dr = dan * ah_n,   dah_n = dan * r
 *   dar = dr * r(1-r),   daz = dz * z(1-z)
 *   dax = [dar | daz | dan],   dah = [dar | daz | dah_n]                      (N, 3H) each
 *   dx = dax W_x^T,   dhPrev = dh * z + dah W_h^T
 *   dW_x += x^T dax,  db_x += sum of dax's rows,  dW_h += hPrev^T dah,  db_h += sum of dah's rows
 * </pre>
 * Shapes: x (N, D), hPrev, h (N, H), W_x (D, 3H), W_h (H, 3H), b_x, b_h (1, 3H).
 *
 * <p>PyTorch's layout ({@code torch.nn.GRUCell(D, H)}, or one layer of {@code torch.nn.GRU}):
 * {@code weight_ih} is (3H, D) with its rows in the gate order r, z, n, so
 * {@code W_x = weight_ih^T} (column blocks r, z, n), {@code W_h = weight_hh^T},
 * {@code b_x = bias_ih} and {@code b_h = bias_hh}.
 */
public final class Gru {

    private final DMatrixRMaj wx;
    private final DMatrixRMaj wh;
    private final DMatrixRMaj bx;
    private final DMatrixRMaj bh;
    /** W_x, W_h, b_x and b_h with their gradients, wrapping the matrices above (not copies). */
    private final List<Parameter> parameters;

    /**
     * @param wx (D, 3H) input weights, column blocks r, z, n; kept (not copied): this class never
     *           modifies it, an optimiser stepping {@link #parameters()} does
     * @param wh (H, 3H) hidden-state weights, same blocks; kept, as wx
     * @param bx (1, 3H) input bias, same blocks; kept, as wx
     * @param bh (1, 3H) hidden-state bias, same blocks; kept, as wx
     */
    public Gru(DMatrixRMaj wx, DMatrixRMaj wh, DMatrixRMaj bx, DMatrixRMaj bh) {
        Matrices.requireShape("wx", wx, "D, 3H", Matrices.ANY, Matrices.ANY);
        if (wx.numCols % 3 != 0 || wx.numCols == 0) {
            throw new IllegalArgumentException("wx: expected (D, 3H), columns a positive multiple of 3, but was ("
                    + wx.numRows + ", " + wx.numCols + ")");
        }
        Matrices.requireShape("wh", wh, "H, 3H", wx.numCols / 3, wx.numCols);
        Matrices.requireShape("bx", bx, "1, 3H", 1, wx.numCols);
        Matrices.requireShape("bh", bh, "1, 3H", 1, wx.numCols);
        this.wx = wx;
        this.wh = wh;
        this.bx = bx;
        this.bh = bh;
        this.parameters = List.of(new Parameter("wx", wx), new Parameter("wh", wh), new Parameter("bx", bx),
                new Parameter("bh", bh));
    }

    /** H, the size of the hidden state. */
    public int hiddenSize() {
        return wx.numCols / 3;
    }

    /** [W_x, W_h, b_x, b_h] with their gradients, which {@link #backward} ADDS into. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** What {@link #backward} returns: the gradients with respect to the step's inputs. */
    public record Gradients(DMatrixRMaj dx, DMatrixRMaj dhPrev) {}

    /**
     * The three gates after their non-linearities, side by side: {@code [r | z | n]}.
     *
     * @param x     (N, D); not modified
     * @param hPrev (N, H); not modified
     * @return a new (N, 3H) matrix
     */
    public DMatrixRMaj gates(DMatrixRMaj x, DMatrixRMaj hPrev) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, wx.numRows);
        Matrices.requireShape("hPrev", hPrev, "N, H", x.numRows, hiddenSize());
        // TODO: compute ax = x W_x + b_x and ah = hPrev W_h + b_h (biases added to every row), then
        //  r and z from the sums of their blocks, and n = tanh(ax_n + r * ah_n). Unit j of row n has
        //  its r, z, n at columns j, H + j and 2H + j.
        // BEGIN SOLUTION
        DMatrixRMaj ax = new DMatrixRMaj(x.numRows, wx.numCols);
        CommonOps_DDRM.mult(x, wx, ax);
        DMatrixRMaj ah = new DMatrixRMaj(x.numRows, wx.numCols);
        CommonOps_DDRM.mult(hPrev, wh, ah);
        int hidden = hiddenSize();
        DMatrixRMaj gates = new DMatrixRMaj(x.numRows, wx.numCols);
        for (int n = 0; n < x.numRows; n++) {
            for (int j = 0; j < hidden; j++) {
                double r = sigmoid(ax.get(n, j) + bx.get(0, j) + ah.get(n, j) + bh.get(0, j));
                int zj = hidden + j;
                double z = sigmoid(ax.get(n, zj) + bx.get(0, zj) + ah.get(n, zj) + bh.get(0, zj));
                int nj = 2 * hidden + j;
                double candidate = Math.tanh(ax.get(n, nj) + bx.get(0, nj) + r * (ah.get(n, nj) + bh.get(0, nj)));
                gates.set(n, j, r);
                gates.set(n, zj, z);
                gates.set(n, nj, candidate);
            }
        }
        return gates;
        // END SOLUTION
    }

    /**
     * One step: {@code h = (1 - z) * n + z * hPrev}.
     *
     * @param x     (N, D); not modified
     * @param hPrev (N, H); not modified
     * @return the new state h, a new (N, H) matrix
     */
    public DMatrixRMaj forward(DMatrixRMaj x, DMatrixRMaj hPrev) {
        // TODO: compute the gates, then h element by element.
        // BEGIN SOLUTION
        DMatrixRMaj gates = gates(x, hPrev);
        int hidden = hiddenSize();
        DMatrixRMaj h = new DMatrixRMaj(x.numRows, hidden);
        for (int n = 0; n < x.numRows; n++) {
            for (int j = 0; j < hidden; j++) {
                double z = gates.get(n, hidden + j);
                h.set(n, j, (1 - z) * gates.get(n, 2 * hidden + j) + z * hPrev.get(n, j));
            }
        }
        return h;
        // END SOLUTION
    }

    /**
     * The gradients of one step (the equations at the top). Stateless: it takes the step's inputs
     * again and recomputes what it needs.
     *
     * @param x     (N, D), as given to forward; not modified
     * @param hPrev (N, H), as given to forward; not modified
     * @param dh    dL/dh, (N, H); not modified
     * @return dL/dx (N, D) and dL/dhPrev (N, H), both new; dW_x, dW_h, db_x and db_h are ADDED into
     *         the gradients of {@link #parameters()}
     */
    public Gradients backward(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj dh) {
        Matrices.requireShape("dh", dh, "N, H", hPrev.numRows, hiddenSize());
        // TODO: recompute the gates and ah_n = hPrev W_hn + b_hn (block n of hPrev W_h + b_h), fill
        //  dax and dah (N, 3H) as above, add the four parameter gradients, and return
        //  dx = dax W_x^T and dhPrev = dh * z + dah W_h^T (hPrev reaches h directly AND through the gates).
        //  A gradient check of a correct backward gives a relative error around 1e-9.
        // BEGIN SOLUTION
        DMatrixRMaj gates = gates(x, hPrev);
        DMatrixRMaj ah = new DMatrixRMaj(x.numRows, wx.numCols);
        CommonOps_DDRM.mult(hPrev, wh, ah);
        int hidden = hiddenSize();
        DMatrixRMaj dax = new DMatrixRMaj(x.numRows, wx.numCols);
        DMatrixRMaj dah = new DMatrixRMaj(x.numRows, wx.numCols);
        DMatrixRMaj dhPrev = new DMatrixRMaj(x.numRows, hidden);
        for (int n = 0; n < x.numRows; n++) {
            for (int j = 0; j < hidden; j++) {
                double r = gates.get(n, j);
                double z = gates.get(n, hidden + j);
                double candidate = gates.get(n, 2 * hidden + j);
                double ahn = ah.get(n, 2 * hidden + j) + bh.get(0, 2 * hidden + j);
                double g = dh.get(n, j);
                double dan = g * (1 - z) * (1 - candidate * candidate);
                double dar = dan * ahn * r * (1 - r);
                double daz = g * (hPrev.get(n, j) - candidate) * z * (1 - z);
                dax.set(n, j, dar);
                dax.set(n, hidden + j, daz);
                dax.set(n, 2 * hidden + j, dan);
                dah.set(n, j, dar);
                dah.set(n, hidden + j, daz);
                dah.set(n, 2 * hidden + j, dan * r);
                dhPrev.set(n, j, g * z);
            }
        }
        CommonOps_DDRM.multAddTransA(x, dax, parameters.get(0).grad());
        CommonOps_DDRM.multAddTransA(hPrev, dah, parameters.get(1).grad());
        addColumnSums(dax, parameters.get(2).grad());
        addColumnSums(dah, parameters.get(3).grad());
        DMatrixRMaj dx = new DMatrixRMaj(x.numRows, wx.numRows);
        CommonOps_DDRM.multTransB(dax, wx, dx);
        CommonOps_DDRM.multAddTransB(dah, wh, dhPrev);
        return new Gradients(dx, dhPrev);
        // END SOLUTION
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** {@code sums += the column sums of m}. */
    private static void addColumnSums(DMatrixRMaj m, DMatrixRMaj sums) {
        for (int n = 0; n < m.numRows; n++) {
            for (int k = 0; k < m.numCols; k++) {
                sums.add(0, k, m.get(n, k));
            }
        }
    }
}
