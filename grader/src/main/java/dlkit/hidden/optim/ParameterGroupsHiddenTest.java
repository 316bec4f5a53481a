package dlkit.hidden.optim;

import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.grader.api.ToReference;
import dlkit.optim.Optimizer;
import dlkit.optim.ParamGroup;
import dlkit.optim.ParameterGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The groups' optimisers are plain gradient descent (w -= lr g): on the student's side a class
 * written here against the given Optimizer interface, on the reference's side the reference
 * Momentum with momentum 0, which does the same arithmetic. So only ParameterGroups is graded.
 */
@Grades(ParameterGroups.class)
@ExtendWith(GradingRandom.class)
class ParameterGroupsHiddenTest {

    private static final Known SAME_LR = new Known("ParameterGroups/same-lr-for-every-group",
            "the same learning rate for every group; each group must keep its ratio to the first");
    private static final Known WRONG_UNFREEZE_EPOCH = new Known("ParameterGroups/unfreezes-at-the-wrong-epoch",
            "the group unfroze at the wrong epoch (frozen while epoch < unfreezeAtEpoch)");

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

    @Test
    @Points(2)
    void aScheduleKeepsTheRatiosBetweenGroups(RandomGenerator rng) {
        int count = Draw.size(rng, 2, 5);
        List<ParamGroup> groups = new ArrayList<>();
        List<dlkit.reference.optim.ParamGroup> rGroups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double lr = Math.pow(10, -rng.nextDouble(0.5, 4));
            groups.add(new ParamGroup("g" + i, List.of(), lr));
            rGroups.add(new dlkit.reference.optim.ParamGroup("g" + i, List.of(), lr));
        }
        ParameterGroups student = new ParameterGroups(groups, PlainStep::new);
        var reference = new dlkit.reference.optim.ParameterGroups(rGroups,
                (params, lr) -> new dlkit.reference.optim.Momentum(params, lr, 0.0, false));
        for (int call = 0; call < 2; call++) {
            double lr = groups.get(0).learningRate() * rng.nextDouble(0.01, 2);
            student.setLearningRate(lr);
            reference.setLearningRate(lr);
            DMatrixRMaj actual = new DMatrixRMaj(1, count);
            DMatrixRMaj expected = new DMatrixRMaj(1, count);
            DMatrixRMaj sameForAll = new DMatrixRMaj(1, count);
            for (int i = 0; i < count; i++) {
                actual.data[i] = student.optimizer(i).learningRate();
                expected.data[i] = reference.optimizer(i).learningRate();
                sameForAll.data[i] = lr;
            }
            Check.close("learning rates of " + count + " groups after ParameterGroups.setLearningRate(" + lr + "), call "
                    + (call + 1), actual, expected, 1e-12,
                    SAME_LR.wouldGive(sameForAll));
        }
    }

    @Test
    @Points(3)
    void fineTuningRunMatchesReference(RandomGenerator rng) {
        int count = Draw.size(rng, 2, 4);
        List<ParamGroup> groups = new ArrayList<>();
        List<dlkit.reference.optim.ParamGroup> rGroups = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        List<dlkit.reference.core.Parameter> rParams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Given<Parameter> given = Given.of("p" + i,
                    new Parameter("p" + i, Draw.normal(rng, Draw.size(rng, 1, 4), Draw.size(rng, 1, 4), 1.0)));
            Parameter p = given.student();
            var rp = ToReference.parameter(given.copy());
            double lr = rng.nextDouble(1e-3, 1e-1);
            int unfreezeAt = i == count - 1 ? 0 : Draw.size(rng, 1, 5); // the last group is the new head
            groups.add(new ParamGroup("g" + i, List.of(p), lr, unfreezeAt));
            rGroups.add(new dlkit.reference.optim.ParamGroup("g" + i, List.of(rp), lr, unfreezeAt));
            params.add(p);
            rParams.add(rp);
        }
        ParameterGroups student = new ParameterGroups(groups, PlainStep::new);
        var reference = new dlkit.reference.optim.ParameterGroups(rGroups,
                (ps, lr) -> new dlkit.reference.optim.Momentum(ps, lr, 0.0, false));
        for (int epoch = 0; epoch < 8; epoch++) {
            student.startEpoch(epoch);
            reference.startEpoch(epoch);
            double lr = groups.get(0).learningRate() * Math.pow(0.8, epoch);
            student.setLearningRate(lr);
            reference.setLearningRate(lr);
            for (int i = 0; i < count; i++) {
                DMatrixRMaj g = Draw.normal(rng, params.get(i).value().numRows, params.get(i).value().numCols, 1.0);
                params.get(i).grad().setTo(g);
                rParams.get(i).grad().setTo(g);
            }
            List<DMatrixRMaj> before = params.stream().map(p -> p.value().copy()).toList();
            student.step();
            reference.step();
            for (int i = 0; i < count; i++) {
                String what = "group " + i + " (unfreezeAtEpoch " + groups.get(i).unfreezeAtEpoch() + ") after epoch "
                        + epoch + " of startEpoch, setLearningRate and step";
                Check.close(what, params.get(i).value(), rParams.get(i).value(), rParams.get(i).isFrozen() ? 0.0 : 1e-12,
                        WRONG_UNFREEZE_EPOCH.wouldGive(before.get(i)));
            }
        }
    }

    @Test
    @Points(1)
    void startEpochSetsTheFrozenFlags(RandomGenerator rng) {
        int unfreezeAt = Draw.size(rng, 1, 6);
        Parameter backbone = new Parameter("backbone", Draw.normal(rng, 2, 2, 1.0));
        Parameter head = new Parameter("head", Draw.normal(rng, 1, 2, 1.0));
        ParameterGroups student = new ParameterGroups(List.of(new ParamGroup("backbone", List.of(backbone), 0.01, unfreezeAt),
                new ParamGroup("head", List.of(head), 0.1)), PlainStep::new);
        DMatrixRMaj actual = new DMatrixRMaj(2, unfreezeAt + 2);
        DMatrixRMaj expected = new DMatrixRMaj(2, unfreezeAt + 2);
        for (int epoch = 0; epoch < unfreezeAt + 2; epoch++) {
            student.startEpoch(epoch);
            actual.set(0, epoch, backbone.isFrozen() ? 1 : 0);
            actual.set(1, epoch, head.isFrozen() ? 1 : 0);
            expected.set(0, epoch, epoch < unfreezeAt ? 1 : 0);
        }
        Check.close("frozen flags (1 = frozen) of backbone (row 0, unfreezeAtEpoch " + unfreezeAt
                + ") and head (row 1) after startEpoch(0, 1, ...)", actual, expected, 0.0);
    }
}
