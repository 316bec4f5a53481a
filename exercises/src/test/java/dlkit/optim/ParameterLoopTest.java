package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterLoopTest {

    /** A rule that records which parameter it was given and the step its state counts. */
    private static final class Recorder implements UpdateRule {
        final List<String> calls = new ArrayList<>();
        private final List<Parameter> params;

        Recorder(List<Parameter> params) {
            this.params = params;
        }

        @Override
        public void update(org.ejml.data.DMatrixRMaj w, org.ejml.data.DMatrixRMaj dw, ParameterState s) {
            String name = params.stream().filter(p -> p.value() == w && p.grad() == dw).findFirst()
                    .map(Parameter::name).orElse("a matrix that is not a parameter's value and gradient");
            calls.add(name + "@" + s.step());
        }
    }

    @Test
    void callsTheRuleOnEachParameterInOrderSkippingTheFrozenOnes() {
        Parameter a = new Parameter("a", Matrices.row(1.0));
        Parameter b = new Parameter("b", Matrices.row(2.0));
        Parameter c = new Parameter("c", Matrices.row(3.0));
        List<Parameter> params = List.of(a, b, c);
        ParameterLoop loop = new ParameterLoop(params);
        Recorder rule = new Recorder(params);

        b.setFrozen(true);
        loop.step(rule);
        b.setFrozen(false);
        loop.step(rule);

        // b was frozen at the first step: at the second it takes its own first step.
        assertThat(rule.calls).as("ParameterLoop.step calls of the rule, as parameter@s.step()")
                .containsExactly("a@1", "c@1", "a@2", "b@1", "c@2");
        assertThat(loop.state(b).step()).as("ParameterLoop.state(b).step() after one step of b").isEqualTo(1);
    }

    @Test
    void eachParameterKeepsItsOwnStateFromStepToStep() {
        // The rule adds the gradient into a buffer "sum" and sets w to it: w = sum of the gradients so far.
        Parameter a = new Parameter("a", Matrices.row(0.0, 0.0));
        Parameter b = new Parameter("b", Matrices.row(0.0, 0.0));
        ParameterLoop loop = new ParameterLoop(List.of(a, b));
        UpdateRule sum = (w, dw, s) -> {
            for (int i = 0; i < w.getNumElements(); i++) {
                s.buffer("sum").data[i] += dw.data[i];
                w.data[i] = s.buffer("sum").data[i];
            }
        };
        a.grad().setData(new double[] {1, 2});
        b.grad().setData(new double[] {10, 20});
        loop.step(sum);
        loop.step(sum);

        assertThat(a.value()).as("ParameterLoop a after two steps, its own sum").isCloseTo(Matrices.row(2, 4), 0.0);
        assertThat(b.value()).as("ParameterLoop b after two steps, its own sum").isCloseTo(Matrices.row(20, 40), 0.0);
        assertThat(loop.state(a) == loop.state(a)).as("ParameterLoop.state(a) is the same object each time").isTrue();
        assertThat(loop.state(a) != loop.state(b)).as("ParameterLoop.state(a) and state(b) are different objects")
                .isTrue();
        assertThat(a.grad()).as("ParameterLoop a's gradient, unchanged").isCloseTo(Matrices.row(1, 2), 0.0);
    }

    @Test
    void aFrozenParameterIsNotTouchedAndItsStepsDoNotCount() {
        Parameter a = new Parameter("a", Matrices.row(5.0));
        a.grad().setData(new double[] {1});
        a.setFrozen(true);
        ParameterLoop loop = new ParameterLoop(List.of(a));
        UpdateRule descent = (w, dw, s) -> w.data[0] -= dw.data[0];

        loop.step(descent);
        loop.step(descent);

        assertThat(a.value()).as("ParameterLoop a frozen parameter after two steps").isCloseTo(Matrices.row(5.0), 0.0);
        assertThat(loop.state(a).step()).as("ParameterLoop.state(a).step() of a parameter always frozen")
                .isEqualTo(0);
    }
}
