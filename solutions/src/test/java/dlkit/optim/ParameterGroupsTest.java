package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterGroupsTest {

    @Test
    void eachGroupStepsWithItsOwnLearningRate() {
        // Plain gradient descent: backbone moves by 0.01 * g, head by 0.1 * g.
        Parameter backbone = new Parameter("backbone", Matrices.row(1.0));
        Parameter head = new Parameter("head", Matrices.row(1.0));
        ParameterGroups groups = new ParameterGroups(
                List.of(new ParamGroup("backbone", List.of(backbone), 0.01), new ParamGroup("head", List.of(head), 0.1)),
                PlainStep::new);
        backbone.grad().set(0, 0, 1.0);
        head.grad().set(0, 0, 1.0);
        groups.startEpoch(0);
        groups.step();
        assertThat(backbone.value()).as("ParameterGroups backbone").isCloseTo(Matrices.row(0.99), 1e-12);
        assertThat(head.value()).as("ParameterGroups head").isCloseTo(Matrices.row(0.9), 1e-12);
    }

    @Test
    void aScheduleScalesEveryGroupAlike() {
        // Setting lr 0.005 on groups with 0.01 and 0.1 halves both: 0.005 and 0.05.
        ParameterGroups groups = new ParameterGroups(
                List.of(new ParamGroup("backbone", List.of(), 0.01), new ParamGroup("head", List.of(), 0.1)),
                PlainStep::new);
        groups.setLearningRate(0.005);
        assertThat(groups.learningRate()).as("ParameterGroups learning rate").isCloseTo(0.005, within(1e-15));
        assertThat(groups.optimizer(1).learningRate()).as("ParameterGroups groups.optimizer(1).learningRate()").isCloseTo(0.05, within(1e-15));
    }

    @Test
    void backboneStaysFrozenBitForBitUntilItsEpoch() {
        Parameter backbone = new Parameter("backbone", Matrices.row(0.1, 0.2));
        Parameter head = new Parameter("head", Matrices.row(0.3));
        ParameterGroups groups = new ParameterGroups(
                List.of(new ParamGroup("backbone", List.of(backbone), 0.01, 2), new ParamGroup("head", List.of(head), 0.1)),
                PlainStep::new);
        backbone.grad().setData(new double[] {1.0, 1.0});
        head.grad().set(0, 0, 1.0);
        for (int epoch = 0; epoch < 2; epoch++) {
            groups.startEpoch(epoch);
            assertThat(backbone.isFrozen()).as("ParameterGroups is frozen").isTrue();
            groups.step();
        }
        assertThat(backbone.value().data).as("ParameterGroups backbone.value().data").containsExactly(0.1, 0.2);
        assertThat(head.value()).as("ParameterGroups head").isCloseTo(Matrices.row(0.3 - 0.2), 1e-12);

        groups.startEpoch(2);
        assertThat(backbone.isFrozen()).as("ParameterGroups is frozen").isFalse();
        groups.step();
        assertThat(backbone.value()).as("ParameterGroups backbone").isCloseTo(Matrices.row(0.09, 0.19), 1e-12);
    }

    /** w -= lr * g, written here so these tests depend on ParameterGroups alone. */
    private static final class PlainStep implements Optimizer {
        private final List<Parameter> params;
        private double lr;

        PlainStep(List<Parameter> params, double lr) {
            this.params = params;
            this.lr = lr;
        }

        @Override
        public void step() {
            for (Parameter p : params) {
                if (!p.isFrozen()) {
                    for (int i = 0; i < p.value().getNumElements(); i++) {
                        p.value().data[i] -= lr * p.grad().data[i];
                    }
                }
            }
        }

        @Override
        public void zeroGrad() {
            params.forEach(Parameter::zeroGrad);
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }
    }
}
