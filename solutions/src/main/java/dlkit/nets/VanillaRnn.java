package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A vanilla (Elman) recurrent network: one cell applied at every time step, its hidden state
 * carried from each step to the next, and its gradient carried back through time.
 * <pre>
 *   forward:   a_t = x_t W_xh + h_{t-1} W_hh + b,   h_t = tanh(a_t),   t = 1 .. T,   h_0 given
 *   backward:  given dL/dh_t from the loss at every step (upstream dh_t), from t = T down to 1:
 *              g_t    = dh_t + (what step t+1 sent back; 0 at t = T)
 *              da_t   = g_t * (1 - h_t^2)                 element-wise: tanh' = 1 - tanh^2
 *              dx_t   = da_t W_xh^T,   sent back to step t-1:  da_t W_hh^T
 *              dW_xh += x_t^T da_t,   dW_hh += h_{t-1}^T da_t,   db += sum of da_t's rows
 *              dh_0   = what step 1 sent back
 * </pre>
 * This is backpropagation through time (BPTT): the network unrolled over T steps is one deep
 * network whose layers share W_xh, W_hh and b, so their gradients are SUMS over the steps.
 * Shapes: a batch of N sequences of T steps is a list of T matrices x_t, each (N, D); W_xh is
 * (D, H), W_hh (H, H), b (1, H); every h_t is (N, H).
 *
 * <p>Relation to {@code torch.nn.RNN(D, H, nonlinearity='tanh')} (one layer, batch_first=False,
 * input (T, N, D)): PyTorch computes {@code tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)}, with
 * two biases and its weights stored transposed. So {@code W_xh = weight_ih_l0^T},
 * {@code W_hh = weight_hh_l0^T} and {@code b = bias_ih_l0 + bias_hh_l0}; our list of h_t is its
 * {@code output}, and the last h_t its {@code h_n}. PyTorch's default h_0 is zeros. Backward,
 * autograd's gradients map the same way: dW_xh = {@code weight_ih_l0.grad^T}, dW_hh =
 * {@code weight_hh_l0.grad^T}, and db equals both {@code bias_ih_l0.grad} and {@code bias_hh_l0.grad}.
 */
public final class VanillaRnn {

    private final DMatrixRMaj wxh;
    private final DMatrixRMaj whh;
    private final DMatrixRMaj b;
    /** W_xh, W_hh and b with their gradients, wrapping the matrices above (not copies). */
    private final List<Parameter> parameters;

    /**
     * @param wxh (D, H) input-to-hidden weights; kept (not copied): this class never modifies it,
     *            an optimiser stepping {@link #parameters()} does
     * @param whh (H, H) hidden-to-hidden weights; kept, as wxh
     * @param b   (1, H) bias; kept, as wxh
     */
    public VanillaRnn(DMatrixRMaj wxh, DMatrixRMaj whh, DMatrixRMaj b) {
        Matrices.requireShape("wxh", wxh, "D, H", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("whh", whh, "H, H", wxh.numCols, wxh.numCols);
        Matrices.requireShape("b", b, "1, H", 1, wxh.numCols);
        this.wxh = wxh;
        this.whh = whh;
        this.b = b;
        this.parameters = List.of(new Parameter("wxh", wxh), new Parameter("whh", whh), new Parameter("b", b));
    }

    /**
     * A network from {@code inputs} to {@code hidden} units: W_xh then W_hh drawn element by
     * element, row by row, from normal distributions with standard deviations
     * {@code 1/sqrt(inputs)} and {@code 1/sqrt(hidden)}; b zero.
     */
    public static VanillaRnn create(int inputs, int hidden, RandomGenerator rng) {
        if (inputs < 1 || hidden < 1) {
            throw new IllegalArgumentException("VanillaRnn: need at least one input and one hidden unit but got "
                    + inputs + " -> " + hidden);
        }
        DMatrixRMaj wxh = new DMatrixRMaj(inputs, hidden);
        DMatrixRMaj whh = new DMatrixRMaj(hidden, hidden);
        for (int i = 0; i < wxh.getNumElements(); i++) {
            wxh.data[i] = rng.nextGaussian() / Math.sqrt(inputs);
        }
        for (int i = 0; i < whh.getNumElements(); i++) {
            whh.data[i] = rng.nextGaussian() / Math.sqrt(hidden);
        }
        return new VanillaRnn(wxh, whh, new DMatrixRMaj(1, hidden));
    }

    /** [W_xh, W_hh, b] with their gradients, which {@link #backward} ADDS into. */
    public List<Parameter> parameters() {
        return parameters;
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

    /** What {@link #backward} returns: the gradients of the loss with respect to the inputs. */
    public record Gradients(List<DMatrixRMaj> dxs, DMatrixRMaj dh0) {}

    /**
     * Backpropagation through time over the whole sequence (the equations at the top). Stateless:
     * it takes the sequence again and runs {@link #forward} itself for the states it needs.
     *
     * @param xs  T matrices x_1 .. x_T, each (N, D), as given to forward; none is modified
     * @param h0  (N, H) initial state, as given to forward; not modified
     * @param dhs T matrices dL/dh_1 .. dL/dh_T, each (N, H): the gradient the loss sends to each
     *            state directly (zeros for states the loss does not read; a loss on the last state
     *            only has all but the last zero); none is modified
     * @return dL/dx_1 .. dL/dx_T (new (N, D) matrices) and dL/dh_0 (new, (N, H)); dW_xh, dW_hh and
     *         db are ADDED into the gradients of {@link #parameters()}
     */
    public Gradients backward(List<DMatrixRMaj> xs, DMatrixRMaj h0, List<DMatrixRMaj> dhs) {
        if (dhs.size() != xs.size()) {
            throw new IllegalArgumentException("VanillaRnn.backward: need one dh per step, " + xs.size()
                    + ", but got " + dhs.size());
        }
        for (int t = 0; t < dhs.size(); t++) {
            Matrices.requireShape("dhs[" + t + "]", dhs.get(t), "N, H", h0.numRows, wxh.numCols);
        }
        List<DMatrixRMaj> hs = forward(xs, h0);
        // TODO: walk the steps backwards, t = T-1 down to 0 (0-based), carrying dNext, the gradient
        //  step t+1 sends back to h_t (zeros at first). At each step: da = (dhs[t] + dNext) * (1 - h_t^2)
        //  element-wise, add x_t^T da into dW_xh, h_{t-1}^T da into dW_hh (h_{t-1} is h0 at t = 0)
        //  and da's column sums into db; dx_t = da W_xh^T; the new dNext = da W_hh^T. Return the
        //  dx's in time order and the last dNext as dh0.
        //  Hint: CommonOps_DDRM.multAddTransA(a, b, c) does c += a^T b; multTransB(a, b, c) does c = a b^T.
        //  The weights are shared by every step: ADD each step's part, never overwrite.
        //  A gradient check of a correct backward gives a relative error around 1e-9.
        // BEGIN SOLUTION
        int steps = xs.size();
        DMatrixRMaj[] dxs = new DMatrixRMaj[steps];
        DMatrixRMaj dNext = new DMatrixRMaj(h0.numRows, wxh.numCols);
        for (int t = steps - 1; t >= 0; t--) {
            DMatrixRMaj h = hs.get(t);
            DMatrixRMaj hPrev = t == 0 ? h0 : hs.get(t - 1);
            DMatrixRMaj da = new DMatrixRMaj(h.numRows, h.numCols);
            for (int i = 0; i < da.getNumElements(); i++) {
                da.data[i] = (dhs.get(t).data[i] + dNext.data[i]) * (1 - h.data[i] * h.data[i]);
            }
            CommonOps_DDRM.multAddTransA(xs.get(t), da, parameters.get(0).grad());
            CommonOps_DDRM.multAddTransA(hPrev, da, parameters.get(1).grad());
            DMatrixRMaj db = parameters.get(2).grad();
            for (int n = 0; n < da.numRows; n++) {
                for (int j = 0; j < da.numCols; j++) {
                    db.add(0, j, da.get(n, j));
                }
            }
            dxs[t] = new DMatrixRMaj(h.numRows, wxh.numRows);
            CommonOps_DDRM.multTransB(da, wxh, dxs[t]);
            dNext = new DMatrixRMaj(h.numRows, h.numCols);
            CommonOps_DDRM.multTransB(da, whh, dNext);
        }
        return new Gradients(List.of(dxs), dNext);
        // END SOLUTION
    }
}
