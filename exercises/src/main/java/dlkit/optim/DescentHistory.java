package dlkit.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The path of a gradient-descent run: the iterates {@code w_0, w_1, ..., w_T} and the function's
 * values {@code f(w_0), ..., f(w_T)} at them, so both lists have T + 1 entries; entry 0 is the
 * starting point.
 */
public record DescentHistory(List<DMatrixRMaj> iterates, List<Double> values) {

    public DescentHistory {
        if (iterates.size() != values.size()) {
            throw new IllegalArgumentException("a history needs one value per iterate but has "
                    + iterates.size() + " iterates and " + values.size() + " values");
        }
        iterates = List.copyOf(iterates);
        values = List.copyOf(values);
    }

    /** The number of steps taken, T. */
    public int steps() {
        return iterates.size() - 1;
    }

    /** The last iterate, w_T. */
    public DMatrixRMaj last() {
        return iterates.get(iterates.size() - 1);
    }
}
