package dlkit.nets;

import static dlkit.nets.MultiHeadAttentionTest.random;
import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.assertThatThrownBy;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
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

    /** A stand-in part written here: {@code x W + b}, so the composition can be checked without your parts. */
    private static final class Affine implements Layer {
        private final DMatrixRMaj w;
        private final DMatrixRMaj b;
        private DMatrixRMaj input;

        Affine(SplittableRandom rng, int in, int out) {
            w = random(rng, in, out, 0.8);
            b = random(rng, 1, out, 0.5);
        }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            input = x.copy();
            DMatrixRMaj y = new DMatrixRMaj(x.numRows, w.numCols);
            CommonOps_DDRM.mult(x, w, y);
            for (int i = 0; i < y.numRows; i++) {
                for (int j = 0; j < y.numCols; j++) {
                    y.add(i, j, b.get(0, j));
                }
            }
            return y;
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
            DMatrixRMaj dx = new DMatrixRMaj(input.numRows, w.numRows);
            CommonOps_DDRM.multTransB(gradOutput, w, dx);
            return dx;
        }
    }

    /** A stand-in part written here: x^3 element by element. */
    private static final class Cube implements Layer {
        private DMatrixRMaj input;

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            input = x.copy();
            return dlkit.core.Matrices.map(x, v -> v * v * v);
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
            DMatrixRMaj dx = dlkit.core.Matrices.map(input, v -> 3 * v * v);
            CommonOps_DDRM.elementMult(dx, gradOutput);
            return dx;
        }
    }

    @Test
    void theCompositionWithPartsWrittenHere() {
        // Parts that are not yours (affine maps and a cube), so this checks only the residuals and
        // the order: forward against the composition by hand, backward against centred differences.
        SplittableRandom rng = new SplittableRandom(14);
        Layer attention = new Affine(rng, 3, 3);
        Layer norm1 = new Affine(rng, 3, 3);
        Layer linear1 = new Affine(rng, 3, 5);
        Layer linear2 = new Affine(rng, 5, 3);
        Layer norm2 = new Affine(rng, 3, 3);
        TransformerEncoderBlock block = new TransformerEncoderBlock(attention, norm1, linear1, new Cube(), linear2, norm2);
        DMatrixRMaj x = random(rng, 4, 3, 1.0);
        DMatrixRMaj dy = random(rng, 4, 3, 1.0);

        DMatrixRMaj u = x.copy();
        CommonOps_DDRM.addEquals(u, attention.forward(x));
        DMatrixRMaj s = norm1.forward(u);
        DMatrixRMaj z = s.copy();
        CommonOps_DDRM.addEquals(z, linear2.forward(new Cube().forward(linear1.forward(s))));
        DMatrixRMaj expected = norm2.forward(z);

        assertThat(block.forward(x)).as("TransformerEncoderBlock.forward Y on stand-in parts").isCloseTo(expected, 1e-13);
        DMatrixRMaj dx = block.backward(dy);
        assertThat(dx).as("TransformerEncoderBlock.backward dX on stand-in parts against centred differences")
                .isCloseTo(GradientCheck.numericGradient(block::forward, x, dy), 1e-6);
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
