package dlkit.nets;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.optim.GradientClipping;
import dlkit.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SequenceRecallTest {

    /** An optimiser that only records the global norm of the gradients it is asked to step with. */
    private static final class NormRecorder implements Optimizer {
        private final List<Parameter> params;
        double normAtStep = Double.NaN;
        int steps;

        NormRecorder(List<Parameter> params) {
            this.params = params;
        }

        @Override
        public void step() {
            normAtStep = GradientClipping.globalNorm(params);
            steps++;
        }

        @Override
        public void zeroGrad() {
            params.forEach(Parameter::zeroGrad);
        }

        @Override
        public double learningRate() {
            return 0;
        }

        @Override
        public void setLearningRate(double learningRate) {}
    }

    private static SequenceRecall.Model model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new SequenceRecall.Model(VanillaRnn.create(1, 6, rng), Dense.create(6, 1, rng));
    }

    @Test
    void trainingStepClipsBeforeTheOptimiserSteps() {
        SequenceRecall.Model m = model(1);
        NormRecorder optimizer = new NormRecorder(m.parameters());
        List<DMatrixRMaj> xs = SequenceRecall.batch(16, 5, new SplittableRandom(2));
        SequenceRecall.trainingStep(m, optimizer, xs, 1e-3);
        assertThat(optimizer.steps).as("SequenceRecall.trainingStep optimiser steps").isEqualTo(1);
        assertThat(optimizer.normAtStep).as("SequenceRecall.trainingStep global norm the optimiser sees (maxNorm 1e-3)")
                .isBetween(0.999e-3, 1.0e-3);
    }

    @Test
    void trainingStepReturnsTheLossBeforeTheStep() {
        SequenceRecall.Model m = model(3);
        List<DMatrixRMaj> xs = SequenceRecall.batch(16, 5, new SplittableRandom(4));
        double before = SequenceRecall.meanSquaredError(m, xs);
        double loss = SequenceRecall.trainingStep(m, new NormRecorder(m.parameters()), xs, 1.0);
        assertThat(loss).as("SequenceRecall.trainingStep loss").isCloseTo(before, within(1e-14));
    }

    @Test
    void trainingStepStartsFromZeroGradients() {
        SequenceRecall.Model m = model(5);
        List<DMatrixRMaj> xs = SequenceRecall.batch(16, 5, new SplittableRandom(6));
        NormRecorder first = new NormRecorder(m.parameters());
        SequenceRecall.trainingStep(m, first, xs, 1e9);
        NormRecorder second = new NormRecorder(m.parameters());
        SequenceRecall.trainingStep(m, second, xs, 1e9);
        // The recorder does not change the weights, so the same batch gives the same gradients again.
        assertThat(second.normAtStep).as("SequenceRecall.trainingStep gradient norm of a repeated step")
                .isCloseTo(first.normAtStep, within(1e-12 * first.normAtStep));
    }

    /**
     * 300 steps of gradient descent (lr 0.1, clipped at global norm 1) on batches of 32 sequences
     * of 5 numbers, 8 hidden units. Measured over 400 seeds: held-out error at most 0.060 (median
     * 0.015); the bound is 0.15, against 1/3 for always answering 0.
     */
    @Test
    void aTrainedNetworkRemembersTheFirstNumber() {
        SequenceRecall.Model m = SequenceRecall.fit(8, 5, 32, 300, 0.1, 1.0, new SplittableRandom(7));
        double error = SequenceRecall.meanSquaredError(m, SequenceRecall.batch(500, 5, new SplittableRandom(8)));
        assertThat(error).as("SequenceRecall held-out mean squared error after 300 steps (1/3 for answering 0)")
                .isLessThan(0.15);
    }
}
