package dlkit.optim;

import dlkit.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RMSprop against torch.optim.RMSprop over 25 steps, weights and square_avg after every step;
 * the "tiny_grads" case uses gradients around 1e-5 and eps = 1e-4, where eps's place matters.
 * Same float64 arithmetic as PyTorch up to the order of operations: held to 1e-9, the largest
 * relative error observed is printed.
 */
class RMSpropGoldenTest {

    @Test
    void matchesPyTorch() {
        double worst = MomentumGoldenTest.replay(Golden.load("optim").get("rmsprop"),
                p -> new RMSprop(List.of(p), 0.01, 0.99, 1e-8));
        System.out.printf("RMSprop golden rmsprop: largest relative error %.3g%n", worst);
    }

    @Test
    void matchesPyTorchWithTinyGradients() {
        double worst = MomentumGoldenTest.replay(Golden.load("optim").get("rmsprop_tiny_grads"),
                p -> new RMSprop(List.of(p), 0.01, 0.9, 1e-4));
        System.out.printf("RMSprop golden rmsprop_tiny_grads: largest relative error %.3g%n", worst);
    }
}
