package dlkit.gan;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import dlkit.losses.LossAndGradient;
import dlkit.optim.Adam;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GanTest {

    private static final DMatrixRMaj REAL = Matrices.of(new double[][] {{1.5}, {-0.3}, {0.0}});
    private static final DMatrixRMaj FAKE = Matrices.of(new double[][] {{-2.0}, {0.7}});

    @Test
    void atLogitZeroEveryLossIsLogTwo() {
        // sigmoid(0) = 1/2: each BCE term is log 2, the discriminator's loss is 2 log 2.
        DMatrixRMaj zeros = new DMatrixRMaj(4, 1);
        assertThat(Gan.discriminatorLoss(zeros, zeros).loss()).as("Gan.discriminatorLoss at logits 0")
                .isCloseTo(2 * Math.log(2), within(1e-15));
        assertThat(Gan.generatorLoss(zeros).loss()).as("Gan.generatorLoss at logits 0").isCloseTo(Math.log(2), within(1e-15));
        assertThat(Gan.saturatingGeneratorLoss(zeros).loss()).as("Gan.saturatingGeneratorLoss at logits 0")
                .isCloseTo(-Math.log(2), within(1e-15));
        // Gradients: real (1/2 - 1)/4, fake (1/2)/4.
        assertThat(Gan.discriminatorLoss(zeros, zeros).realGradient()).as("Gan.discriminatorLoss realGradient at 0")
                .isCloseTo(Matrices.of(new double[][] {{-0.125}, {-0.125}, {-0.125}, {-0.125}}), 1e-15);
        assertThat(Gan.discriminatorLoss(zeros, zeros).fakeGradient()).as("Gan.discriminatorLoss fakeGradient at 0")
                .isCloseTo(Matrices.of(new double[][] {{0.125}, {0.125}, {0.125}, {0.125}}), 1e-15);
    }

    @Test
    void gradientsMatchNumericGradients() {
        // Each batch is averaged on its own: 3 real, 2 fake logits.
        Gan.DiscriminatorLoss d = Gan.discriminatorLoss(REAL, FAKE);
        assertThat(d.realGradient()).as("Gan.discriminatorLoss realGradient against numeric")
                .isCloseTo(GradientCheck.numericGradient(r -> Gan.discriminatorLoss(r, FAKE).loss(), REAL.copy()), 1e-7);
        assertThat(d.fakeGradient()).as("Gan.discriminatorLoss fakeGradient against numeric")
                .isCloseTo(GradientCheck.numericGradient(f -> Gan.discriminatorLoss(REAL, f).loss(), FAKE.copy()), 1e-7);
        assertThat(Gan.generatorLoss(FAKE).gradient()).as("Gan.generatorLoss gradient against numeric")
                .isCloseTo(GradientCheck.numericGradient(f -> Gan.generatorLoss(f).loss(), FAKE.copy()), 1e-7);
        assertThat(Gan.saturatingGeneratorLoss(FAKE).gradient()).as("Gan.saturatingGeneratorLoss gradient against numeric")
                .isCloseTo(GradientCheck.numericGradient(f -> Gan.saturatingGeneratorLoss(f).loss(), FAKE.copy()), 1e-7);
    }

    @Test
    void theSaturatingLossStallsWhereTheDiscriminatorRejectsTheFakes() {
        // f = -10: sigmoid(f) = 4.54e-5. Saturating gradient -sigmoid(f) / N, non-saturating (sigmoid(f) - 1) / N.
        DMatrixRMaj rejected = Matrices.of(new double[][] {{-10.0}, {-10.0}});
        double s = 1 / (1 + Math.exp(10));
        assertThat(Gan.saturatingGeneratorLoss(rejected).gradient()).as("Gan.saturatingGeneratorLoss gradient at f = -10")
                .isCloseTo(Matrices.of(new double[][] {{-s / 2}, {-s / 2}}), 1e-12);
        assertThat(Gan.generatorLoss(rejected).gradient()).as("Gan.generatorLoss gradient at f = -10")
                .isCloseTo(Matrices.of(new double[][] {{(s - 1) / 2}, {(s - 1) / 2}}), 1e-12);
    }

    @Test
    void lossesStayFiniteAtHugeLogits() {
        // softplus(1000) = 1000; a naive log(1 - sigmoid(1000)) is log(0).
        DMatrixRMaj huge = Matrices.of(new double[][] {{1000.0}, {-1000.0}});
        assertThat(Gan.discriminatorLoss(huge, huge).loss()).as("Gan.discriminatorLoss at logits +-1000")
                .isCloseTo((1000.0 / 2) + (1000.0 / 2), within(1e-9));
        assertThat(Gan.generatorLoss(huge).loss()).as("Gan.generatorLoss at logits +-1000").isCloseTo(500.0, within(1e-9));
        assertThat(Gan.saturatingGeneratorLoss(huge).loss()).as("Gan.saturatingGeneratorLoss at logits +-1000")
                .isCloseTo(-500.0, within(1e-9));
    }

    @Test
    void sampleGradientMatchesNumericGradientThroughTheDiscriminator() {
        SplittableRandom rng = new SplittableRandom(7);
        Sequential d = new Sequential(Dense.create(1, 5, rng), new Tanh(), Dense.create(5, 1, rng));
        Gan gan = new Gan(new Tanh(), d, new Adam(java.util.List.of()), new Adam(d.parameters()));
        DMatrixRMaj x = Matrices.of(new double[][] {{-1.0}, {0.4}, {2.5}});
        LossAndGradient g = gan.sampleGradient(x);
        assertThat(g.loss()).as("Gan.sampleGradient loss").isCloseTo(Gan.generatorLoss(d.forward(x)).loss(), within(1e-15));
        assertThat(g.gradient()).as("Gan.sampleGradient gradient against numeric")
                .isCloseTo(GradientCheck.numericGradient(s -> Gan.generatorLoss(d.forward(s)).loss(), x.copy()), 1e-7);
    }

    @Test
    void aTrainingStepMovesEachNetworkWithItsOwnOptimiser() {
        // With lr = 0 nothing moves; the losses are those of the networks as built.
        SplittableRandom rng = new SplittableRandom(3);
        Gan gan = Gan.create(2, 4, 0.0, rng);
        DMatrixRMaj real = Matrices.of(new double[][] {{2.0}, {-2.0}});
        DMatrixRMaj noise = Matrices.of(new double[][] {{0.1, -0.5}, {1.2, 0.3}, {-0.7, 0.9}});
        DMatrixRMaj fake = gan.generator().forward(noise);
        double expectedD = Gan.discriminatorLoss(gan.discriminator().forward(real), gan.discriminator().forward(fake)).loss();
        double expectedG = Gan.generatorLoss(gan.discriminator().forward(fake)).loss();
        Gan.StepLosses losses = gan.trainStep(real, noise);
        assertThat(losses.discriminator()).as("Gan.trainStep discriminator loss").isCloseTo(expectedD, within(1e-12));
        assertThat(losses.generator()).as("Gan.trainStep generator loss").isCloseTo(expectedG, within(1e-12));
        assertThat(gan.generator().forward(noise)).as("Gan.trainStep generator with lr 0").isCloseTo(fake, 1e-15);
    }

    @Test
    void trainingFindsBothModes() {
        // 0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2): after training about half the samples on each side
        // of 0, most of them within 1.0 of a mode (the target has 95.4% there), and a mean |x| near
        // 2. The hidden tests use the same bands on another seed and say how they were measured.
        SplittableRandom rng = new SplittableRandom(11);
        Gan gan = Gan.create(1, 16, 0.005, rng);
        for (int step = 0; step < 1000; step++) {
            gan.trainStep(Mixture.sample(32, rng), Mixture.noise(32, 1, rng));
        }
        DMatrixRMaj x = gan.generator().forward(Mixture.noise(4000, 1, rng));
        int positive = 0;
        int nearAMode = 0;
        double sumAbs = 0;
        for (double v : x.data) {
            positive += v > 0 ? 1 : 0;
            nearAMode += Math.abs(Math.abs(v) - Mixture.MODE) < 2 * Mixture.SPREAD ? 1 : 0;
            sumAbs += Math.abs(v);
        }
        assertThat(positive / 4000.0).as("fraction of generated samples above 0").isBetween(0.3, 0.7);
        assertThat(nearAMode / 4000.0).as("fraction of generated samples within 1.0 of a mode").isGreaterThan(0.6);
        assertThat(sumAbs / 4000.0).as("mean of |x| over the generated samples").isBetween(1.5, 2.4);
    }
}
