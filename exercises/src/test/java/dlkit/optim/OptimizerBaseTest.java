package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The given base of the optimisers: what every update rule can count on. */
class OptimizerBaseTest {

    /** An optimiser whose rule records each call: the parameter's values it got and its step count. */
    private static final class Recording extends OptimizerBase {
        final List<String> calls = new ArrayList<>();

        Recording(List<Parameter> params) {
            super(params, 0.5);
        }

        @Override
        protected void update(DMatrixRMaj w, DMatrixRMaj dw, ParameterState s) {
            calls.add(w.get(0, 0) + "@" + s.step());
            s.buffer("count").data[0] += 1;
        }
    }

    @Test
    void updatesEachParameterThatIsNotFrozenWithItsOwnStateAndStepCount() {
        Parameter a = new Parameter("a", Matrices.row(1.0));
        Parameter b = new Parameter("b", Matrices.row(2.0));
        Recording optimizer = new Recording(List.of(a, b));

        b.setFrozen(true);
        optimizer.step();
        b.setFrozen(false);
        optimizer.step();

        assertThat(optimizer.calls).as("OptimizerBase.step calls of update, as value@s.step()")
                .containsExactly("1.0@1", "1.0@2", "2.0@1");
        assertThat(optimizer.state(a).buffer("count")).as("OptimizerBase state of a, buffer count")
                .isCloseTo(Matrices.row(2.0), 0.0);
        assertThat(optimizer.state(b).buffer("count")).as("OptimizerBase state of b, buffer count")
                .isCloseTo(Matrices.row(1.0), 0.0);
    }

    @Test
    void theStateOfAParameterItDoesNotTrainIsRefused() {
        Recording optimizer = new Recording(List.of(new Parameter("a", Matrices.row(1.0))));

        assertThat(catchThrowable(() -> optimizer.state(new Parameter("other", Matrices.row(1.0)))))
                .as("OptimizerBase.state of another parameter").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one of its parameters");
    }

    @Test
    void aBufferIsZerosOfTheParametersShapeUntilWritten() {
        ParameterState s = new ParameterState(new Parameter("w", new DMatrixRMaj(2, 3)));

        assertThat(s.buffer("m")).as("ParameterState.buffer m, new").isCloseTo(new DMatrixRMaj(2, 3), 0.0);
        assertThat(s.buffer("m") == s.buffer("m")).as("ParameterState.buffer m is the same matrix each time").isTrue();
        assertThat(s.step()).as("ParameterState.step before any step").isZero();
    }
}
