package dlkit.nets;

import dlkit.core.Matrices;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A vanilla (Elman) recurrent network, forward only: one cell applied at every time step, its
 * hidden state carried from each step to the next.
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b),   t = 1 .. T,   h_0 given
 * </pre>
 * Shapes: a batch of N sequences of T steps is a list of T matrices x_t, each (N, D); W_xh is
 * (D, H), W_hh (H, H), b (1, H); every h_t is (N, H).
 *
 * <p>Relation to {@code torch.nn.RNN(D, H, nonlinearity='tanh')} (one layer, batch_first=False,
 * input (T, N, D)): PyTorch computes {@code tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)}, with
 * two biases and its weights stored transposed. So {@code W_xh = weight_ih_l0^T},
 * {@code W_hh = weight_hh_l0^T} and {@code b = bias_ih_l0 + bias_hh_l0}; our list of h_t is its
 * {@code output}, and the last h_t its {@code h_n}. PyTorch's default h_0 is zeros.
 */
public final class VanillaRnn {

    private final DMatrixRMaj wxh;
    private final DMatrixRMaj whh;
    private final DMatrixRMaj b;

    /**
     * @param wxh (D, H) input-to-hidden weights; kept (not copied) and never modified
     * @param whh (H, H) hidden-to-hidden weights; kept and never modified
     * @param b   (1, H) bias; kept and never modified
     */
    public VanillaRnn(DMatrixRMaj wxh, DMatrixRMaj whh, DMatrixRMaj b) {
        Matrices.requireShape("wxh", wxh, "D, H", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("whh", whh, "H, H", wxh.numCols, wxh.numCols);
        Matrices.requireShape("b", b, "1, H", 1, wxh.numCols);
        this.wxh = wxh;
        this.whh = whh;
        this.b = b;
    }

    /** H, the size of the hidden state. */
    public int hiddenSize() {
        return wxh.numCols;
    }

    /**
     * One time step: {@code tanh(x W_xh + hPrev W_hh + b)}.
     *
     * @param x     (N, D) inputs of this step; not modified
     * @param hPrev (N, H) hidden state of the previous step; not modified
     * @return a new (N, H) hidden state
     */
    public DMatrixRMaj step(DMatrixRMaj x, DMatrixRMaj hPrev) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, wxh.numRows);
        Matrices.requireShape("hPrev", hPrev, "N, H", x.numRows, wxh.numCols);
        // TODO: compute x W_xh + hPrev W_hh, add b to every row, apply tanh element-wise.
        //  Hint: CommonOps_DDRM.mult and multAdd do the products; b is one row shared by all N.
        // BEGIN SOLUTION
        DMatrixRMaj h = new DMatrixRMaj(x.numRows, wxh.numCols);
        CommonOps_DDRM.mult(x, wxh, h);
        CommonOps_DDRM.multAdd(hPrev, whh, h);
        for (int n = 0; n < h.numRows; n++) {
            for (int j = 0; j < h.numCols; j++) {
                h.set(n, j, Math.tanh(h.get(n, j) + b.get(0, j)));
            }
        }
        return h;
        // END SOLUTION
    }

    /**
     * The whole sequence, one {@link #step} per time step.
     *
     * @param xs T matrices x_1 .. x_T, each (N, D); none is modified
     * @param h0 (N, H) initial hidden state (zeros for PyTorch's default); not modified
     * @return a new list of T new (N, H) matrices h_1 .. h_T
     */
    public List<DMatrixRMaj> forward(List<DMatrixRMaj> xs, DMatrixRMaj h0) {
        Matrices.requireShape("h0", h0, "N, H", Matrices.ANY, wxh.numCols);
        // TODO: run step on x_1 with h0, then on each next x_t with the state the previous step
        //  returned; collect every state in order.
        // BEGIN SOLUTION
        List<DMatrixRMaj> states = new ArrayList<>();
        DMatrixRMaj h = h0;
        for (DMatrixRMaj x : xs) {
            h = step(x, h);
            states.add(h);
        }
        return states;
        // END SOLUTION
    }
}
