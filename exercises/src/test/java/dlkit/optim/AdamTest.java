package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstTheSignOfItsGradient() {
        // At t = 1 the bias correction gives mHat = g and vHat = g^2, so the step is
        // lr * g / (|g| + eps): almost exactly lr, whatever the gradient's size.
        Parameter w = new Parameter("w", Matrices.row(1.0, -2.0, 0.5));
        w.grad().setData(new double[] {0.3, -40.0, 1e-3});
        Adam adam = new Adam(List.of(w), 0.1, 0.9, 0.999, 1e-8);

        adam.step();

        assertThat(w.value()).isCloseTo(Matrices.row(1.0 - 0.1 * 0.3 / (0.3 + 1e-8),
                -2.0 + 0.1 * 40.0 / (40.0 + 1e-8), 0.5 - 0.1 * 1e-3 / (1e-3 + 1e-8)), 1e-12);
    }

    @Test
    void secondStepByHand() {
        // g = 1 then g = 3, lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0:
        //   m = 0.1 then 0.09 + 0.3 = 0.39;      mHat = 0.39 / (1 - 0.81)     = 2.052631...
        //   v = 0.001 then 0.000999 + 0.009 = 0.009999; vHat = 0.009999 / (1 - 0.998001) = 5.002001...
        Parameter w = new Parameter("w", Matrices.row(0.0));
        Adam adam = new Adam(List.of(w), 0.01, 0.9, 0.999, 0.0);
        w.grad().set(0, 0, 1.0);
        adam.step();
        w.grad().set(0, 0, 3.0);
        adam.step();

        double secondStep = 0.01 * (0.39 / 0.19) / Math.sqrt(0.009999 / 0.001999);
        assertThat(w.value()).isCloseTo(Matrices.row(-0.01 - secondStep), 1e-12);
        assertThat(adam.firstMoment(w)).isCloseTo(Matrices.row(0.39), 1e-12);
        assertThat(adam.secondMoment(w)).isCloseTo(Matrices.row(0.009999), 1e-12);
    }

    /**
     * Each parameter counts its own steps, as {@code torch.optim.Adam} keeps {@code state["step"]}
     * per parameter and skips one without a gradient: a parameter frozen at the first step takes
     * its first step, t = 1, at the optimiser's second step. One counter for the whole optimiser
     * would bias-correct b with t = 2 and move it by 0.0074 instead of 0.01.
     */
    @Test
    void eachParameterCountsItsOwnSteps() {
        // lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0.
        //   a: g = 1 then g = 3, both steps: the numbers of secondStepByHand, t = 1 then t = 2.
        //   b: frozen at step 1; g = 2 at step 2, its t = 1: mHat = g, vHat = g^2, a step of exactly lr.
        Parameter a = new Parameter("a", Matrices.row(0.0));
        Parameter b = new Parameter("b", Matrices.row(0.0));
        Adam adam = new Adam(List.of(a, b), 0.01, 0.9, 0.999, 0.0);
        b.setFrozen(true);
        a.grad().set(0, 0, 1.0);
        b.grad().set(0, 0, 2.0);
        adam.step();
        b.setFrozen(false);
        a.grad().set(0, 0, 3.0);
        adam.step();

        double secondStep = 0.01 * (0.39 / 0.19) / Math.sqrt(0.009999 / 0.001999);
        assertThat(a.value()).as("a after its second step").isCloseTo(Matrices.row(-0.01 - secondStep), 1e-12);
        assertThat(b.value()).as("b after its first step (t = 1 for b)").isCloseTo(Matrices.row(-0.01), 1e-12);
        assertThat(adam.firstMoment(b)).as("first moment of b").isCloseTo(Matrices.row(0.2), 1e-12);
        assertThat(adam.secondMoment(b)).as("second moment of b").isCloseTo(Matrices.row(0.004), 1e-12);
    }

    @Test
    void frozenParametersStayUnchanged() {
        Parameter frozen = new Parameter("frozen", Matrices.row(1.0, 2.0));
        frozen.grad().setData(new double[] {5.0, 5.0});
        frozen.setFrozen(true);
        Adam adam = new Adam(List.of(frozen));

        adam.step();

        assertThat(frozen.value().data).containsExactly(1.0, 2.0);
    }

    @Test
    void minimisesAQuadratic() {
        // f(w) = sum (w - 3)^2 has its minimum at w = 3.
        Parameter w = new Parameter("w", Matrices.row(-2.0, 10.0));
        Adam adam = new Adam(List.of(w), 0.1, 0.9, 0.999, 1e-8);
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < 2; i++) {
                w.grad().data[i] = 2 * (w.value().data[i] - 3);
            }
            adam.step();
        }
        assertThat(w.value()).isCloseTo(Matrices.row(3.0, 3.0), 1e-4);
    }
}
