package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MomentumTest {

    @Test
    void twoClassicalStepsByHand() {
        // lr = 0.1, mu = 0.9, g = 1 then g = 2:
        //   step 1: v = 1,             w = 0 - 0.1 * 1   = -0.1
        //   step 2: v = 0.9 + 2 = 2.9, w = -0.1 - 0.29   = -0.39
        Parameter w = new Parameter("w", Matrices.row(0.0));
        Momentum opt = new Momentum(List.of(w), 0.1, 0.9, false);
        w.grad().set(0, 0, 1.0);
        opt.step();
        assertThat(w.value()).as("Momentum.step w").isCloseTo(Matrices.row(-0.1), 1e-12);
        assertThat(opt.velocity(w)).as("Momentum velocity of w").isCloseTo(Matrices.row(1.0), 1e-12);
        w.grad().set(0, 0, 2.0);
        opt.step();
        assertThat(w.value()).as("Momentum.step w").isCloseTo(Matrices.row(-0.39), 1e-12);
        assertThat(opt.velocity(w)).as("Momentum velocity of w").isCloseTo(Matrices.row(2.9), 1e-12);
    }

    @Test
    void twoNesterovStepsByHand() {
        // Same gradients; the step uses g + mu * v with the new v:
        //   step 1: v = 1,   direction 1 + 0.9 * 1   = 1.9,  w = -0.19
        //   step 2: v = 2.9, direction 2 + 0.9 * 2.9 = 4.61, w = -0.19 - 0.461 = -0.651
        Parameter w = new Parameter("w", Matrices.row(0.0));
        Momentum opt = new Momentum(List.of(w), 0.1, 0.9, true);
        w.grad().set(0, 0, 1.0);
        opt.step();
        assertThat(w.value()).as("Momentum.step w").isCloseTo(Matrices.row(-0.19), 1e-12);
        w.grad().set(0, 0, 2.0);
        opt.step();
        assertThat(w.value()).as("Momentum.step w").isCloseTo(Matrices.row(-0.651), 1e-12);
        assertThat(opt.velocity(w)).as("Momentum velocity of w").isCloseTo(Matrices.row(2.9), 1e-12);
    }

    @Test
    void changingTheLearningRateScalesTheWholeVelocity() {
        // PyTorch's form: after v = 1 (step 1, lr 0.1), lr becomes 0.01 and g = 0: v = 0.9 and
        // w moves by 0.01 * 0.9. CS231n's form would still move by 0.9 * 0.1 = 0.09.
        Parameter w = new Parameter("w", Matrices.row(0.0));
        Momentum opt = new Momentum(List.of(w), 0.1, 0.9, false);
        w.grad().set(0, 0, 1.0);
        opt.step();
        opt.setLearningRate(0.01);
        w.grad().set(0, 0, 0.0);
        opt.step();
        assertThat(w.value()).as("Momentum.step w").isCloseTo(Matrices.row(-0.1 - 0.009), 1e-12);
    }

    @Test
    void frozenParameterKeepsItsValueAndVelocity() {
        Parameter frozen = new Parameter("frozen", Matrices.row(1.0, 2.0));
        Parameter free = new Parameter("free", Matrices.row(1.0, 2.0));
        frozen.grad().setData(new double[] {5.0, 5.0});
        free.grad().setData(new double[] {5.0, 5.0});
        frozen.setFrozen(true);
        Momentum opt = new Momentum(List.of(frozen, free), 0.1, 0.9, false);
        opt.step();
        assertThat(frozen.value().data).as("Momentum.step frozen parameter").containsExactly(1.0, 2.0);
        assertThat(opt.velocity(frozen).data).as("Momentum opt.velocity(frozen).data").containsExactly(0.0, 0.0);
        assertThat(free.value()).as("Momentum.step free parameter").isCloseTo(Matrices.row(0.5, 1.5), 1e-12);
    }
}
