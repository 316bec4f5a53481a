package dlkit.optim;

import dlkit.core.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * What an optimiser keeps for one parameter between steps, as {@code torch.optim}'s
 * {@code state[p]}: how many steps this parameter has taken, and named buffers of the
 * parameter's shape (the running averages of an adaptive optimiser, the velocity of momentum).
 *
 * <p>Each parameter has a state of its own: a parameter frozen for some steps has taken fewer
 * steps than the others, and its buffers did not move while it was frozen.
 */
public final class ParameterState {

    private final int numRows;
    private final int numCols;
    private final Map<String, DMatrixRMaj> buffers = new HashMap<>();
    private int steps;

    /** A state with no steps taken and no buffers yet, for a parameter of {@code p}'s shape; p is not kept. */
    public ParameterState(Parameter p) {
        this.numRows = p.value().numRows;
        this.numCols = p.value().numCols;
    }

    /**
     * The steps this parameter has taken, the current one included: 1 during its first update,
     * 0 before it. A bias correction uses it as {@code t}.
     */
    public int step() {
        return steps;
    }

    /** Counts one more step; the loop over parameters calls it once per step, before the update. */
    public void countStep() {
        steps++;
    }

    /**
     * The buffer called {@code name}, (shape of the parameter): a new zero matrix the first time
     * it is asked for, then that same matrix every time. Modify it in place; it is the state
     * itself, not a copy.
     */
    public DMatrixRMaj buffer(String name) {
        return buffers.computeIfAbsent(name, n -> new DMatrixRMaj(numRows, numCols));
    }
}
