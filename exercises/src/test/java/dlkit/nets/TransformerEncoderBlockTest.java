package dlkit.nets;

import static dlkit.nets.MultiHeadAttentionTest.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.LayerNorm;
import dlkit.layers.ReLU;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class TransformerEncoderBlockTest {

    /** A block over d_model = 4 with 2 heads and d_ff = 6, every parameter drawn at random. */
    private static TransformerEncoderBlock block(SplittableRandom rng) {
        TransformerEncoderBlock block = TransformerEncoderBlock.of(MultiHeadAttention.create(4, 2, rng),
                Dense.create(4, 6, rng), Dense.create(6, 4, rng));
        for (Parameter p : block.parameters()) {
            p.value().setTo(random(rng, p.value().numRows, p.value().numCols, 0.9));
        }
        return block;
    }

    @Test
    void forwardIsPostNormWithTwoResiduals() {
        // The same parts composed by hand: S = LN1(X + MHA(X)), Y = LN2(S + W2 relu(W1 S)).
        SplittableRandom rng = new SplittableRandom(8);
        MultiHeadAttention attention = MultiHeadAttention.create(4, 2, rng);
        Dense linear1 = Dense.create(4, 6, rng);
        Dense linear2 = Dense.create(6, 4, rng);
        linear1.bias().value().setTo(random(rng, 1, 6, 0.5));
        DMatrixRMaj x = random(rng, 3, 4, 2.0);

        DMatrixRMaj u = x.copy();
        CommonOps_DDRM.addEquals(u, attention.forward(x));
        DMatrixRMaj s = new LayerNorm(4).forward(u);
        DMatrixRMaj z = s.copy();
        CommonOps_DDRM.addEquals(z, linear2.forward(new ReLU().forward(linear1.forward(s))));
        DMatrixRMaj expected = new LayerNorm(4).forward(z);

        assertThat(TransformerEncoderBlock.of(attention, linear1, linear2).forward(x)).as("TransformerEncoderBlock.forward Y")
                .isCloseTo(expected, 1e-14);
    }

    @Test
    void everyOutputRowIsNormalised() {
        // Post-norm: the block ends with a layer norm (gamma 1, beta 0), so every row of Y has mean 0
        // and variance var / (var + eps), just under 1.
        SplittableRandom rng = new SplittableRandom(9);
        TransformerEncoderBlock block = TransformerEncoderBlock.of(MultiHeadAttention.create(4, 2, rng),
                Dense.create(4, 6, rng), Dense.create(6, 4, rng));
        DMatrixRMaj y = block.forward(random(rng, 5, 4, 3.0));
        for (int i = 0; i < 5; i++) {
            double mean = 0;
            double squares = 0;
            for (int j = 0; j < 4; j++) {
                mean += y.get(i, j) / 4;
                squares += y.get(i, j) * y.get(i, j) / 4;
            }
            assertThat(mean).as("TransformerEncoderBlock.forward mean of row " + i).isCloseTo(0.0, within(1e-12));
            assertThat(squares).as("TransformerEncoderBlock.forward variance of row " + i).isCloseTo(1.0, within(1e-3));
        }
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // dX and all sixteen parameter gradients; tolerance 1e-6, a correct block gives around 1e-8.
        SplittableRandom rng = new SplittableRandom(10);
        TransformerEncoderBlock block = block(rng);
        DMatrixRMaj x = random(rng, 3, 4, 1.5);
        DMatrixRMaj dy = random(rng, 3, 4, 1.0);

        block.forward(x);
        DMatrixRMaj dx = block.backward(dy);

        assertThat(dx).as("TransformerEncoderBlock.backward dX against centred differences")
                .isCloseTo(GradientCheck.numericGradient(block::forward, x, dy), 1e-6);
        for (Parameter p : block.parameters()) {
            DMatrixRMaj numeric = GradientCheck.numericGradient(w -> block.forward(x), p.value(), dy);
            assertThat(p.grad()).as("TransformerEncoderBlock.backward gradient of " + p.name() + " against centred differences")
                    .isCloseTo(numeric, 1e-6);
        }
    }

    @Test
    void parametersAreThePartsInOrder() {
        TransformerEncoderBlock block = block(new SplittableRandom(11));
        assertThat(block.parameters().stream().map(Parameter::name).toList()).as("TransformerEncoderBlock.parameters names")
                .containsExactly("wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo", "gamma", "beta", "weight", "bias",
                        "weight", "bias", "gamma", "beta");
    }

    @Test
    void partsOfTheWrongWidthAreRefused() {
        SplittableRandom rng = new SplittableRandom(12);
        assertThatThrownBy(() -> TransformerEncoderBlock.of(MultiHeadAttention.create(4, 2, rng), Dense.create(4, 6, rng),
                Dense.create(5, 4, rng)), "TransformerEncoderBlock.of with linear2 of 5 inputs after 6 hidden units")
                .hasMessageContaining("linear2's weight: expected (d_ff, d_model) = (6, 4) but was (5, 4)");
    }
}
