package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RMSpropTest {

    @Test
    void twoStepsByHand() {
        // lr = 0.01, alpha = 0.75, eps = 0, g = 2 then g = 4:
        //   step 1: v = 0.25 * 4 = 1,             w = 0 - 0.01 * 2 / 1 = -0.02
        //   step 2: v = 0.75 * 1 + 0.25 * 16 = 4.75, w = -0.02 - 0.01 * 4 / sqrt(4.75)
        Parameter w = new Parameter("w", Matrices.row(0.0));
        RMSprop opt = new RMSprop(List.of(w), 0.01, 0.75, 0.0);
        w.grad().set(0, 0, 2.0);
        opt.step();
        assertThat(w.value()).as("RMSprop.step w").isCloseTo(Matrices.row(-0.02), 1e-12);
        assertThat(opt.squareAverage(w)).as("RMSprop squareAverage of w").isCloseTo(Matrices.row(1.0), 1e-12);
        w.grad().set(0, 0, 4.0);
        opt.step();
        assertThat(w.value()).as("RMSprop.step w").isCloseTo(Matrices.row(-0.02 - 0.04 / Math.sqrt(4.75)), 1e-12);
        assertThat(opt.squareAverage(w)).as("RMSprop squareAverage of w").isCloseTo(Matrices.row(4.75), 1e-12);
    }

    @Test
    void epsilonIsOutsideTheSquareRoot() {
        // g = 1e-4, alpha = 0.99, eps = 1e-4: sqrt(v) = 1e-5, so the step is lr * 1e-4 / (1e-5 + 1e-4).
        Parameter w = new Parameter("w", Matrices.row(0.0));
        RMSprop opt = new RMSprop(List.of(w), 0.01, 0.99, 1e-4);
        w.grad().set(0, 0, 1e-4);
        opt.step();
        assertThat(w.value()).as("RMSprop.step w").isCloseTo(Matrices.row(-0.01 * 1e-4 / (1e-5 + 1e-4)), 1e-12);
    }

    @Test
    void defaultsAreTorchs() {
        Parameter w = new Parameter("w", Matrices.row(0.0));
        RMSprop opt = new RMSprop(List.of(w));
        assertThat(opt.learningRate()).as("RMSprop learning rate").isEqualTo(0.01);
        w.grad().set(0, 0, 3.0);
        opt.step();
        // sqrt(0.01 * 9) = 0.3, so the first step is 0.01 * 3 / (0.3 + 1e-8).
        assertThat(w.value()).as("RMSprop.step w").isCloseTo(Matrices.row(-0.03 / (0.3 + 1e-8)), 1e-12);
    }

    @Test
    void frozenParameterIsSkipped() {
        Parameter frozen = new Parameter("frozen", Matrices.row(1.0));
        Parameter free = new Parameter("free", Matrices.row(1.0));
        frozen.grad().set(0, 0, 1.0);
        free.grad().set(0, 0, 1.0);
        frozen.setFrozen(true);
        RMSprop opt = new RMSprop(List.of(frozen, free), 0.1, 0.75, 0.0);
        opt.step();
        assertThat(frozen.value().data).as("RMSprop.step frozen parameter").containsExactly(1.0);
        assertThat(free.value()).as("RMSprop.step free parameter").isCloseTo(Matrices.row(1.0 - 0.1 / 0.5), 1e-12);
    }
}
