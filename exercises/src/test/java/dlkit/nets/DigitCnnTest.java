package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class DigitCnnTest {

    @Test
    void buildMakesTheLayersOfTheClassComment() {
        DigitCnn cnn = DigitCnn.build(new SplittableRandom(1));
        List<Parameter> p = cnn.parameters();
        Assertions.assertThat(p).as("DigitCnn parameters: conv weight, conv bias, dense weight, dense bias").hasSize(4);
        Assertions.assertThat(new int[] {p.get(0).value().numRows, p.get(0).value().numCols})
                .as("shape of the convolution's weight (FILTERS, KERNEL*KERNEL)").containsExactly(DigitCnn.FILTERS, 9);
        Assertions.assertThat(new int[] {p.get(2).value().numRows, p.get(2).value().numCols})
                .as("shape of the dense weight (FILTERS*4*4, 10)").containsExactly(DigitCnn.FILTERS * 16, 10);
        assertThat(p.get(1).value()).as("DigitCnn.build conv bias").isCloseTo(new DMatrixRMaj(1, DigitCnn.FILTERS), 0);
        assertThat(p.get(3).value()).as("DigitCnn.build dense bias").isCloseTo(new DMatrixRMaj(1, 10), 0);
        DMatrixRMaj logits = cnn.forward(new DMatrixRMaj(3, 64));
        Assertions.assertThat(new int[] {logits.numRows, logits.numCols}).as("shape of DigitCnn.forward on 3 images")
                .containsExactly(3, 10);
    }

    @Test
    void forwardIsConvReluPoolDense() {
        // One filter, the 3x3 kernel with a single 1 in the centre and bias -1: the convolution
        // gives x - 1, ReLU keeps max(x - 1, 0), pooling the largest of each 2x2 block. With the
        // image all 0 except the value 3 at (0,0) and 5 at (7,7), the 16 pooled values are 2 at
        // block 0, 4 at block 15 and 0 elsewhere; a dense layer that sums the 16 into output 0
        // gives 6 there, and its bias 0.5 in output 1.
        DMatrixRMaj kernel = new DMatrixRMaj(1, 9);
        kernel.set(0, 4, 1);
        Conv2d conv = new Conv2d(1, 3, 3, 1, 1, kernel, Matrices.row(-1));
        DMatrixRMaj w = new DMatrixRMaj(16, 10);
        for (int i = 0; i < 16; i++) {
            w.set(i, 0, 1);
        }
        DMatrixRMaj b = new DMatrixRMaj(1, 10);
        b.set(0, 1, 0.5);
        DigitCnn cnn = new DigitCnn(conv, new MaxPool2d(2, 2), new Dense(w, b));
        DMatrixRMaj x = new DMatrixRMaj(1, 64);
        x.set(0, 0, 3);
        x.set(0, 63, 5);
        DMatrixRMaj expected = new DMatrixRMaj(1, 10);
        expected.set(0, 0, 6);
        expected.set(0, 1, 0.5);
        assertThat(cnn.forward(x)).as("DigitCnn.forward logits").isCloseTo(expected, 1e-15);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Random weights and inputs: no ReLU input within 1e-5 of 0 and no near-tie in a pooling
        // window in practice, so the network is linear around the point: tolerance 1e-6, about
        // 1e-9 observed.
        Random rng = new Random(16);
        DigitCnn cnn = new DigitCnn(
                new Conv2d(1, 3, 3, 1, 1, RandomMatrices_DDRM.rectangle(3, 9, -1, 1, rng), RandomMatrices_DDRM.rectangle(1, 3, -0.5, 0.5, rng)),
                new MaxPool2d(2, 2),
                new Dense(RandomMatrices_DDRM.rectangle(48, 10, -0.5, 0.5, rng), RandomMatrices_DDRM.rectangle(1, 10, -0.5, 0.5, rng)));
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(2, 64, -2, 2, rng);
        DMatrixRMaj dy = RandomMatrices_DDRM.rectangle(2, 10, -1, 1, rng);

        cnn.forward(x);
        DMatrixRMaj dx = cnn.backward(dy);

        assertThat(dx).as("DigitCnn.backward dX against centred differences")
                .isCloseTo(GradientCheck.numericGradient(cnn::forward, x, dy), 1e-6);
        for (Parameter p : cnn.parameters()) {
            assertThat(p.grad()).as("DigitCnn.backward gradient of " + p + " against centred differences")
                    .isCloseTo(GradientCheck.numericGradient(v -> cnn.forward(x), p.value(), dy), 1e-6);
        }
    }
}
