package dlkit.train;

import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Early stopping: watch a validation metric once per epoch, stop when it has not improved for
 * {@code patience} epochs in a row, and put back the weights of the best epoch.
 *
 * <p>An epoch improves when its metric beats the best so far by MORE than {@code minDelta}:
 * in mode {@link Mode#MIN} (a loss) when {@code metric < best - minDelta}, in mode
 * {@link Mode#MAX} (an accuracy) when {@code metric > best + minDelta}. The first epoch always
 * improves. Then the best metric, its epoch and a copy of every parameter's value are kept.
 * Otherwise the count of epochs without improvement grows by one, and training should stop once
 * it reaches {@code patience}. This is Keras's {@code EarlyStopping(patience, min_delta, mode,
 * restore_best_weights=True)}; there, as here, a metric equal to the best is not an improvement.
 */
public final class EarlyStopping {

    /** Whether smaller (a loss) or larger (an accuracy) is better. */
    public enum Mode { MIN, MAX }

    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private final List<Parameter> params;

    private int epoch = 0;
    private int bestEpoch = -1;
    private double best = Double.NaN;
    private int epochsWithoutImprovement = 0;
    /** Copies of the parameters' values at the best epoch, in the order of {@code params}. */
    private final List<DMatrixRMaj> bestValues = new ArrayList<>();

    /**
     * @param mode     MIN or MAX
     * @param patience how many epochs in a row without improvement stop training, >= 1
     * @param minDelta the smallest change that counts as an improvement, >= 0
     * @param params   the parameters whose best values are kept and restored; the list is copied
     */
    public EarlyStopping(Mode mode, int patience, double minDelta, List<Parameter> params) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: need patience >= 1 and minDelta >= 0 but got "
                    + patience + " and " + minDelta);
        }
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        this.params = List.copyOf(params);
    }

    /**
     * Records the metric of the epoch just finished (epochs are counted 0, 1, 2, ... by the calls).
     * On an improvement, keeps copies of the parameters' current values. Modifies this object's
     * state only, never the parameters.
     *
     * @return true when training should stop: {@code patience} epochs in a row without improvement
     */
    public boolean update(double metric) {
        // TODO: decide whether this epoch improves (see the class comment; the first epoch always
        //  does). If so, remember metric, epoch and copies of every parameter's value (.copy())
        //  and reset the count of epochs without improvement; otherwise add one to the count.
        //  Count the epoch, then answer whether the count has reached patience.
        throw new UnsupportedOperationException("not implemented yet: EarlyStopping.update");
    }

    /**
     * Puts the values kept at the best epoch back into the parameters. Modifies the parameters'
     * values.
     *
     * @throws IllegalStateException before the first {@link #update}
     */
    public void restoreBestWeights() {
        if (bestEpoch < 0) {
            throw new IllegalStateException("restoreBestWeights: no epoch recorded yet; call update first");
        }
        // TODO: copy each kept value back into its parameter's value, element by element
        //  (value().setTo(kept) does it), so the parameter objects stay the same.
        throw new UnsupportedOperationException("not implemented yet: EarlyStopping.restoreBestWeights");
    }

    /** The epoch (counted from 0) with the best metric so far, or -1 before the first update. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best metric so far, NaN before the first update. */
    public double best() {
        return best;
    }

    /** How many epochs in a row have passed without improvement. */
    public int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }
}
