package dlkit.hidden.nets;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.ScaledDotProductAttention;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(ScaledDotProductAttention.class)
@ExtendWith(GradingRandom.class)
class ScaledDotProductAttentionHiddenTest {

    private static final Known MASK_IGNORED = new Known("ScaledDotProductAttention/mask-ignored",
            "the mask ignored: a false entry must get weight 0");
    private static final Known NO_SCALING = new Known("ScaledDotProductAttention/no-scaling", "scores not divided by sqrt(d_k)");
    private static final Known SCALED_BY_D_K = new Known("ScaledDotProductAttention/scaled-by-d-k",
            "scores divided by d_k; the scale is 1/sqrt(d_k)");
    private static final Known UNSTABLE = new Known("ScaledDotProductAttention/unstable-softmax",
            "a softmax without subtracting the row maximum first: exp of a large score overflows");
    private static final Known WRONG_AXIS = new Known("ScaledDotProductAttention/softmax-over-queries",
            "softmax over the wrong axis: each row (one query) must sum to 1 over the keys");

    @Test
    @Points(2)
    void weightsWithoutMaskMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 6);
        int m = Draw.size(rng, 2, 6);
        int dk = Draw.size(rng, 2, 8);
        DMatrixRMaj q = Draw.normal(rng, n, dk, 1.5);
        DMatrixRMaj k = Draw.normal(rng, m, dk, 1.5);

        DMatrixRMaj actual = studentWeights(q, k, null);
        DMatrixRMaj expected = dlkit.reference.nets.ScaledDotProductAttention.weights(q, k, null);

        Check.close("ScaledDotProductAttention.weights, " + n + " queries, " + m + " keys, d_k = " + dk + ", no mask",
                actual, expected, 1e-9, unscaled(q, k, null), scaledByDk(q, k, null), overQueries(q, k, null));
    }

    /**
     * Every row of the mask allows two keys or more: a row that allows one gives it weight 1
     * whatever the scores, so a wrong scale (or none) would go unseen in that row, and in the
     * whole test when every row is so. d_k >= 2, since at d_k = 1 all the scales agree.
     */
    @Test
    @Points(2)
    void weightsWithMaskMatchReference(RandomGenerator rng) {
        int n = Draw.size(rng, 2, 6);
        int m = Draw.size(rng, 3, 7);
        int dk = Draw.size(rng, 2, 8);
        DMatrixRMaj q = Draw.normal(rng, n, dk, 1.5);
        DMatrixRMaj k = Draw.normal(rng, m, dk, 1.5);
        boolean[][] mask = Masks.random(rng, n, m, false);

        DMatrixRMaj actual = studentWeights(q, k, mask);
        DMatrixRMaj expected = dlkit.reference.nets.ScaledDotProductAttention.weights(q, k, mask);

        Check.close("ScaledDotProductAttention.weights, " + n + " queries, " + m + " keys, d_k = " + dk
                        + ", a mask with false entries and two or more true ones in every row", actual, expected, 1e-9,
                MASK_IGNORED.wouldGive(dlkit.reference.nets.ScaledDotProductAttention.weights(q, k, null)),
                unscaled(q, k, mask), scaledByDk(q, k, mask), overQueries(q, k, mask));
    }

    /** A mask as in {@link #weightsWithMaskMatchReference}: two or more keys allowed in every row, d_k >= 2. */
    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 1, 6);
        int m = Draw.size(rng, 3, 6);
        int dk = Draw.size(rng, 2, 8);
        int dv = Draw.size(rng, 1, 5);
        DMatrixRMaj q = Draw.normal(rng, n, dk, 1.5);
        DMatrixRMaj k = Draw.normal(rng, m, dk, 1.5);
        DMatrixRMaj v = Draw.normal(rng, m, dv, 1.0);
        boolean[][] mask = Masks.random(rng, n, m, false);
        DMatrixRMaj q0 = q.copy();

        DMatrixRMaj actual = studentForward(q, k, v, mask);
        DMatrixRMaj expected = dlkit.reference.nets.ScaledDotProductAttention.forward(q0, k, v, mask);

        DMatrixRMaj unscaledOut = new DMatrixRMaj(n, dv);
        CommonOps_DDRM.mult(unscaled(q0, k, mask).wouldGive(), v, unscaledOut);
        DMatrixRMaj byDkOut = new DMatrixRMaj(n, dv);
        CommonOps_DDRM.mult(scaledByDk(q0, k, mask).wouldGive(), v, byDkOut);
        Check.close("ScaledDotProductAttention.forward (A V), " + n + " queries, " + m + " keys, d_k = " + dk
                + ", d_v = " + dv + ", with a mask", actual, expected, 1e-9,
                NO_SCALING.wouldGive(unscaledOut), SCALED_BY_D_K.wouldGive(byDkOut));
    }

    /**
     * d_k >= 2 and two keys or more allowed in every other row, as in the tests above, so a wrong
     * scale loses these points on every draw, not on some.
     */
    @Test
    @Points(1)
    void fullyMaskedQueriesGetZeros(RandomGenerator rng) {
        int n = Draw.size(rng, 3, 6);
        int m = Draw.size(rng, 3, 5);
        int dk = Draw.size(rng, 2, 4);
        DMatrixRMaj q = Draw.normal(rng, n, dk, 1.0);
        DMatrixRMaj k = Draw.normal(rng, m, dk, 1.0);
        DMatrixRMaj v = Draw.normal(rng, m, 3, 1.0);
        boolean[][] mask = Masks.random(rng, n, m, true);

        Check.close("ScaledDotProductAttention.weights with rows " + fullyMasked(mask)
                        + " fully masked (their weights must be 0, not NaN)",
                studentWeights(q, k, mask),
                dlkit.reference.nets.ScaledDotProductAttention.weights(q, k, mask), 1e-9);
        Check.close("ScaledDotProductAttention.forward with rows " + fullyMasked(mask) + " fully masked (output 0)",
                studentForward(q, k, v, mask),
                dlkit.reference.nets.ScaledDotProductAttention.forward(q, k, v, mask), 1e-9);
    }

    @Test
    @Points(1)
    void stableWhenScoresAreHuge(RandomGenerator rng) {
        // A shared first coordinate adds about 1e3 to every score: exp overflows unless the row's
        // maximum is subtracted first; the weights themselves stay ordinary.
        int n = Draw.size(rng, 1, 4);
        int m = Draw.size(rng, 2, 5);
        DMatrixRMaj q = Draw.normal(rng, n, 3, 1.0);
        DMatrixRMaj k = Draw.normal(rng, m, 3, 1.0);
        double offset = rng.nextDouble(1500, 3000);
        for (int i = 0; i < n; i++) {
            q.set(i, 0, 1.0);
        }
        for (int j = 0; j < m; j++) {
            k.set(j, 0, offset);
        }
        String what = "ScaledDotProductAttention.weights with scores near " + Math.round(offset / Math.sqrt(3))
                + " (softmax must subtract the row maximum)";
        DMatrixRMaj actual = studentWeights(q, k, null);
        Check.finite(what, actual, UNSTABLE);
        Check.close(what, actual,
                dlkit.reference.nets.ScaledDotProductAttention.weights(q, k, null), 1e-9);
    }

    @Test
    @Points(1)
    void aMaskedHugeScoreLeavesTheOthersAlone(RandomGenerator rng) {
        // Key 0 scores about 1e3 above the others but is masked: the shift must be the largest
        // allowed score, or every allowed exp underflows to 0.
        int n = Draw.size(rng, 1, 4);
        int m = Draw.size(rng, 3, 6);
        DMatrixRMaj q = Draw.normal(rng, n, 3, 1.0);
        DMatrixRMaj k = Draw.normal(rng, m, 3, 1.0);
        boolean[][] mask = new boolean[n][m];
        for (int i = 0; i < n; i++) {
            q.set(i, 0, 1.0);
            java.util.Arrays.fill(mask[i], true);
            mask[i][0] = false;
        }
        k.set(0, 0, rng.nextDouble(1500, 3000));
        Check.close("ScaledDotProductAttention.weights with a masked key scoring about 1e3 above the others",
                studentWeights(q, k, mask), dlkit.reference.nets.ScaledDotProductAttention.weights(q.copy(), k.copy(), mask), 1e-9);
    }

    /** The weights of scores not divided at all: the reference on q times sqrt(d_k). */
    private static Mistake unscaled(DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        return NO_SCALING.wouldGive(weightsWithQueriesTimes(Math.sqrt(q.numCols), q, k, mask));
    }

    /** The weights of scores divided by d_k: the reference on q divided by sqrt(d_k). */
    private static Mistake scaledByDk(DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        return SCALED_BY_D_K.wouldGive(weightsWithQueriesTimes(1 / Math.sqrt(q.numCols), q, k, mask));
    }

    /** The reference's weights with q multiplied by {@code factor}: every score is multiplied by it. */
    private static DMatrixRMaj weightsWithQueriesTimes(double factor, DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        DMatrixRMaj scaledQ = q.copy();
        CommonOps_DDRM.scale(factor, scaledQ);
        return dlkit.reference.nets.ScaledDotProductAttention.weights(scaledQ, k, mask);
    }

    /** softmax taken down each column (over the queries) instead of along each row (over the keys). */
    private static Mistake overQueries(DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        boolean[][] transposedMask = null;
        if (mask != null) {
            transposedMask = new boolean[k.numRows][q.numRows];
            for (int i = 0; i < q.numRows; i++) {
                for (int j = 0; j < k.numRows; j++) {
                    transposedMask[j][i] = mask[i][j];
                }
            }
        }
        DMatrixRMaj byColumn = dlkit.reference.nets.ScaledDotProductAttention.weights(k, q, transposedMask);
        return WRONG_AXIS.wouldGive(CommonOps_DDRM.transpose(byColumn, null));
    }

    /** The student's weights on copies of q, k and the mask; q and k must come back unchanged. */
    private static DMatrixRMaj studentWeights(DMatrixRMaj q, DMatrixRMaj k, boolean[][] mask) {
        Given<DMatrixRMaj> givenQ = Given.of("q", q);
        Given<DMatrixRMaj> givenK = Given.of("k", k);
        DMatrixRMaj weights = ScaledDotProductAttention.weights(givenQ.student(), givenK.student(), Masks.copy(mask));
        Given.unchanged("ScaledDotProductAttention.weights", givenQ, givenK);
        return weights;
    }

    /** The student's forward on copies of q, k, v and the mask; q, k and v must come back unchanged. */
    private static DMatrixRMaj studentForward(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] mask) {
        Given<DMatrixRMaj> givenQ = Given.of("q", q);
        Given<DMatrixRMaj> givenK = Given.of("k", k);
        Given<DMatrixRMaj> givenV = Given.of("v", v);
        DMatrixRMaj out = ScaledDotProductAttention.forward(givenQ.student(), givenK.student(), givenV.student(), Masks.copy(mask));
        Given.unchanged("ScaledDotProductAttention.forward", givenQ, givenK, givenV);
        return out;
    }

    private static String fullyMasked(boolean[][] mask) {
        return "0 and " + (mask.length - 1);
    }
}
