package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void firstStepByHand() {
        // w = 2, g = 0.5, lr = 0.1, weightDecay = 0.3, eps = 0:
        //   decay: w = 2 * (1 - 0.1 * 0.3) = 1.94; at t = 1 mHat = g, vHat = g^2, so Adam's step is lr.
        Parameter w = new Parameter("w", Matrices.row(2.0));
        w.grad().set(0, 0, 0.5);
        AdamW adamW = new AdamW(List.of(w), 0.1, 0.9, 0.999, 0.0, 0.3);

        adamW.step();

        assertThat(w.value()).as("AdamW.step w").isCloseTo(Matrices.row(1.94 - 0.1), 1e-12);
        assertThat(adamW.firstMoment(w)).as("AdamW firstMoment of w").isCloseTo(Matrices.row(0.05), 1e-12);
        assertThat(adamW.secondMoment(w)).as("AdamW secondMoment of w").isCloseTo(Matrices.row(0.00025), 1e-12);
    }

    @Test
    void aZeroGradientStillDecaysTheWeights() {
        // g = 0: m = v = 0 and Adam's step is 0 / (0 + eps) = 0; only the decay moves w, by the
        // factor (1 - lr * weightDecay) per step. Adam with L2 would take a full step of lr instead.
        Parameter w = new Parameter("w", Matrices.row(1.0, -4.0));
        AdamW adamW = new AdamW(List.of(w), 0.01, 0.9, 0.999, 1e-8, 0.5);
        for (int step = 0; step < 3; step++) {
            adamW.step();
        }
        double factor = Math.pow(1 - 0.01 * 0.5, 3);
        assertThat(w.value()).as("AdamW.step w after 3 steps of zero gradient")
                .isCloseTo(Matrices.row(factor, -4.0 * factor), 1e-12);
    }

    @Test
    void withoutWeightDecayItIsAdam() {
        Parameter a = new Parameter("a", Matrices.row(0.3, -1.2, 2.0));
        Parameter b = new Parameter("b", Matrices.row(0.3, -1.2, 2.0));
        AdamW adamW = new AdamW(List.of(a), 0.05, 0.8, 0.99, 1e-8, 0.0);
        Adam adam = new Adam(List.of(b), 0.05, 0.8, 0.99, 1e-8);
        for (int step = 1; step <= 10; step++) {
            double[] g = {Math.sin(step), 0.1 * step, -Math.cos(3 * step)};
            a.grad().setData(g);
            b.grad().setData(g);
            adamW.step();
            adam.step();
        }
        assertThat(a.value()).as("AdamW with weightDecay 0 against Adam, w after 10 steps").isCloseTo(b.value(), 1e-14);
    }

    @Test
    void decayIsNotDividedByTheGradientsSize() {
        // Two weights of 1 with gradients 1e-3 and 1e3, weightDecay 1: the decay takes
        // lr * weightDecay * w = 0.1 from both, then Adam's step at t = 1 is lr for both.
        // (Adam with L2 would add weightDecay * w = 1 to the gradients, 1.001 and 1000.001; at
        // t = 1 both still step by exactly lr, to 0.9: the penalty, divided by the gradient's
        // size, changed nothing.)
        Parameter w = new Parameter("w", Matrices.row(1.0, 1.0));
        w.grad().setData(new double[] {1e-3, 1e3});
        new AdamW(List.of(w), 0.1, 0.9, 0.999, 0.0, 1.0).step();
        assertThat(w.value()).as("AdamW.step w").isCloseTo(Matrices.row(0.9 - 0.1, 0.9 - 0.1), 1e-12);
    }

    @Test
    void frozenParametersAreNeitherDecayedNorStepped() {
        Parameter frozen = new Parameter("frozen", Matrices.row(1.0, 2.0));
        frozen.grad().setData(new double[] {5.0, 5.0});
        frozen.setFrozen(true);
        AdamW adamW = new AdamW(List.of(frozen), 0.1, 0.9, 0.999, 1e-8, 0.5);

        adamW.step();

        assertThat(frozen.value().data).as("AdamW.step frozen parameter").containsExactly(1.0, 2.0);
    }

    @Test
    void eachParameterCountsItsOwnSteps() {
        // b frozen at step 1; at step 2 its own t = 1: decay, then a step of exactly lr (eps = 0).
        Parameter a = new Parameter("a", Matrices.row(0.0));
        Parameter b = new Parameter("b", Matrices.row(1.0));
        AdamW adamW = new AdamW(List.of(a, b), 0.01, 0.9, 0.999, 0.0, 0.2);
        b.setFrozen(true);
        a.grad().set(0, 0, 1.0);
        b.grad().set(0, 0, 2.0);
        adamW.step();
        b.setFrozen(false);
        adamW.step();
        assertThat(b.value()).as("b after its first step (t = 1 for b)").isCloseTo(Matrices.row(1.0 * (1 - 0.01 * 0.2) - 0.01), 1e-12);
    }
}
