package dlkit.hidden.capstone;

import dlkit.capstone.Dataset;
import dlkit.core.Parameter;
import dlkit.grader.api.Draw;
import dlkit.layers.Layer;
import dlkit.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * A model and an optimiser whose numbers the test writes, to watch one element of a training
 * loop ({@code DigitClassifier.fit}) at a time with nothing else moving: which gradients the loop
 * adds to, which learning rate each step gets, when early stopping ends training and which
 * values it restores. It works on any correct loop, whatever its batch size or patience.
 * <ul>
 * <li>Parameters as {@code Dense(D, C) -> Dense(C, C)} names them: weight, bias, weight, bias,
 *     all drawn non-zero.</li>
 * <li>{@link #forward}: every row's logits are {@code bias0 + bias1}, whatever the input. The
 *     validation loss is thus a function of the parameters that the script chooses.</li>
 * <li>{@link #backward} adds nothing to any gradient and returns zeros: at the optimiser's step a
 *     gradient holds exactly what the loop added after backward (the L2 penalty's, 2 lambda w, on
 *     the parameters it chose).</li>
 * <li>The epoch: the loop's steps of epoch e come after e validation passes (forward passes on
 *     the validation inputs, recognised by their values; consecutive ones count once, for a loop
 *     that measures the loss and the accuracy in two passes).</li>
 * <li>{@link #optimizer()}: its step records the epoch, its learning rate, and copies of the
 *     values and gradients it found, then sets the parameters to the script's values for that
 *     epoch, so the validation pass closing epoch e sees {@link #script}(e).</li>
 * <li>The script: the validation labels have class frequencies f = (1/2, 1/3, 1/6) roughly,
 *     and epoch e's biases add up to {@code tau_e * log f} with {@code tau_e = 1 + (e - best) / 4}.
 *     The softmax cross-entropy of constant logits {@code tau log f} is strictly convex in tau
 *     with its minimum at tau = 1 (its derivative there is {@code sum softmax(log f) log f -
 *     sum f log f = 0}, its second derivative the variance of log f, positive for f not uniform),
 *     so the validation loss falls strictly up to epoch {@code best} and rises strictly after it:
 *     early stopping with min delta 0 keeps epoch {@code best} and stops {@code patience} epochs
 *     later. The smallest step of tau, 1/4, changes the loss by about 0.005, far above rounding.</li>
 * </ul>
 */
final class ScriptedModel implements Layer {

    /** The classes of the scripted problem. */
    static final int CLASSES = 3;

    /** One optimiser step: the epoch it fell in, its learning rate, copies of the values and gradients it found. */
    record Step(int epoch, double learningRate, List<DMatrixRMaj> values, List<DMatrixRMaj> grads) {}

    final Dataset train;
    final Dataset validation;
    final int best;
    private final List<Parameter> params = new ArrayList<>();
    private final List<List<DMatrixRMaj>> script = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    private int validationPasses;
    private boolean lastWasValidation;
    private final ScriptedOptimizer optimizer;

    /**
     * @param epochs the script's length: the loop's maxEpochs
     * @param best   the epoch of the lowest validation loss, in [0, epochs)
     * @param rng    draws the data, the first values and the script
     */
    ScriptedModel(RandomGenerator rng, int epochs, int best) {
        this.best = best;
        int d = Draw.size(rng, 2, 5);
        int nTrain = Draw.size(rng, 8, 40);
        int nValidation = Draw.size(rng, 12, 30);
        int[] trainLabels = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            trainLabels[i] = rng.nextInt(CLASSES);
        }
        train = new Dataset(Draw.normal(rng, nTrain, d, 1.0), trainLabels);
        int[] validationLabels = new int[nValidation];
        int[] counts = new int[CLASSES];
        for (int i = 0; i < nValidation; i++) {
            validationLabels[i] = i < nValidation / 2 ? 0 : i < nValidation * 5 / 6 ? 1 : 2;
            counts[validationLabels[i]]++;
        }
        validation = new Dataset(Draw.normal(rng, nValidation, d, 1.0), validationLabels);
        double[] logF = Arrays.stream(counts).mapToDouble(c -> Math.log(c / (double) nValidation)).toArray();

        List<DMatrixRMaj> first = drawValues(rng, d, 1.0, logF);
        String[] names = {"weight", "bias", "weight", "bias"};
        for (int i = 0; i < names.length; i++) {
            params.add(new Parameter(names[i], first.get(i)));
        }
        for (int e = 0; e < epochs; e++) {
            script.add(drawValues(rng, d, 1 + (e - best) / 4.0, logF));
        }
        optimizer = new ScriptedOptimizer(rng.nextDouble(0.2, 0.9));
    }

    /** Weights (d, C) and (C, C), normal; biases (1, C), the first normal, the second making their sum tau * log f. */
    private static List<DMatrixRMaj> drawValues(RandomGenerator rng, int d, double tau, double[] logF) {
        DMatrixRMaj w0 = Draw.normal(rng, d, CLASSES, 1.0);
        DMatrixRMaj b0 = Draw.normal(rng, 1, CLASSES, 1.0);
        DMatrixRMaj w1 = Draw.normal(rng, CLASSES, CLASSES, 1.0);
        DMatrixRMaj b1 = new DMatrixRMaj(1, CLASSES);
        for (int c = 0; c < CLASSES; c++) {
            b1.data[c] = tau * logF[c] - b0.data[c];
        }
        return List.of(w0, b0, w1, b1);
    }

    /** The values the script sets during epoch {@code e} (copies). */
    List<DMatrixRMaj> script(int e) {
        return script.get(e).stream().map(DMatrixRMaj::copy).toList();
    }

    /** Copies of the parameters' current values. */
    List<DMatrixRMaj> values() {
        return params.stream().map(p -> p.value().copy()).toList();
    }

    /** The optimiser to hand the loop: it must be built on this model's parameters, and it is. */
    Optimizer optimizer() {
        return optimizer;
    }

    /** The learning rate the optimiser starts with, before any setLearningRate. */
    double initialLearningRate() {
        return optimizer.initial;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        boolean isValidation = x.numRows == validation.size() && x.numCols == validation.x().numCols
                && Arrays.equals(x.data, 0, x.getNumElements(), validation.x().data, 0, validation.x().getNumElements());
        if (isValidation && !lastWasValidation) {
            validationPasses++;
        }
        lastWasValidation = isValidation;
        DMatrixRMaj logits = new DMatrixRMaj(x.numRows, CLASSES);
        for (int i = 0; i < x.numRows; i++) {
            for (int c = 0; c < CLASSES; c++) {
                logits.set(i, c, params.get(1).value().data[c] + params.get(3).value().data[c]);
            }
        }
        return logits;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        return new DMatrixRMaj(gradOutput.numRows, train.x().numCols);
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    private final class ScriptedOptimizer implements Optimizer {
        final double initial;
        private double learningRate;

        ScriptedOptimizer(double initial) {
            this.initial = initial;
            this.learningRate = initial;
        }

        @Override
        public void step() {
            int epoch = validationPasses;
            steps.add(new Step(epoch, learningRate, values(), params.stream().map(p -> p.grad().copy()).toList()));
            if (epoch >= script.size()) {
                throw new IllegalStateException("a training step in epoch " + epoch + " of a loop given maxEpochs = "
                        + script.size());
            }
            for (int i = 0; i < params.size(); i++) {
                params.get(i).value().setTo(script.get(epoch).get(i));
            }
        }

        @Override
        public void zeroGrad() {
            params.forEach(Parameter::zeroGrad);
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double learningRate) {
            this.learningRate = learningRate;
        }
    }
}
