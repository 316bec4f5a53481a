package dlkit.gan;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import dlkit.losses.LossAndGradient;
import dlkit.optim.Adam;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gan against PyTorch: the three losses and their gradients with respect to the logits
 * ({@code binary_cross_entropy_with_logits}, mean reduction, and autograd), also at logits of
 * +-40; the generator loss's gradient with respect to the samples through a Dense-Tanh-Dense
 * discriminator; and three whole training steps with {@code torch.optim.Adam} (betas 0.5,
 * 0.999) in the order of PyTorch's DCGAN example. Held to 1e-9; the largest relative error
 * observed is printed (about 1e-15 for the losses, 1e-13 after three training steps).
 */
class GanGoldenTest {

    private final JsonNode golden = Golden.load("gan");
    private double worst;

    @ParameterizedTest
    @ValueSource(strings = {"losses", "losses_large"})
    void lossesMatchPyTorch(String name) {
        JsonNode c = golden.get(name);
        DMatrixRMaj real = Golden.matrix(c.get("real_logits"));
        DMatrixRMaj fake = Golden.matrix(c.get("fake_logits"));
        Gan.DiscriminatorLoss d = Gan.discriminatorLoss(real, fake);
        close(name + ": discriminator loss", Matrices.row(d.loss()), Matrices.row(c.get("discriminator_loss").doubleValue()));
        close(name + ": discriminator gradient on real logits", d.realGradient(), Golden.matrix(c.get("real_gradient")));
        close(name + ": discriminator gradient on fake logits", d.fakeGradient(), Golden.matrix(c.get("fake_gradient")));
        LossAndGradient g = Gan.generatorLoss(fake);
        close(name + ": generator loss", Matrices.row(g.loss()), Matrices.row(c.get("generator_loss").doubleValue()));
        close(name + ": generator gradient", g.gradient(), Golden.matrix(c.get("generator_gradient")));
        LossAndGradient s = Gan.saturatingGeneratorLoss(fake);
        close(name + ": saturating loss", Matrices.row(s.loss()), Matrices.row(c.get("saturating_loss").doubleValue()));
        close(name + ": saturating gradient", s.gradient(), Golden.matrix(c.get("saturating_gradient")));
        System.out.printf("Gan golden %s: largest relative error %.3g%n", name, worst);
    }

    @Test
    void sampleGradientMatchesPyTorch() {
        JsonNode c = golden.get("sample_gradient");
        Sequential d = mlp(c.get("discriminator"));
        Gan gan = new Gan(new Tanh(), d, new Adam(List.of()), new Adam(d.parameters()));
        LossAndGradient g = gan.sampleGradient(Golden.matrix(c.get("samples")));
        close("sample gradient: loss", Matrices.row(g.loss()), Matrices.row(c.get("loss").doubleValue()));
        close("sample gradient: dL/dsamples", g.gradient(), Golden.matrix(c.get("gradient")));
        System.out.printf("Gan golden sample_gradient: largest relative error %.3g%n", worst);
    }

    @Test
    void trainingStepsMatchPyTorch() {
        JsonNode before = golden.get("train_step_before");
        JsonNode c = golden.get("train_step");
        Sequential g = mlp(before.get("generator"));
        Sequential d = mlp(before.get("discriminator"));
        double lr = c.get("lr").doubleValue();
        Gan gan = new Gan(g, d, new Adam(g.parameters(), lr, 0.5, 0.999, 1e-8), new Adam(d.parameters(), lr, 0.5, 0.999, 1e-8));
        DMatrixRMaj real = Golden.matrix(c.get("real"));
        DMatrixRMaj noise = Golden.matrix(c.get("noise"));
        for (int t = 0; t < c.get("steps").size(); t++) {
            JsonNode expected = c.get("steps").get(t);
            Gan.StepLosses losses = gan.trainStep(real, noise);
            String step = "training step " + (t + 1) + ": ";
            close(step + "discriminator loss", Matrices.row(losses.discriminator()),
                    Matrices.row(expected.get("discriminator_loss").doubleValue()));
            close(step + "generator loss", Matrices.row(losses.generator()), Matrices.row(expected.get("generator_loss").doubleValue()));
            compareWeights(step + "generator", g, expected.get("generator"));
            compareWeights(step + "discriminator", d, expected.get("discriminator"));
        }
        System.out.printf("Gan golden train_step: largest relative error %.3g%n", worst);
    }

    /** Dense(w1, b1), Tanh, Dense(w2, b2) from the golden weights, (in, out) as the kit's Dense takes them. */
    private static Sequential mlp(JsonNode w) {
        return new Sequential(new Dense(Golden.matrix(w.get("w1")), Golden.matrix(w.get("b1"))), new Tanh(),
                new Dense(Golden.matrix(w.get("w2")), Golden.matrix(w.get("b2"))));
    }

    private void compareWeights(String what, Sequential net, JsonNode expected) {
        String[] names = {"w1", "b1", "w2", "b2"};
        for (int i = 0; i < 4; i++) {
            close(what + " " + names[i], net.parameters().get(i).value(), Golden.matrix(expected.get(names[i])));
        }
    }

    private void close(String what, DMatrixRMaj actual, DMatrixRMaj expected) {
        assertThat(actual).as(what).isCloseTo(expected, 1e-9);
        worst = Math.max(worst, Matrices.relativeError(actual, expected));
    }
}
