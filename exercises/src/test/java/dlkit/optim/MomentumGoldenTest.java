package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Momentum against torch.optim.SGD(momentum, nesterov) over 25 steps, weights and velocity
 * (momentum_buffer) after every step, with learning-rate changes in the "_lr_change" cases.
 * The arithmetic is the same as PyTorch's in float64, so 1e-9 is generous; the largest relative
 * error observed is printed (about 1e-15).
 */
class MomentumGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "momentum_lr_change", "nesterov", "nesterov_lr_change"})
    void matchesPyTorch(String name) {
        boolean nesterov = name.startsWith("nesterov");
        double mu = nesterov ? 0.8 : 0.9;
        double worst = replay(Golden.load("optim").get(name), p -> new Momentum(List.of(p), 0.05, mu, nesterov));
        System.out.printf("Momentum golden %s: largest relative error %.3g%n", name, worst);
    }

    /**
     * Replays a golden case: sets each gradient, changes the learning rate where PyTorch did,
     * steps, and compares weights and state (read by {@code stateOf}) after every step.
     * Returns the largest relative error.
     */
    static double replay(JsonNode c, Function<Parameter, Optimizer> make) {
        Parameter w = new Parameter("w", Golden.matrix(c.get("w0")));
        Optimizer opt = make.apply(w);
        double worst = 0;
        for (int t = 0; t < c.get("grads").size(); t++) {
            JsonNode lr = c.get("lr_changes").get(Integer.toString(t));
            if (lr != null) {
                opt.setLearningRate(lr.doubleValue());
            }
            w.grad().setTo(Golden.matrix(c.get("grads").get(t)));
            opt.step();
            DMatrixRMaj expectedW = Golden.matrix(c.get("weights").get(t));
            DMatrixRMaj expectedState = Golden.matrix(c.get("state").get(t));
            DMatrixRMaj state = opt instanceof Momentum m ? m.velocity(w) : ((RMSprop) opt).squareAverage(w);
            assertThat(w.value()).as("weights after step " + (t + 1)).isCloseTo(expectedW, 1e-9);
            assertThat(state).as("state after step " + (t + 1)).isCloseTo(expectedState, 1e-9);
            worst = Math.max(worst, Math.max(Matrices.relativeError(w.value(), expectedW),
                    Matrices.relativeError(state, expectedState)));
        }
        return worst;
    }
}
