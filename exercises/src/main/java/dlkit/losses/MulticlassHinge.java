package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Multiclass hinge loss (the multiclass SVM loss of Weston and Watkins, as CS231n teaches it):
 * the correct class's score should beat every other score by at least a margin.
 * <pre>
 *   L_i = sum_{j != y_i} max(0, s_ij - s_iy_i + margin)
 *   L   = (1/N) sum_i L_i                         averaged over samples (CS231n)
 * </pre>
 * Gradient, for each term whose max is positive: +1 on s_ij and -1 on s_iy_i, all divided by N.
 *
 * <p>Two conventions exist. CS231n (the default here) averages over the N samples only.
 * {@code torch.nn.MultiMarginLoss()} (p = 1, margin = 1) also divides each L_i by the number of
 * classes C, so PyTorch's loss = this loss / C. Construct with {@code divideByClasses = true} to
 * get PyTorch's numbers. The term j = y_i is left out of the sum in both (it would add a constant
 * {@code margin} per sample).
 */
public final class MulticlassHinge {

    private final double margin;
    private final boolean divideByClasses;

    /** CS231n's loss: margin 1, averaged over samples only. */
    public MulticlassHinge() {
        this(1.0, false);
    }

    /**
     * @param margin          the required gap between the correct score and every other, > 0
     * @param divideByClasses true for PyTorch's MultiMarginLoss (also divided by C), false for CS231n
     */
    public MulticlassHinge(double margin, boolean divideByClasses) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("MulticlassHinge: margin must be > 0 but was " + margin);
        }
        this.margin = margin;
        this.divideByClasses = divideByClasses;
    }

    /**
     * The loss and its gradient with respect to the scores. No argument is modified.
     *
     * @param scores s, (N, C): one row of class scores per sample
     * @param labels y, N class indices in [0, C)
     * @return the loss and dL/ds, a new (N, C) matrix
     */
    public LossAndGradient compute(DMatrixRMaj scores, int[] labels) {
        Matrices.requireShape("scores", scores, "N, C", Matrices.ANY, Matrices.ANY);
        Labels.check(labels, scores.numRows, scores.numCols);
        // TODO: for each sample add max(0, s_j - s_y + margin) over the classes j != y; where the
        //  term is positive, add 1 to dL/ds_j and subtract 1 from dL/ds_y. Divide the loss and the
        //  gradient by N (and by C when divideByClasses). A numeric gradient check should agree to
        //  about 1e-9 (away from the kinks, where a term is exactly 0).
        throw new UnsupportedOperationException("not implemented yet: MulticlassHinge.compute");
    }
}
