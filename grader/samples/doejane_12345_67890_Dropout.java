package dlkit.layers;

import dlkit.core.Matrices;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Inverted dropout (Srivastava et al., 2014): in training, each unit is dropped (set to 0) with
 * probability {@code p} and the units kept are scaled up by {@code 1 / (1 - p)}, so the expected
 * output equals the input and inference needs no change at all.
 * <pre>
 *   training:   m_ij = 1 with probability 1 - p, else 0      (a fresh mask every forward pass)
 *               y    = x * m / (1 - p)                         (element-wise)
 *               dx   = dy * m / (1 - p)                        (the SAME mask and scale)
 *   inference:  y = x,  dx = dy
 * </pre>
 * Convention, as {@code torch.nn.Dropout}: {@code p} is the probability of DROPPING a unit.
 * CS231n's assignments (since 2018) use {@code p} for the probability of KEEPING one: dropout
 * with their p = 0.8 is this class with p = 0.2.
 *
 * <p>Order of random draws, so that runs can be compared exactly: each training forward pass
 * draws exactly one {@code rng.nextDouble()} per element of {@code x}, in row-major order
 * (row 0 from left to right, then row 1, ...), whatever {@code p} is, and keeps the element when
 * that number is {@code < 1 - p}. So p = 0 keeps everything (the identity) and p = 1 drops
 * everything (zeros, and no division by zero). Inference draws nothing.
 */
public final class Dropout implements Layer {

    private final double p;
    private final RandomGenerator rng;
    private boolean training = true;
    /**
     * The scaled mask of the last forward pass, (N, D): {@code m / (1 - p)}, so each element is
     * 0 or {@code 1 / (1 - p)}; all ones after a forward pass in inference mode; null before
     * the first forward pass.
     */
    private DMatrixRMaj mask;

    /**
     * @param p   the probability of dropping each unit, in [0, 1]
     * @param rng the source of every random draw; the layer keeps it and draws from it
     */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p (the probability of dropping) must be in [0, 1] but was " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** The probability of dropping a unit. */
    public double p() {
        return p;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /**
     * Training: drops each element of {@code x} with probability p and scales the rest by
     * 1 / (1 - p), drawing as the class comment prescribes. Inference: a copy of {@code x}.
     * Does not modify {@code x}; sets {@link #mask}.
     *
     * @param x the input, (N, D)
     * @return a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Matrices.requireShape("x", x, "N, D", Matrices.ANY, Matrices.ANY);
        // TODO: in inference mode, the mask is all ones. In training mode, for each element in
        //  row-major order (the order of x.data), draw rng.nextDouble(): the element is kept when
        //  the draw is < 1 - p, and its mask value is then 1 / (1 - p), else 0. Store the scaled
        //  mask in the field mask and return x * mask element-wise.
        //  Hint: never compute 1 / (1 - p) for an element that is dropped (p = 1 would give
        //  0 * infinity = NaN).
        mask = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int k = 0; k < x.getNumElements(); k++) {
            // mistake: kept units are not rescaled by 1 / (1 - p)
            mask.data[k] = !training || rng.nextDouble() < 1 - p ? 1 : 0;
            out.data[k] = mask.data[k] * x.data[k];
        }
        return out;
    }

    /**
     * dx = dy * mask: the mask and scale of the last forward pass (identity after a forward pass
     * in inference mode). Draws nothing; does not modify {@code gradOutput}.
     *
     * @param gradOutput dL/dy, (N, D) as the last forward pass's input
     * @return dL/dx, a new (N, D) matrix
     */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        if (mask == null) {
            throw new IllegalStateException("Dropout.backward called before any forward pass");
        }
        Matrices.requireShape("gradOutput", gradOutput, "N, D", mask.numRows, mask.numCols);
        // TODO: multiply gradOutput element-wise by the mask stored in the forward pass. Do not
        //  draw a new mask: the gradient flows only through the units that were kept.
        DMatrixRMaj gradInput = new DMatrixRMaj(gradOutput.numRows, gradOutput.numCols);
        for (int k = 0; k < gradInput.getNumElements(); k++) gradInput.data[k] = gradOutput.data[k] * mask.data[k];
        return gradInput;
    }
}
