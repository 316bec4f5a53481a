package dlkit.nets;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.layers.Dense;
import dlkit.optim.GradientClipping;
import dlkit.optim.GradientDescent;
import dlkit.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Training a recurrent network through time, with gradient clipping: remember the first number
 * of a sequence of noise. Each sequence is T numbers drawn uniformly from [-1, 1); the target is
 * the FIRST one, to be output after the LAST step:
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b),  h_0 = 0     a VanillaRnn with D = 1
 *   y   = h_T W + c                                     a Dense from H to 1
 *   L   = mean over the batch of (y - x_1)^2            predicting 0 gives 1/3, the variance of x_1
 * </pre>
 * The only way to lower L is to carry x_1 through T - 1 steps of noise, so the gradient must flow
 * back through every step: BPTT ({@link VanillaRnn#backward}). Through W_hh, repeated T times,
 * that gradient can grow from step to step and explode; clipping its global norm
 * ({@link GradientClipping#clipByGlobalNorm}) between the backward pass and the optimiser's step
 * keeps each step bounded.
 *
 * <p>It uses your own VanillaRnn, Dense, GradientClipping and GradientDescent: a bug in one of
 * them shows here too, and the grader says which one.
 */
public final class SequenceRecall {

    private SequenceRecall() {}

    /** The network: a VanillaRnn read at its last step by a Dense head. */
    public record Model(VanillaRnn rnn, Dense head) {

        /** The RNN's parameters then the head's: [W_xh, W_hh, b, W, c]. */
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>(rnn.parameters());
            all.addAll(head.parameters());
            return all;
        }

        /**
         * The predictions {@code y = h_T W + c}, from {@code h_0 = 0}.
         *
         * @param xs T matrices, each (N, 1); none is modified
         * @return a new (N, 1) matrix
         */
        public DMatrixRMaj predict(List<DMatrixRMaj> xs) {
            List<DMatrixRMaj> hs = rnn.forward(xs, new DMatrixRMaj(xs.get(0).numRows, rnn.hiddenSize()));
            return head.forward(hs.get(hs.size() - 1));
        }
    }

    /**
     * A batch of {@code n} sequences of {@code length} numbers, each uniform in [-1, 1), drawn step
     * by step and, within a step, sequence by sequence. The targets are {@code xs.get(0)}.
     *
     * @return {@code length} new (n, 1) matrices x_1 .. x_T
     */
    public static List<DMatrixRMaj> batch(int n, int length, RandomGenerator rng) {
        if (n < 1 || length < 1) {
            throw new IllegalArgumentException("batch: need n >= 1 and length >= 1 but got " + n + ", " + length);
        }
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            DMatrixRMaj x = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                x.data[i] = rng.nextDouble(-1, 1);
            }
            xs.add(x);
        }
        return xs;
    }

    /** The loss L = mean of (y - x_1)^2 of the model on the batch {@code xs}; nothing is modified. */
    public static double meanSquaredError(Model model, List<DMatrixRMaj> xs) {
        DMatrixRMaj y = model.predict(xs);
        double sum = 0;
        for (int i = 0; i < y.numRows; i++) {
            double r = y.data[i] - xs.get(0).data[i];
            sum += r * r;
        }
        return sum / y.numRows;
    }

    /**
     * One step of training on the batch {@code xs}: zero the gradients, forward, the loss L and
     * its gradient, backward through the head and then through time, clip all the gradients by
     * their global norm, one step of the optimiser.
     *
     * @param model     the network; its parameters are trained in place
     * @param optimizer an optimiser built on {@code model.parameters()}
     * @param xs        T matrices, each (N, 1); the targets are x_1; none is modified
     * @param maxNorm   the largest global norm of the gradients the optimiser may see, &gt;= 0
     * @return L on this batch, before the step
     */
    public static double trainingStep(Model model, Optimizer optimizer, List<DMatrixRMaj> xs, double maxNorm) {
        for (int t = 0; t < xs.size(); t++) {
            Matrices.requireShape("xs[" + t + "]", xs.get(t), "N, 1", xs.get(0).numRows, 1);
        }
        // TODO: 1. optimizer.zeroGrad().
        //  2. h0 = zeros (N, H); hs = model.rnn().forward(xs, h0); y = model.head().forward(h_T).
        //  3. L = mean of (y_i - x_1,i)^2 and dL/dy = 2 (y - x_1) / N.
        //  4. dh_T = model.head().backward(dL/dy); the loss reads only h_T, so dhs is T matrices
        //     (N, H), zeros except the last, dh_T; model.rnn().backward(xs, h0, dhs).
        //  5. GradientClipping.clipByGlobalNorm(model.parameters(), maxNorm), THEN optimizer.step().
        //  Return L.
        // BEGIN SOLUTION
        optimizer.zeroGrad();
        int n = xs.get(0).numRows;
        DMatrixRMaj h0 = new DMatrixRMaj(n, model.rnn().hiddenSize());
        List<DMatrixRMaj> hs = model.rnn().forward(xs, h0);
        DMatrixRMaj y = model.head().forward(hs.get(hs.size() - 1));
        double loss = 0;
        DMatrixRMaj dy = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double r = y.data[i] - xs.get(0).data[i];
            loss += r * r / n;
            dy.data[i] = 2 * r / n;
        }
        List<DMatrixRMaj> dhs = new ArrayList<>();
        for (int t = 0; t < xs.size() - 1; t++) {
            dhs.add(new DMatrixRMaj(n, model.rnn().hiddenSize()));
        }
        dhs.add(model.head().backward(dy));
        model.rnn().backward(xs, h0, dhs);
        GradientClipping.clipByGlobalNorm(model.parameters(), maxNorm);
        optimizer.step();
        return loss;
        // END SOLUTION
    }

    /**
     * Trains a fresh model: {@code VanillaRnn.create(1, hidden, rng)} then
     * {@code Dense.create(hidden, 1, rng)} (in that order, so the draws are fixed), one
     * {@code GradientDescent} on its parameters with learning rate {@code lr}, then {@code steps}
     * training steps, each on a fresh {@link #batch} of {@code batchSize} sequences of
     * {@code length} numbers drawn from rng.
     *
     * @return the trained model
     */
    public static Model fit(int hidden, int length, int batchSize, int steps, double lr, double maxNorm,
                            RandomGenerator rng) {
        Model model = new Model(VanillaRnn.create(1, hidden, rng), Dense.create(hidden, 1, rng));
        Optimizer optimizer = new GradientDescent(model.parameters(), lr);
        for (int step = 0; step < steps; step++) {
            trainingStep(model, optimizer, batch(batchSize, length, rng), maxNorm);
        }
        return model;
    }
}
