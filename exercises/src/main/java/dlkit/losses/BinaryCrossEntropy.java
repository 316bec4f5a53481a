package dlkit.losses;

import dlkit.core.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * Binary cross-entropy computed from logits: each element is a separate yes/no prediction
 * with probability {@code sigmoid(z)} and a target {@code t} in [0, 1] (a label 0 or 1, or a
 * soft label). Over all {@code count = N * K} elements:
 * <pre>
 *   L     = (1/count) * sum [ -t log sigmoid(z) - (1 - t) log(1 - sigmoid(z)) ]
 *         = (1/count) * sum [ max(z, 0) - z t + log(1 + exp(-|z|)) ]     the stable form, same value
 *   dL/dz = (sigmoid(z) - t) / count
 * </pre>
 * Convention, as {@code torch.nn.BCEWithLogitsLoss} with its defaults: the input is logits, and
 * the loss is the MEAN over every element (all N * K of them, not only the N rows). Why the stable
 * form: at z = 1000 and t = 0 the first line needs log(1 - sigmoid(1000)) = log(0) = -infinity in
 * floating point, although the true loss is just 1000. {@code Math.log1p} keeps
 * log(1 + tiny) accurate.
 */
public final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {}

    /**
     * The mean binary cross-entropy and its gradient. No argument is modified.
     *
     * @param logits  the scores z, (N, K), at least one element
     * @param targets the targets t, (N, K) like the logits, each in [0, 1]
     * @return the loss and dL/dlogits, a new (N, K) matrix
     */
    public static LossAndGradient compute(DMatrixRMaj logits, DMatrixRMaj targets) {
        Matrices.requireShape("logits", logits, "N, K", Matrices.ANY, Matrices.ANY);
        Matrices.requireShape("targets", targets, "N, K", logits.numRows, logits.numCols);
        if (logits.getNumElements() == 0) {
            throw new IllegalArgumentException("logits: expected at least one element but was (0, 0)");
        }
        for (int i = 0; i < targets.getNumElements(); i++) {
            if (!(targets.data[i] >= 0 && targets.data[i] <= 1)) {
                String where = "element " + i + " (row-major)";
                throw new IllegalArgumentException("targets: every target must be in [0, 1] but " + where + " was " + targets.data[i]);
            }
        }
        // TODO: add up max(z, 0) - z t + log1p(exp(-|z|)) over all elements, and set each
        //  gradient element to sigmoid(z) - t; divide both by the number of elements.
        //  Hint: compute sigmoid(z) without overflow: 1 / (1 + exp(-z)) for z >= 0 and
        //  exp(z) / (1 + exp(z)) for z < 0. A numeric gradient check gives around 1e-9.
        throw new UnsupportedOperationException("not implemented yet: BinaryCrossEntropy.compute");
    }
}
