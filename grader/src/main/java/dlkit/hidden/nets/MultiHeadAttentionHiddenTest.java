package dlkit.hidden.nets;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Check.Mistake;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.nets.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MultiHeadAttention against the reference on drawn weights, sequences and masks. Tolerances: a
 * correct solution may sum in another order, which changes the last bits: outputs and weights are
 * held to 1e-7 and gradients (longer sums) to 1e-6 relative error; every named mistake is off by
 * far more. dbk is 0 but for rounding, so it is held to 1e-10 absolutely.
 */
@Grades(MultiHeadAttention.class)
@ExtendWith(GradingRandom.class)
class MultiHeadAttentionHiddenTest {

    private static final Known NO_SCALING = new Known("MultiHeadAttention/no-scaling",
            "scores not divided by sqrt(d_head): each head's A_h = softmax(Q_h K_h^T / sqrt(d_head))");
    private static final Known SCALED_BY_D_MODEL = new Known("MultiHeadAttention/scaled-by-d-model",
            "scores divided by sqrt(d_model); each head divides by sqrt(d_head), d_head = d_model / h");
    private static final Known ALL_COLUMNS = new Known("MultiHeadAttention/scores-over-all-columns",
            "every head's scores taken over all d_model columns of Q and K; head h uses only its own d_head columns");
    private static final Known MASK_IGNORED = new Known("MultiHeadAttention/mask-ignored",
            "the mask ignored: a false entry must get weight 0");
    private static final Known UNSTABLE = new Known("MultiHeadAttention/unstable-softmax",
            "a softmax without subtracting the row's largest allowed score first: exp of a large score overflows");
    private static final Known OVERWRITTEN = new Known("MultiHeadAttention/gradient-overwritten",
            "a parameter's gradient overwritten by each backward call instead of added to");

    private static final String[] NAMES = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};

    /** Drawn weights and biases (in the order of {@link #NAMES}) and a number of heads. */
    private record Weights(List<Given<DMatrixRMaj>> values, int heads) {

        static Weights draw(RandomGenerator rng, int d, int heads) {
            List<Given<DMatrixRMaj>> values = new ArrayList<>();
            for (int p = 0; p < NAMES.length; p++) {
                values.add(Given.of(NAMES[p], Draw.normal(rng, p % 2 == 0 ? d : 1, d, p % 2 == 0 ? 0.9 : 0.5)));
            }
            return new Weights(values, heads);
        }

        int modelSize() {
            return values.get(0).copy().numRows;
        }

        MultiHeadAttention student() {
            return new MultiHeadAttention(m(0, true), m(1, true), m(2, true), m(3, true), m(4, true), m(5, true),
                    m(6, true), m(7, true), heads);
        }

        dlkit.reference.nets.MultiHeadAttention reference() {
            return reference(heads, 1.0);
        }

        /** The reference's Y with every score left undivided: wq and bq times sqrt(d_head) undo the scale. */
        DMatrixRMaj unscaledForward(DMatrixRMaj x, boolean[][] mask) {
            return reference(heads, Math.sqrt(modelSize() / heads)).forward(x, mask);
        }

        /** The reference with wq and bq scaled by {@code queryScale}: every score scales with it. */
        dlkit.reference.nets.MultiHeadAttention reference(int heads, double queryScale) {
            DMatrixRMaj wq = m(0, false);
            DMatrixRMaj bq = m(1, false);
            CommonOps_DDRM.scale(queryScale, wq);
            CommonOps_DDRM.scale(queryScale, bq);
            return new dlkit.reference.nets.MultiHeadAttention(wq, bq, m(2, false), m(3, false), m(4, false),
                    m(5, false), m(6, false), m(7, false), heads);
        }

        void unchanged(String call) {
            for (Given<DMatrixRMaj> value : values) {
                value.unchanged(call);
            }
        }

        private DMatrixRMaj m(int p, boolean student) {
            return student ? values.get(p).student() : values.get(p).copy();
        }
    }

    /** One forward and backward pass of the student's attention and of the reference's, on the same inputs. */
    private record Passes(MultiHeadAttention student, dlkit.reference.nets.MultiHeadAttention reference, DMatrixRMaj y,
                          DMatrixRMaj expectedY, DMatrixRMaj dx, DMatrixRMaj expectedDx) {

        static Passes of(Weights weights, Given<DMatrixRMaj> x, Given<DMatrixRMaj> dy, boolean[][] mask) {
            MultiHeadAttention student = weights.student();
            DMatrixRMaj y = student.forward(x.student(), Masks.copy(mask));
            DMatrixRMaj dx = student.backward(dy.student());
            Given.unchanged("MultiHeadAttention.forward and backward", x, dy);
            var reference = weights.reference();
            DMatrixRMaj expectedY = reference.forward(x.copy(), mask);
            return new Passes(student, reference, y, expectedY, dx, reference.backward(dy.copy()));
        }
    }

    /**
     * At least 2 heads of width at least 2: at d_head = 1 the scale 1/sqrt(d_head) is 1, so
     * leaving it out would go unseen, and with one head d_head = d_model.
     */
    @Test
    @Points(2)
    void forwardMatchesReference(RandomGenerator rng) {
        int heads = Draw.size(rng, 2, 3);
        int d = heads * Draw.size(rng, 2, 3);
        int t = Draw.size(rng, 2, 6);
        Weights weights = Weights.draw(rng, d, heads);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 1.2));

        MultiHeadAttention student = weights.student();
        DMatrixRMaj y = student.forward(x.student(), null);
        x.unchanged("MultiHeadAttention.forward");
        var reference = weights.reference();
        DMatrixRMaj expected = reference.forward(x.copy(), null);

        String what = "Y of MultiHeadAttention.forward, T = " + t + ", d_model = " + d + ", " + heads + " heads, no mask";
        Check.close(what, y, expected, 1e-7, NO_SCALING.wouldGive(weights.unscaledForward(x.copy(), null)),
                SCALED_BY_D_MODEL.wouldGive(weights.reference(heads, Math.sqrt(1.0 / heads)).forward(x.copy(), null)),
                ALL_COLUMNS.wouldGive(weights.reference(1, Math.sqrt(heads)).forward(x.copy(), null)));
        for (int h = 0; h < heads; h++) {
            Check.close("MultiHeadAttention.weights(" + h + ") after that forward", student.weights(h),
                    reference.weights(h), 1e-7);
        }
    }

    /**
     * Heads of width at least 2, and every row of the mask allows two positions or more: a row
     * that allows one gives it weight 1 whatever the scores, which would hide a wrong scale (or
     * none); at d_head = 1 the scale is 1.
     */
    @Test
    @Points(2)
    void forwardWithAMaskMatchesReference(RandomGenerator rng) {
        int heads = Draw.size(rng, 1, 3);
        int d = heads * Draw.size(rng, 2, 3);
        int t = Draw.size(rng, 3, 6);
        Weights weights = Weights.draw(rng, d, heads);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 1.2));
        boolean[][] mask = Masks.random(rng, t, t, false);

        DMatrixRMaj y = weights.student().forward(x.student(), Masks.copy(mask));
        x.unchanged("MultiHeadAttention.forward");
        Check.close("Y of MultiHeadAttention.forward, T = " + t + ", d_model = " + d + ", " + heads
                        + " heads, a mask with false entries and two or more true ones in every row", y,
                weights.reference().forward(x.copy(), mask), 1e-7,
                MASK_IGNORED.wouldGive(weights.reference().forward(x.copy(), null)),
                NO_SCALING.wouldGive(weights.unscaledForward(x.copy(), mask)));
    }

    /**
     * Heads of width 2 or more, and two positions or more allowed in every row but the fully
     * masked ones, as in the tests above: a wrong scale loses these points on every draw, not on some.
     */
    @Test
    @Points(1)
    void aFullyMaskedPositionGetsZeroWeights(RandomGenerator rng) {
        int heads = Draw.size(rng, 1, 2);
        int d = heads * Draw.size(rng, 2, 3);
        int t = Draw.size(rng, 3, 5);
        Weights weights = Weights.draw(rng, d, heads);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 1.0));
        Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, t, d, 1.0));
        boolean[][] mask = Masks.random(rng, t, t, true);

        Passes passes = Passes.of(weights, x, dy, mask);
        String what = " with positions 0 and " + (t - 1) + " fully masked (their weights are 0, not NaN)";
        Check.close("Y of MultiHeadAttention.forward" + what, passes.y(), passes.expectedY(), 1e-7);
        Check.close("dX of MultiHeadAttention.backward" + what, passes.dx(), passes.expectedDx(), 1e-6);
    }

    @Test
    @Points(3)
    void backwardMatchesReference(RandomGenerator rng) {
        // At least 2 heads of width at least 2, so a head's gradient written into the wrong columns
        // shows; every row of the mask allows 2 positions or more, since a row of one-hot weights
        // passes no gradient to Q and K at all.
        int heads = Draw.size(rng, 2, 3);
        int d = heads * Draw.size(rng, 2, 3);
        int t = Draw.size(rng, 3, 6);
        Weights weights = Weights.draw(rng, d, heads);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 1.2));
        Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, t, d, 1.0));
        boolean[][] mask = new boolean[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                mask[i][j] = j == i || j == (i + 1) % t || rng.nextBoolean();
            }
            mask[i][(i + 2) % t] = false;
        }

        Passes passes = Passes.of(weights, x, dy, mask);
        String where = " of MultiHeadAttention.backward, T = " + t + ", d_model = " + d + ", " + heads + " heads, a mask";
        Check.close("dX" + where, passes.dx(), passes.expectedDx(), 1e-6);
        compareGradients(where, passes.student().parameters(), passes.reference().parameters(), null);
    }

    /** Heads of width 2 or more: a wrong scale loses these points on every draw, not on some (at d_head = 1 it is 1). */
    @Test
    @Points(1)
    void parameterGradientsAccumulateOverTwoSequences(RandomGenerator rng) {
        int heads = Draw.size(rng, 1, 2);
        int d = heads * Draw.size(rng, 2, 3);
        Weights weights = Weights.draw(rng, d, heads);
        MultiHeadAttention student = weights.student();
        var reference = weights.reference();
        var secondOnly = weights.reference();
        for (int sequence = 0; sequence < 2; sequence++) {
            int t = Draw.size(rng, 2, 5);
            Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 1.0));
            Given<DMatrixRMaj> dy = Given.of("dY", Draw.normal(rng, t, d, 1.0));
            student.forward(x.student(), null);
            student.backward(dy.student());
            Given.unchanged("MultiHeadAttention.forward and backward", x, dy);
            reference.forward(x.copy(), null);
            reference.backward(dy.copy());
            if (sequence == 1) {
                secondOnly.forward(x.copy(), null);
                secondOnly.backward(dy.copy());
            }
        }
        weights.unchanged("MultiHeadAttention's backward (it changes gradients, never weights)");
        compareGradients(" after two sequences' forward/backward without zeroGrad (gradients must add up)",
                student.parameters(), reference.parameters(), secondOnly.parameters());
    }

    @Test
    @Points(1)
    void stableWhenScoresAreHuge(RandomGenerator rng) {
        // A key bias of about 1e3 adds q_i . bk to every score of row i alike: the scores reach about
        // 1e3 and exp overflows unless each row's largest allowed score is subtracted first, while the
        // weights themselves stay ordinary (softmax ignores the shift). Heads of width 2 or more and
        // two or more allowed positions in every row, so the weights depend on the scale.
        int heads = 2;
        int d = heads * Draw.size(rng, 2, 3);
        int t = Draw.size(rng, 3, 5);
        Weights drawn = Weights.draw(rng, d, heads);
        List<Given<DMatrixRMaj>> values = new ArrayList<>(drawn.values());
        values.set(3, Given.of("bk", Draw.uniform(rng, 1, d, 800, 1600)));
        values.set(1, Given.of("bq", Draw.uniform(rng, 1, d, 0.5, 1.5)));
        Weights weights = new Weights(values, heads);
        Given<DMatrixRMaj> x = Given.of("x", Draw.normal(rng, t, d, 0.3));
        boolean[][] mask = Masks.random(rng, t, t, false);

        MultiHeadAttention student = weights.student();
        DMatrixRMaj y = student.forward(x.student(), Masks.copy(mask));
        x.unchanged("MultiHeadAttention.forward");
        var reference = weights.reference();
        String what = "MultiHeadAttention.forward with scores near 1e3 (softmax must subtract each row's largest allowed score)";
        Check.finite("Y of " + what, y, UNSTABLE);
        Check.close("Y of " + what, y, reference.forward(x.copy(), mask), 1e-7,
                NO_SCALING.wouldGive(weights.unscaledForward(x.copy(), mask)));
        for (int h = 0; h < heads; h++) {
            Check.close("MultiHeadAttention.weights(" + h + ") after " + what, student.weights(h), reference.weights(h), 1e-7);
        }
    }

    @Test
    @Points(1)
    void oneHeadOverALongerSequenceMatchesReference(RandomGenerator rng) {
        // One head: d_head = d_model, the scale is sqrt(d_model), and the whole width is one head.
        int d = Draw.size(rng, 2, 5);
        int t = Draw.size(rng, 6, 9);
        Weights weights = Weights.draw(rng, d, 1);
        Passes passes = Passes.of(weights, Given.of("x", Draw.normal(rng, t, d, 1.2)),
                Given.of("dY", Draw.normal(rng, t, d, 1.0)), null);
        String where = ", one head, T = " + t + ", d_model = " + d;
        Check.close("Y of MultiHeadAttention.forward" + where, passes.y(), passes.expectedY(), 1e-7);
        Check.close("dX of MultiHeadAttention.backward" + where, passes.dx(), passes.expectedDx(), 1e-6);
        compareGradients(" of MultiHeadAttention.backward" + where, passes.student().parameters(),
                passes.reference().parameters(), null);
    }

    /**
     * Each parameter's gradient against the reference's; {@code overwritten}, if not null, the
     * gradients of a second call alone, which a gradient overwritten instead of added to gives.
     */
    private static void compareGradients(String where, List<Parameter> student,
                                         List<dlkit.reference.core.Parameter> reference,
                                         List<dlkit.reference.core.Parameter> overwritten) {
        for (int p = 0; p < NAMES.length; p++) {
            DMatrixRMaj grad = student.get(p).grad();
            if (NAMES[p].equals("bk")) {
                Check.near("largest |dbk|" + where + " (0 but for rounding: softmax ignores a shift of a whole row)",
                        grad.getNumElements() == 0 ? 0 : CommonOps_DDRM.elementMaxAbs(grad), 0, 1e-10);
                continue;
            }
            Mistake[] mistakes = overwritten == null ? new Mistake[0]
                    : new Mistake[] {OVERWRITTEN.wouldGive(overwritten.get(p).grad())};
            Check.close("d" + NAMES[p] + where, grad, reference.get(p).grad(), 1e-6, mistakes);
        }
    }
}
