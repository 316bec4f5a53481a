package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AdamW against torch.optim.AdamW (amsgrad off) over 25 steps: weights, exp_avg and exp_avg_sq
 * after every step; "adamw_lr_change" changes the learning rate twice, "adamw_strong_decay" has
 * gradients from 1e-3 to 1e2 and weight_decay 0.5. The same float64 arithmetic as PyTorch up to
 * the order of operations: held to 1e-9, the largest relative error observed is printed (about
 * 1e-14). Each case also checks that torch's Adam with L2 (weight_decay added to the gradient)
 * lands far from AdamW, so the golden values tell the two apart.
 */
class AdamWGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"adamw", "adamw_strong_decay", "adamw_lr_change"})
    void matchesPyTorch(String name) {
        JsonNode c = Golden.load("adamw").get(name);
        Parameter w = new Parameter("w", Golden.matrix(c.get("w0")));
        AdamW adamW = new AdamW(List.of(w), c.get("lr").doubleValue(), c.get("beta1").doubleValue(),
                c.get("beta2").doubleValue(), c.get("eps").doubleValue(), c.get("weight_decay").doubleValue());
        JsonNode expected = c.get("adamw");
        double worst = 0;
        for (int t = 0; t < c.get("grads").size(); t++) {
            JsonNode lr = c.get("lr_changes").get(Integer.toString(t));
            if (lr != null) {
                adamW.setLearningRate(lr.doubleValue());
            }
            w.grad().setTo(Golden.matrix(c.get("grads").get(t)));
            adamW.step();
            DMatrixRMaj[][] pairs = {
                {w.value(), Golden.matrix(expected.get("weights").get(t))},
                {adamW.firstMoment(w), Golden.matrix(expected.get("first_moment").get(t))},
                {adamW.secondMoment(w), Golden.matrix(expected.get("second_moment").get(t))}};
            String[] names = {"weights", "first moment", "second moment"};
            for (int k = 0; k < 3; k++) {
                assertThat(pairs[k][0]).as(name + ": " + names[k] + " after step " + (t + 1)).isCloseTo(pairs[k][1], 1e-9);
                worst = Math.max(worst, Matrices.relativeError(pairs[k][0], pairs[k][1]));
            }
        }
        int last = c.get("grads").size() - 1;
        double apart = Matrices.relativeError(Golden.matrix(expected.get("weights").get(last)),
                Golden.matrix(c.get("adam_l2").get("weights").get(last)));
        assertThat(apart).as(name + ": relative distance between torch's AdamW and Adam with L2 after the last step")
                .isGreaterThan(1e-4);
        System.out.printf("AdamW golden %s: largest relative error %.3g (Adam with L2 is %.3g away)%n", name, worst, apart);
    }
}
