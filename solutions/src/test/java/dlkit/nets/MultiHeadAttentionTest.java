package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {

    /** Identity projections with zero biases, except bo: Y = O + bo, O the heads' outputs side by side. */
    private static MultiHeadAttention identity(int d, int heads, DMatrixRMaj bo) {
        return new MultiHeadAttention(CommonOps_DDRM.identity(d), new DMatrixRMaj(1, d), CommonOps_DDRM.identity(d),
                new DMatrixRMaj(1, d), CommonOps_DDRM.identity(d), new DMatrixRMaj(1, d), CommonOps_DDRM.identity(d),
                bo, heads);
    }

    @Test
    void forwardByHand() {
        // d_model = 2, two heads of width 1, so the scale is sqrt(1) = 1 (not sqrt(2)). X = I.
        // Head 0 sees column 0, q = k = v = (1, 0): scores [[1, 0], [0, 0]], rows softmaxed to
        // (e, 1)/(e + 1) and (1/2, 1/2); its output (e/(e + 1), 1/2). Head 1 sees column 1: (1/2, e/(e + 1)).
        // Y = [[e/(e+1), 1/2], [1/2, e/(e+1)]] + bo, bo = (0.5, -1).
        MultiHeadAttention attention = identity(2, 2, Matrices.row(0.5, -1));
        DMatrixRMaj y = attention.forward(CommonOps_DDRM.identity(2));
        double p = Math.E / (Math.E + 1);
        assertThat(attention.weights(0)).as("MultiHeadAttention.weights(0)")
                .isCloseTo(Matrices.of(new double[][] {{p, 1 - p}, {0.5, 0.5}}), 1e-15);
        assertThat(y).as("MultiHeadAttention.forward Y").isCloseTo(Matrices.of(new double[][] {{p + 0.5, -0.5}, {1, p - 1}}), 1e-15);
    }

    @Test
    void eachHeadIsScaledDotProductAttentionOnItsColumns() {
        // With identity projections head h is ScaledDotProductAttention on columns 2h, 2h + 1 of X.
        SplittableRandom rng = new SplittableRandom(3);
        DMatrixRMaj x = random(rng, 5, 6, 1.5);
        boolean[][] mask = causal(5);
        MultiHeadAttention attention = identity(6, 3, new DMatrixRMaj(1, 6));
        DMatrixRMaj y = attention.forward(x, mask);
        for (int h = 0; h < 3; h++) {
            DMatrixRMaj xh = CommonOps_DDRM.extract(x, 0, 5, 2 * h, 2 * h + 2);
            assertThat(attention.weights(h)).as("MultiHeadAttention.weights(" + h + ")")
                    .isCloseTo(ScaledDotProductAttention.weights(xh, xh, mask), 1e-14);
            assertThat(CommonOps_DDRM.extract(y, 0, 5, 2 * h, 2 * h + 2)).as("MultiHeadAttention.forward Y, head " + h + "'s columns")
                    .isCloseTo(ScaledDotProductAttention.forward(xh, xh, xh, mask), 1e-14);
        }
    }

    @Test
    void aCausalMaskKeepsEachPositionFromTheFuture() {
        SplittableRandom rng = new SplittableRandom(4);
        MultiHeadAttention attention = MultiHeadAttention.create(4, 2, rng);
        attention.forward(random(rng, 4, 4, 1.0), causal(4));
        for (int h = 0; h < 2; h++) {
            DMatrixRMaj a = attention.weights(h);
            assertThat(a.get(0, 0)).as("MultiHeadAttention.weights(" + h + ") of position 0 on itself").isEqualTo(1.0);
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    assertThat(a.get(i, j)).as("MultiHeadAttention.weights(" + h + ") at (" + i + ", " + j + "), a future position").isEqualTo(0.0);
                }
            }
        }
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // dX and all eight parameter gradients, two heads and a causal mask; tolerance 1e-6,
        // a correct solution gives around 1e-9.
        SplittableRandom rng = new SplittableRandom(5);
        MultiHeadAttention attention = MultiHeadAttention.create(4, 2, rng);
        for (Parameter p : attention.parameters()) {
            p.value().setTo(random(rng, p.value().numRows, p.value().numCols, 0.8));
        }
        DMatrixRMaj x = random(rng, 3, 4, 1.0);
        DMatrixRMaj dy = random(rng, 3, 4, 1.0);
        boolean[][] mask = causal(3);

        attention.forward(x, mask);
        DMatrixRMaj dx = attention.backward(dy);

        assertThat(dx).as("MultiHeadAttention.backward dX against centred differences")
                .isCloseTo(GradientCheck.numericGradient(m -> attention.forward(m, mask), x, dy), 1e-6);
        for (Parameter p : attention.parameters()) {
            // The attention keeps its parameters, so nudging one in place changes the forward pass.
            DMatrixRMaj numeric = GradientCheck.numericGradient(w -> attention.forward(x, mask), p.value(), dy);
            assertThat(p.grad()).as("MultiHeadAttention.backward gradient of " + p.name() + " against centred differences")
                    .isCloseTo(numeric, 1e-6);
        }
    }

    @Test
    void parameterGradientsAccumulateOverSequences() {
        // Two sequences, one backward each: the gradients are the sums of each sequence's alone.
        SplittableRandom rng = new SplittableRandom(6);
        DMatrixRMaj x1 = random(rng, 3, 4, 1.0);
        DMatrixRMaj x2 = random(rng, 2, 4, 1.0);
        DMatrixRMaj dy1 = random(rng, 3, 4, 1.0);
        DMatrixRMaj dy2 = random(rng, 2, 4, 1.0);
        MultiHeadAttention both = MultiHeadAttention.create(4, 2, new SplittableRandom(7));
        MultiHeadAttention first = MultiHeadAttention.create(4, 2, new SplittableRandom(7));
        MultiHeadAttention second = MultiHeadAttention.create(4, 2, new SplittableRandom(7));
        both.forward(x1);
        both.backward(dy1);
        both.forward(x2);
        both.backward(dy2);
        first.forward(x1);
        first.backward(dy1);
        second.forward(x2);
        second.backward(dy2);
        for (int p = 0; p < 8; p++) {
            if (p == 3) {
                continue; // bk's gradient is 0 but for rounding: see aKeyBiasGetsNoGradient
            }
            DMatrixRMaj sum = first.parameters().get(p).grad().copy();
            CommonOps_DDRM.addEquals(sum, second.parameters().get(p).grad());
            assertThat(both.parameters().get(p).grad()).as("MultiHeadAttention gradient of "
                    + both.parameters().get(p).name() + " after two sequences").isCloseTo(sum, 1e-12);
        }
    }

    @Test
    void aKeyBiasGetsNoGradient() {
        // bk adds q_i . bk to every score of row i alike, which the softmax ignores: dbk = 0 exactly,
        // computed as rounding noise of about 1e-16.
        SplittableRandom rng = new SplittableRandom(13);
        MultiHeadAttention attention = MultiHeadAttention.create(4, 2, rng);
        attention.bq().value().setTo(random(rng, 1, 4, 1.0));
        attention.bk().value().setTo(random(rng, 1, 4, 1.0));
        attention.forward(random(rng, 5, 4, 1.0), causal(5));
        attention.backward(random(rng, 5, 4, 1.0));
        assertThat(CommonOps_DDRM.elementMaxAbs(attention.bk().grad())).as("MultiHeadAttention largest |gradient of bk|")
                .isLessThan(1e-12);
        assertThat(CommonOps_DDRM.elementMaxAbs(attention.bq().grad())).as("MultiHeadAttention largest |gradient of bq|")
                .isGreaterThan(1e-3);
    }

    @Test
    void shapesAndHeadsAreChecked() {
        assertThatThrownBy(() -> MultiHeadAttention.create(6, 4, new SplittableRandom(1)), "MultiHeadAttention with 4 heads for d_model = 6")
                .hasMessageContaining("the number of heads must divide d_model = 6 but was 4");
        MultiHeadAttention attention = MultiHeadAttention.create(4, 2, new SplittableRandom(1));
        assertThatThrownBy(() -> attention.forward(new DMatrixRMaj(3, 5)), "MultiHeadAttention.forward of a (3, 5) input")
                .hasMessageContaining("x: expected (T, d_model) = (any, 4) but was (3, 5)");
        assertThatThrownBy(() -> attention.forward(new DMatrixRMaj(3, 4), new boolean[3][2]), "MultiHeadAttention.forward with a (3, 2) mask")
                .hasMessageContaining("mask: expected (T, T) = (3, 3)");
        assertThatThrownBy(() -> MultiHeadAttention.create(4, 2, new SplittableRandom(1)).backward(new DMatrixRMaj(3, 4)),
                "MultiHeadAttention.backward before forward").isInstanceOf(IllegalStateException.class);
    }

    /** Position i may attend to positions 0 .. i. */
    static boolean[][] causal(int t) {
        boolean[][] mask = new boolean[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                mask[i][j] = true;
            }
        }
        return mask;
    }

    static DMatrixRMaj random(SplittableRandom rng, int rows, int cols, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = scale * rng.nextDouble(-1, 1);
        }
        return m;
    }
}
