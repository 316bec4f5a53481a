package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A long short-term memory (LSTM) cell, one time step, forward and backward. Besides the hidden
 * state h it carries a cell state c, which is only ever scaled by the forget gate and added to,
 * so its gradient flows back through time without being squashed at every step.
 * <pre>
 *   a = x W_x + hPrev W_h + b                       (N, 4H), four blocks of H columns: i | f | g | o
 *   i = sigmoid(a_i)    input gate
 *   f = sigmoid(a_f)    forget gate
 *   g = tanh(a_g)       candidate cell
 *   o = sigmoid(a_o)    output gate
 *   c = f * cPrev + i * g                           element-wise
 *   h = o * tanh(c)
 * </pre>
 * Backward, given dh and dc (what the loss and the next step send to h and c), element-wise:
 * <pre>
 *   dcTotal = dc + dh * o * (1 - tanh(c)^2)         c reaches the loss directly and through h
 *   do = dh * tanh(c),   di = dcTotal * g,   dg = dcTotal * i,   df = dcTotal * cPrev
 *   dcPrev = dcTotal * f
 *   da = [di * i(1-i) | df * f(1-f) | dg * (1-g^2) | do * o(1-o)]      (N, 4H)
 *   dx = da W_x^T,   dhPrev = da W_h^T,   dW_x += x^T da,   dW_h += hPrev^T da,   db += sum of da's rows
 * </pre>
 * Shapes: x (N, D), hPrev, cPrev, h, c (N, H), W_x (D, 4H), W_h (H, 4H), b (1, 4H).
 *
 * <p>PyTorch's layout ({@code torch.nn.LSTMCell(D, H)}, or one layer of {@code torch.nn.LSTM}):
 * {@code weight_ih} is (4H, D) with its rows in the gate order i, f, g, o, so
 * {@code W_x = weight_ih^T} (column blocks i, f, g, o), {@code W_h = weight_hh^T} and
 * {@code b = bias_ih + bias_hh}; the gradient of each of PyTorch's two biases is our db. (CS231n
 * orders the blocks i, f, o, g; Keras i, f, c, o: here it is PyTorch's i, f, g, o.)
 */
public final class Lstm {

    private final DMatrixRMaj wx;
    private final DMatrixRMaj wh;
    private final DMatrixRMaj b;
    /** W_x, W_h and b with their gradients, wrapping the matrices above (not copies). */
    private final List<Parameter> parameters;

    /**
     * @param wx (D, 4H) input weights, column blocks i, f, g, o; kept (not copied): this class
     *           never modifies it, an optimiser stepping {@link #parameters()} does
     * @param wh (H, 4H) hidden-state weights, same blocks; kept, as wx
     * @param b  (1, 4H) bias, same blocks; kept, as wx
     */
    public Lstm(DMatrixRMaj wx, DMatrixRMaj wh, DMatrixRMaj b) {
        Matrices.requireShape("wx", wx, "D, 4H", Matrices.ANY, Matrices.ANY);
        if (wx.numCols % 4 != 0 || wx.numCols == 0) {
            throw new IllegalArgumentException("wx: expected (D, 4H), columns a positive multiple of 4, but was ("
                    + wx.numRows + ", " + wx.numCols + ")");
        }
        Matrices.requireShape("wh", wh, "H, 4H", wx.numCols / 4, wx.numCols);
        Matrices.requireShape("b", b, "1, 4H", 1, wx.numCols);
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        this.parameters = List.of(new Parameter("wx", wx), new Parameter("wh", wh), new Parameter("b", b));
    }

    /** H, the size of the hidden and cell states. */
    public int hiddenSize() {
        return wx.numCols / 4;
    }

    /** [W_x, W_h, b] with their gradients, which {@link #backward} ADDS into. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The two states a step returns. */
    public record State(DMatrixRMaj h, DMatrixRMaj c) {}

    /** What {@link #backward} returns: the gradients with respect to the step's inputs. */
    public record Gradients(DMatrixRMaj dx, DMatrixRMaj dhPrev, DMatrixRMaj dcPrev) {}

    /**
     * The four gates after their non-linearities, side by side: {@code [i | f | g | o]}, with
     * sigmoid on the blocks i, f, o and tanh on g.
     *
     * @param x     (N, D); not modified
     * @param hPrev (N, H); not modified
     * @return a new (N, 4H) matrix
     */
    public DMatrixRMaj gates(DMatrixRMaj x, DMatrixRMaj hPrev) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, wx.numRows);
        Matrices.requireShape("hPrev", hPrev, "N, H", x.numRows, hiddenSize());
        // TODO: a = x W_x + hPrev W_h + b (b added to every row), then sigmoid on the columns of the
        //  blocks 0, 1 and 3 (i, f, o) and tanh on block 2 (g); column k is in block k / H.
        // BEGIN SOLUTION
        DMatrixRMaj a = new DMatrixRMaj(x.numRows, wx.numCols);
        CommonOps_DDRM.mult(x, wx, a);
        CommonOps_DDRM.multAdd(hPrev, wh, a);
        int hidden = hiddenSize();
        for (int n = 0; n < a.numRows; n++) {
            for (int k = 0; k < a.numCols; k++) {
                double v = a.get(n, k) + b.get(0, k);
                a.set(n, k, k / hidden == 2 ? Math.tanh(v) : 1 / (1 + Math.exp(-v)));
            }
        }
        return a;
        // END SOLUTION
    }

    /**
     * One step: {@code c = f * cPrev + i * g}, {@code h = o * tanh(c)}.
     *
     * @param x     (N, D); not modified
     * @param hPrev (N, H); not modified
     * @param cPrev (N, H); not modified
     * @return the new states h and c, each a new (N, H) matrix
     */
    public State forward(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj cPrev) {
        Matrices.requireShape("cPrev", cPrev, "N, H", hPrev.numRows, hiddenSize());
        // TODO: compute the gates, then c and h element by element; i, f, g, o of unit j of row n
        //  are at columns j, H + j, 2H + j and 3H + j of the gates.
        // BEGIN SOLUTION
        DMatrixRMaj gates = gates(x, hPrev);
        int hidden = hiddenSize();
        DMatrixRMaj h = new DMatrixRMaj(x.numRows, hidden);
        DMatrixRMaj c = new DMatrixRMaj(x.numRows, hidden);
        for (int n = 0; n < x.numRows; n++) {
            for (int j = 0; j < hidden; j++) {
                double cell = gates.get(n, hidden + j) * cPrev.get(n, j)
                        + gates.get(n, j) * gates.get(n, 2 * hidden + j);
                c.set(n, j, cell);
                h.set(n, j, gates.get(n, 3 * hidden + j) * Math.tanh(cell));
            }
        }
        return new State(h, c);
        // END SOLUTION
    }

    /**
     * The gradients of one step (the equations at the top). Stateless: it takes the step's inputs
     * again and recomputes what it needs.
     *
     * @param x     (N, D), as given to forward; not modified
     * @param hPrev (N, H), as given to forward; not modified
     * @param cPrev (N, H), as given to forward; not modified
     * @param dh    dL/dh, (N, H); not modified
     * @param dc    dL/dc from later steps, (N, H) (zeros after the last step); not modified
     * @return dL/dx (N, D), dL/dhPrev and dL/dcPrev (N, H), all new; dW_x, dW_h and db are ADDED
     *         into the gradients of {@link #parameters()}
     */
    public Gradients backward(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj cPrev, DMatrixRMaj dh, DMatrixRMaj dc) {
        Matrices.requireShape("cPrev", cPrev, "N, H", hPrev.numRows, hiddenSize());
        Matrices.requireShape("dh", dh, "N, H", hPrev.numRows, hiddenSize());
        Matrices.requireShape("dc", dc, "N, H", hPrev.numRows, hiddenSize());
        // TODO: recompute the gates and c, then fill da (N, 4H) block by block and dcPrev as above;
        //  add x^T da, hPrev^T da and da's column sums into the three gradients; return
        //  dx = da W_x^T, dhPrev = da W_h^T and dcPrev.
        //  Hint: CommonOps_DDRM.multAddTransA(a, b, c) does c += a^T b; multTransB(a, b, c) does c = a b^T.
        //  A gradient check of a correct backward gives a relative error around 1e-9.
        // BEGIN SOLUTION
        DMatrixRMaj gates = gates(x, hPrev);
        int hidden = hiddenSize();
        DMatrixRMaj da = new DMatrixRMaj(x.numRows, 4 * hidden);
        DMatrixRMaj dcPrev = new DMatrixRMaj(x.numRows, hidden);
        for (int n = 0; n < x.numRows; n++) {
            for (int j = 0; j < hidden; j++) {
                double i = gates.get(n, j);
                double f = gates.get(n, hidden + j);
                double g = gates.get(n, 2 * hidden + j);
                double o = gates.get(n, 3 * hidden + j);
                double tanhC = Math.tanh(f * cPrev.get(n, j) + i * g);
                double dcTotal = dc.get(n, j) + dh.get(n, j) * o * (1 - tanhC * tanhC);
                da.set(n, j, dcTotal * g * i * (1 - i));
                da.set(n, hidden + j, dcTotal * cPrev.get(n, j) * f * (1 - f));
                da.set(n, 2 * hidden + j, dcTotal * i * (1 - g * g));
                da.set(n, 3 * hidden + j, dh.get(n, j) * tanhC * o * (1 - o));
                dcPrev.set(n, j, dcTotal * f);
            }
        }
        CommonOps_DDRM.multAddTransA(x, da, parameters.get(0).grad());
        CommonOps_DDRM.multAddTransA(hPrev, da, parameters.get(1).grad());
        DMatrixRMaj db = parameters.get(2).grad();
        for (int n = 0; n < da.numRows; n++) {
            for (int k = 0; k < da.numCols; k++) {
                db.add(0, k, da.get(n, k));
            }
        }
        DMatrixRMaj dx = new DMatrixRMaj(x.numRows, wx.numRows);
        CommonOps_DDRM.multTransB(da, wx, dx);
        DMatrixRMaj dhPrev = new DMatrixRMaj(x.numRows, hidden);
        CommonOps_DDRM.multTransB(da, wh, dhPrev);
        return new Gradients(dx, dhPrev, dcPrev);
        // END SOLUTION
    }
}
