package dlkit.hidden.layers;

import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.BatchNorm;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Grades(BatchNorm.class)
@ExtendWith(GradingRandom.class)
class BatchNormHiddenTest {

    private static final double EPS = 1e-5;

    private static final Known UNBIASED_NORMALISES = new Known("BatchNorm/unbiased-variance-normalises",
            "the batch normalised with the unbiased variance (divided by N - 1); "
                    + "PyTorch normalises with the biased one (divided by N)");
    private static final Known MOMENTUM_REVERSED = new Known("BatchNorm/momentum-reversed",
            "momentum applied the other way round: PyTorch's momentum is the weight of the NEW batch "
                    + "statistic, running = (1 - momentum) * running + momentum * batch");
    private static final Known RUNNING_BIASED = new Known("BatchNorm/running-variance-biased",
            "the running variance fed the biased batch variance; PyTorch feeds it the unbiased one (divided by N - 1)");
    private static final Known BATCH_STATISTICS = new Known("BatchNorm/inference-uses-batch-statistics",
            "inference normalising with the batch's own statistics; it must use the running mean and variance");
    private static final Known STATISTICS_CONSTANT = new Known("BatchNorm/backward-statistics-as-constants",
            "the batch mean and variance treated as constants; in training mode they depend on x too");
    private static final Known GRADS_OVERWRITTEN = new Known("BatchNorm/grads-overwritten",
            "dgamma and dbeta overwritten by each backward call instead of added to (gradients accumulate until zeroGrad)");

    /*
     * Tolerances: a correct solution may sum in another order than the reference, which changes the
     * last bits; outputs and running statistics are held to 1e-7 and gradients (longer sums) to 1e-6
     * relative error, which leaves room for elements near 0 while every named mistake is off by
     * more than 1e-3.
     */

    @Test
    @Points(2)
    void trainingForwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 3, 12);
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj beta = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj x = batch(rng, n, d);

        BatchNorm student = new BatchNorm(d);
        student.gamma().value().setTo(gamma);
        student.beta().value().setTo(beta);
        var reference = new dlkit.reference.layers.BatchNorm(d);
        reference.gamma().value().setTo(gamma);
        reference.beta().value().setTo(beta);

        LayerPair.Outputs y = new LayerPair("BatchNorm", student, reference).forward(Given.of("x", x));
        Check.close("BatchNorm.forward in training mode on a (" + n + ", " + d + ") batch", y.student(), y.reference(),
                1e-7, UNBIASED_NORMALISES.wouldGive(normalise(x, mean(x), variance(x, n - 1), gamma, beta)));
    }

    @Test
    @Points(2)
    void runningStatisticsAfterThreeBatchesMatchReference(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        boolean defaults = rng.nextBoolean();
        double momentum = defaults ? 0.1 : rng.nextDouble(0.05, 0.5);
        BatchNorm student = defaults ? new BatchNorm(d) : new BatchNorm(d, momentum, EPS);
        var reference = defaults ? new dlkit.reference.layers.BatchNorm(d)
                : new dlkit.reference.layers.BatchNorm(d, momentum, EPS);
        LayerPair layers = new LayerPair("BatchNorm", student, reference);
        DMatrixRMaj biasedVar = ones(d);
        DMatrixRMaj reversedVar = ones(d);
        DMatrixRMaj reversedMean = new DMatrixRMaj(1, d);

        for (int b = 0; b < 3; b++) {
            int n = Draw.size(rng, 2, 10);
            DMatrixRMaj x = batch(rng, n, d);
            layers.forward(Given.of("x", x));
            DMatrixRMaj mu = mean(x);
            DMatrixRMaj var = variance(x, n);
            for (int j = 0; j < d; j++) {
                biasedVar.data[j] = (1 - momentum) * biasedVar.data[j] + momentum * var.data[j];
                reversedVar.data[j] = momentum * reversedVar.data[j] + (1 - momentum) * var.data[j] * n / (n - 1);
                reversedMean.data[j] = momentum * reversedMean.data[j] + (1 - momentum) * mu.data[j];
            }
        }

        String setting = defaults ? "the default momentum 0.1" : "momentum " + momentum;
        Check.close("BatchNorm.runningMean after three training batches with " + setting,
                student.runningMean(), reference.runningMean(), 1e-7,
                MOMENTUM_REVERSED.wouldGive(reversedMean));
        Check.close("BatchNorm.runningVar after three training batches with " + setting,
                student.runningVar(), reference.runningVar(), 1e-7,
                RUNNING_BIASED.wouldGive(biasedVar), MOMENTUM_REVERSED.wouldGive(reversedVar));
    }

    @Test
    @Points(2)
    void inferenceForwardUsesTheRunningStatistics(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj beta = Draw.normal(rng, 1, d, 1.0);
        BatchNorm student = new BatchNorm(d);
        student.gamma().value().setTo(gamma);
        student.beta().value().setTo(beta);
        var reference = new dlkit.reference.layers.BatchNorm(d);
        reference.gamma().value().setTo(gamma);
        reference.beta().value().setTo(beta);
        LayerPair layers = new LayerPair("BatchNorm", student, reference);
        for (int b = 0; b < 2; b++) {
            layers.forward(Given.of("x", batch(rng, Draw.size(rng, 2, 10), d)));
        }
        layers.setTraining(false);
        int n = Draw.size(rng, 3, 8);
        DMatrixRMaj x = batch(rng, n, d);

        LayerPair.Outputs y = layers.forward(Given.of("x", x));
        Check.close("BatchNorm.forward in inference mode on a (" + n + ", " + d + ") batch after two training batches",
                y.student(), y.reference(), 1e-7,
                BATCH_STATISTICS.wouldGive(normalise(x, mean(x), variance(x, n), gamma, beta)));
        Check.close("BatchNorm.runningVar after an inference-mode forward (it must not change)",
                student.runningVar(), reference.runningVar(), 1e-7);
    }

    @Test
    @Points(2)
    void trainingBackwardMatchesReference(RandomGenerator rng) {
        int n = Draw.size(rng, 3, 12);
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        DMatrixRMaj x = batch(rng, n, d);
        DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
        BatchNorm student = new BatchNorm(d);
        student.gamma().value().setTo(gamma);
        var reference = new dlkit.reference.layers.BatchNorm(d);
        reference.gamma().value().setTo(gamma);

        LayerPair layers = new LayerPair("BatchNorm", student, reference);
        layers.forward(Given.of("x", x));
        LayerPair.Outputs gradients = layers.backward(Given.of("dY", up));
        DMatrixRMaj dx = gradients.student();
        DMatrixRMaj expected = gradients.reference();

        DMatrixRMaj asConstants = up.copy();
        DMatrixRMaj var = variance(x, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                asConstants.set(i, j, up.get(i, j) * gamma.data[j] / Math.sqrt(var.data[j] + EPS));
            }
        }
        String where = " of BatchNorm.backward after a training forward on a (" + n + ", " + d + ") batch";
        Check.close("dx" + where, dx, expected, 1e-6,
                STATISTICS_CONSTANT.wouldGive(asConstants));
        Check.close("dgamma" + where, student.gamma().grad(), reference.gamma().grad(), 1e-6);
        Check.close("dbeta" + where, student.beta().grad(), reference.beta().grad(), 1e-6);
    }

    /**
     * The Layer contract: backward ADDS into the parameters' gradients, so two passes without
     * zeroGrad leave the sum of both (what a batch split in two, or a shared layer, relies on).
     * A single pass cannot tell adding from overwriting, since gradients start at 0; the layer's
     * other tests all make one pass. The overwritten answer is a fresh reference given only the
     * second pass.
     */
    @Test
    @Points(1)
    void parameterGradientsAccumulateOverTwoBackwardCalls(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        BatchNorm student = new BatchNorm(d);
        student.gamma().value().setTo(gamma);
        var reference = new dlkit.reference.layers.BatchNorm(d);
        reference.gamma().value().setTo(gamma);
        var secondOnly = new dlkit.reference.layers.BatchNorm(d);
        secondOnly.gamma().value().setTo(gamma);
        LayerPair layers = new LayerPair("BatchNorm", student, reference);

        for (int call = 0; call < 2; call++) {
            int n = Draw.size(rng, 2, 8);
            DMatrixRMaj x = batch(rng, n, d);
            DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
            layers.forward(Given.of("x", x));
            layers.backward(Given.of("dY", up));
            if (call == 1) {
                secondOnly.forward(x.copy());
                secondOnly.backward(up.copy());
            }
        }

        String where = " after two training forward/backward passes without zeroGrad (gradients must add up)";
        Check.close("dgamma of BatchNorm" + where, student.gamma().grad(), reference.gamma().grad(), 1e-6,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.gamma().grad()));
        Check.close("dbeta of BatchNorm" + where, student.beta().grad(), reference.beta().grad(), 1e-6,
                GRADS_OVERWRITTEN.wouldGive(secondOnly.beta().grad()));
    }

    @Test
    @Points(1)
    void inferenceBackwardMatchesReference(RandomGenerator rng) {
        int d = Draw.size(rng, 1, 6);
        DMatrixRMaj gamma = Draw.normal(rng, 1, d, 1.0);
        BatchNorm student = new BatchNorm(d);
        student.gamma().value().setTo(gamma);
        var reference = new dlkit.reference.layers.BatchNorm(d);
        reference.gamma().value().setTo(gamma);
        LayerPair layers = new LayerPair("BatchNorm", student, reference);
        layers.forward(Given.of("x", batch(rng, 6, d)));
        layers.setTraining(false);
        int n = Draw.size(rng, 2, 8);
        DMatrixRMaj x = batch(rng, n, d);
        DMatrixRMaj up = Draw.normal(rng, n, d, 1.0);
        layers.forward(Given.of("x", x));

        LayerPair.Outputs dx = layers.backward(Given.of("dY", up));
        Check.close("dx of BatchNorm.backward after an inference-mode forward on a (" + n + ", " + d + ") batch",
                dx.student(), dx.reference(), 1e-6);
        Check.close("dgamma of BatchNorm.backward after an inference-mode forward",
                student.gamma().grad(), reference.gamma().grad(), 1e-6);
    }

    /** Columns with their own offsets and scales, so the statistics matter. */
    private static DMatrixRMaj batch(RandomGenerator rng, int n, int d) {
        DMatrixRMaj x = Draw.normal(rng, n, d, 1.0);
        for (int j = 0; j < d; j++) {
            double scale = rng.nextDouble(0.5, 3);
            double shift = rng.nextDouble(-2, 2);
            for (int i = 0; i < n; i++) {
                x.set(i, j, scale * x.get(i, j) + shift);
            }
        }
        return x;
    }

    private static DMatrixRMaj ones(int d) {
        DMatrixRMaj m = new DMatrixRMaj(1, d);
        m.fill(1.0);
        return m;
    }

    private static DMatrixRMaj mean(DMatrixRMaj x) {
        DMatrixRMaj mu = new DMatrixRMaj(1, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                mu.data[j] += x.get(i, j) / x.numRows;
            }
        }
        return mu;
    }

    /** Column variances, the sum of squared deviations divided by {@code divisor}. */
    private static DMatrixRMaj variance(DMatrixRMaj x, int divisor) {
        DMatrixRMaj mu = mean(x);
        DMatrixRMaj var = new DMatrixRMaj(1, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                var.data[j] += Math.pow(x.get(i, j) - mu.data[j], 2) / divisor;
            }
        }
        return var;
    }

    private static DMatrixRMaj normalise(DMatrixRMaj x, DMatrixRMaj mean, DMatrixRMaj var, DMatrixRMaj gamma, DMatrixRMaj beta) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                y.set(i, j, gamma.data[j] * (x.get(i, j) - mean.data[j]) / Math.sqrt(var.data[j] + EPS) + beta.data[j]);
            }
        }
        return y;
    }
}
