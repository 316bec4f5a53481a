package dlkit.gan;

import dlkit.core.Matrices;
import dlkit.layers.Dense;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import dlkit.losses.LossAndGradient;
import dlkit.optim.Adam;
import dlkit.optim.Optimizer;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A generative adversarial network (Goodfellow et al., 2014) on one-dimensional data: a
 * generator G turns noise z into samples x = G(z), a discriminator D scores a sample with a
 * logit {@code D(x)} (its probability of being real is {@code sigmoid(D(x))}), and the two are
 * trained in turns against each other. Both are small MLPs, (N, noiseDim) to (N, 1) and (N, 1)
 * to (N, 1). Rows are samples.
 *
 * <p>The losses, each a MEAN over its batch, in the stable form on logits {@code r = D(real)}
 * and {@code f = D(G(z))}, with {@code softplus(s) = log(1 + exp(s)) = max(s, 0) + log1p(exp(-|s|))}:
 * <pre>
 *   discriminator:  L_D = mean_i softplus(-r_i) + mean_j softplus(f_j)
 *                       = BCE(r, 1) + BCE(f, 0)         real labelled 1, fake labelled 0
 *                   dL_D/dr_i = (sigmoid(r_i) - 1) / N_real,   dL_D/df_j = sigmoid(f_j) / N_fake
 *   generator, non-saturating (the one trained with here):
 *                   L_G = mean_j softplus(-f_j) = BCE(f, 1) = -mean log D(G(z))
 *                   dL_G/df_j = (sigmoid(f_j) - 1) / N
 *   generator, saturating (the original minimax form, for comparison):
 *                   L_sat = mean_j log(1 - sigmoid(f_j)) = -mean_j softplus(f_j)
 *                   dL_sat/df_j = -sigmoid(f_j) / N
 * </pre>
 * Why the non-saturating loss: early in training the discriminator rejects the fakes easily, so
 * {@code f} is very negative and {@code sigmoid(f)} is near 0. The saturating gradient
 * {@code -sigmoid(f) / N} is then near 0 too, and the generator hardly learns just when it is
 * worst; the non-saturating gradient {@code (sigmoid(f) - 1) / N} is then near {@code -1 / N},
 * its largest. Both push f up; they have the same fixed points.
 *
 * <p>Conventions, as PyTorch's DCGAN example with {@code BCEWithLogitsLoss} (mean reduction):
 * the discriminator's loss is the SUM of the two batch means; one {@link #trainStep} first
 * updates the discriminator on a real and a fake batch, then the generator against the UPDATED
 * discriminator, on the same fakes. The networks and optimisers are passed in, so any {@link Layer}
 * and {@link Optimizer} will do; {@link #create} builds the usual ones from the kit's classes.
 */
public final class Gan {

    /** The discriminator's loss and its gradients with respect to the real and the fake logits. */
    public record DiscriminatorLoss(double loss, DMatrixRMaj realGradient, DMatrixRMaj fakeGradient) {}

    /** What one {@link #trainStep} reports: L_D before the discriminator's update, L_G before the generator's. */
    public record StepLosses(double discriminator, double generator) {}

    private final Layer generator;
    private final Layer discriminator;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;

    /**
     * A GAN from its parts, kept (not copied): training modifies them.
     *
     * @param generator              (N, noiseDim) to (N, 1)
     * @param discriminator          (N, 1) to (N, 1), logits
     * @param generatorOptimizer     over the generator's parameters only
     * @param discriminatorOptimizer over the discriminator's parameters only
     */
    public Gan(Layer generator, Layer discriminator, Optimizer generatorOptimizer, Optimizer discriminatorOptimizer) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
    }

    /**
     * The usual small GAN: generator {@code Dense(noiseDim, hidden), Tanh, Dense(hidden, 1)},
     * discriminator {@code Dense(1, hidden), Tanh, Dense(hidden, 1)}, drawn from {@code rng} in
     * that order, each with its own {@code Adam(lr, 0.5, 0.999, 1e-8)} (beta1 = 0.5, as DCGAN).
     */
    public static Gan create(int noiseDim, int hidden, double lr, RandomGenerator rng) {
        Sequential g = new Sequential(Dense.create(noiseDim, hidden, rng), new Tanh(), Dense.create(hidden, 1, rng));
        Sequential d = new Sequential(Dense.create(1, hidden, rng), new Tanh(), Dense.create(hidden, 1, rng));
        return new Gan(g, d, new Adam(g.parameters(), lr, 0.5, 0.999, 1e-8), new Adam(d.parameters(), lr, 0.5, 0.999, 1e-8));
    }

    /** The generator, (N, noiseDim) to (N, 1). */
    public Layer generator() {
        return generator;
    }

    /** The discriminator, (N, 1) to (N, 1) logits. */
    public Layer discriminator() {
        return discriminator;
    }

    /**
     * The discriminator's loss, {@code BCE(r, 1) + BCE(f, 0)}, and its gradients (see the class
     * Javadoc). No argument is modified.
     *
     * @param realLogits r = D(real), (N_real, 1)
     * @param fakeLogits f = D(G(z)), (N_fake, 1); N_fake may differ from N_real
     * @return the loss and two new matrices, dL_D/dr (N_real, 1) and dL_D/df (N_fake, 1)
     */
    public static DiscriminatorLoss discriminatorLoss(DMatrixRMaj realLogits, DMatrixRMaj fakeLogits) {
        requireLogits("realLogits", realLogits);
        requireLogits("fakeLogits", fakeLogits);
        // TODO: each batch's mean of softplus, of -r for the real and of f for the fake, added
        //  together; the gradients (sigmoid(r) - 1) / N_real and sigmoid(f) / N_fake.
        //  Hint: softplus and sigmoid are below, stable at logits of +-1000. A numeric gradient
        //  check gives around 1e-9.
        // BEGIN SOLUTION
        int nReal = realLogits.numRows;
        int nFake = fakeLogits.numRows;
        DMatrixRMaj realGradient = new DMatrixRMaj(nReal, 1);
        DMatrixRMaj fakeGradient = new DMatrixRMaj(nFake, 1);
        double realLoss = 0;
        for (int i = 0; i < nReal; i++) {
            realLoss += softplus(-realLogits.data[i]);
            realGradient.data[i] = (sigmoid(realLogits.data[i]) - 1) / nReal;
        }
        double fakeLoss = 0;
        for (int j = 0; j < nFake; j++) {
            fakeLoss += softplus(fakeLogits.data[j]);
            fakeGradient.data[j] = sigmoid(fakeLogits.data[j]) / nFake;
        }
        return new DiscriminatorLoss(realLoss / nReal + fakeLoss / nFake, realGradient, fakeGradient);
        // END SOLUTION
    }

    /**
     * The non-saturating generator loss {@code mean softplus(-f) = -mean log D(G(z))} and its
     * gradient {@code (sigmoid(f) - 1) / N}. No argument is modified.
     *
     * @param fakeLogits f = D(G(z)), (N, 1)
     * @return the loss and dL_G/df, a new (N, 1) matrix
     */
    public static LossAndGradient generatorLoss(DMatrixRMaj fakeLogits) {
        requireLogits("fakeLogits", fakeLogits);
        // TODO: the generator wants its fakes labelled real: BCE(f, 1), a mean over the batch.
        // BEGIN SOLUTION
        int n = fakeLogits.numRows;
        DMatrixRMaj gradient = new DMatrixRMaj(n, 1);
        double loss = 0;
        for (int j = 0; j < n; j++) {
            loss += softplus(-fakeLogits.data[j]);
            gradient.data[j] = (sigmoid(fakeLogits.data[j]) - 1) / n;
        }
        return new LossAndGradient(loss / n, gradient);
        // END SOLUTION
    }

    /**
     * The saturating generator loss {@code mean log(1 - sigmoid(f)) = -mean softplus(f)}, which
     * the generator MINIMISES in the original minimax game, and its gradient
     * {@code -sigmoid(f) / N}: near 0 where the discriminator rejects the fakes (f very
     * negative), which is why training with it stalls early. No argument is modified.
     *
     * @param fakeLogits f = D(G(z)), (N, 1)
     * @return the loss (at most 0) and dL_sat/df, a new (N, 1) matrix
     */
    public static LossAndGradient saturatingGeneratorLoss(DMatrixRMaj fakeLogits) {
        requireLogits("fakeLogits", fakeLogits);
        // TODO: minus the mean of softplus(f), and its gradient; compare it with generatorLoss's
        //  at f = -10: about -4.5e-5 / N here against about -1 / N there.
        // BEGIN SOLUTION
        int n = fakeLogits.numRows;
        DMatrixRMaj gradient = new DMatrixRMaj(n, 1);
        double loss = 0;
        for (int j = 0; j < n; j++) {
            loss -= softplus(fakeLogits.data[j]);
            gradient.data[j] = -sigmoid(fakeLogits.data[j]) / n;
        }
        return new LossAndGradient(loss / n, gradient);
        // END SOLUTION
    }

    /**
     * The generator's loss on {@code samples} and its gradient with respect to the samples,
     * through the discriminator: {@code f = D(samples)}, {@code L_G = generatorLoss(f)}, and
     * {@code dL_G/dsamples = D.backward(dL_G/df)}. This is what the generator's backward pass
     * starts from. Modifies the discriminator's parameter gradients (backward ADDS into them;
     * the discriminator's next update zeroes them first) and its remembered input; {@code samples}
     * is not modified.
     *
     * @param samples x, (N, 1)
     * @return L_G and dL_G/dx, a new (N, 1) matrix
     */
    public LossAndGradient sampleGradient(DMatrixRMaj samples) {
        Matrices.requireShape("samples", samples, "N, 1", Matrices.ANY, 1);
        // TODO: forward the samples through the discriminator, take generatorLoss of the logits,
        //  and send its gradient back through the discriminator.
        // BEGIN SOLUTION
        LossAndGradient loss = generatorLoss(discriminator.forward(samples));
        return new LossAndGradient(loss.loss(), discriminator.backward(loss.gradient()));
        // END SOLUTION
    }

    /**
     * One alternating training step, in this order:
     * <ol>
     *   <li>{@code fake = G(noise)};</li>
     *   <li>the discriminator: zero its gradients, forward {@code real} and {@code fake} stacked
     *       as ONE batch (real rows first), {@link #discriminatorLoss} of the two halves of the
     *       logits, backward the two gradients stacked the same way, one step of its optimiser;</li>
     *   <li>the generator: zero its gradients, {@link #sampleGradient} of the same {@code fake}
     *       (through the discriminator just updated), backward through the generator, one step
     *       of its optimiser.</li>
     * </ol>
     * Only the discriminator's optimiser moves the discriminator and only the generator's moves
     * the generator. Neither argument is modified.
     *
     * @param real  a batch of real samples, (N_real, 1)
     * @param noise a batch of noise, (N_fake, noiseDim)
     * @return L_D (step 2, before the update) and L_G (step 3, before the update)
     */
    public StepLosses trainStep(DMatrixRMaj real, DMatrixRMaj noise) {
        Matrices.requireShape("real", real, "N, 1", Matrices.ANY, 1);
        // TODO: the three steps above. Stack two (N, 1) matrices with stack(a, b) below and
        //  split logits with CommonOps_DDRM.extract(m, row0, row1, 0, 1) (rows row0 to row1 - 1).
        //  Zero each network's gradients right before its own backward pass: the generator's
        //  step sends gradients through the discriminator too.
        // BEGIN SOLUTION
        DMatrixRMaj fake = generator.forward(noise);
        int nReal = real.numRows;
        int n = nReal + fake.numRows;

        discriminatorOptimizer.zeroGrad();
        DMatrixRMaj logits = discriminator.forward(stack(real, fake));
        DiscriminatorLoss d = discriminatorLoss(CommonOps_DDRM.extract(logits, 0, nReal, 0, 1),
                CommonOps_DDRM.extract(logits, nReal, n, 0, 1));
        discriminator.backward(stack(d.realGradient(), d.fakeGradient()));
        discriminatorOptimizer.step();

        generatorOptimizer.zeroGrad();
        LossAndGradient g = sampleGradient(fake);
        generator.backward(g.gradient());
        generatorOptimizer.step();
        return new StepLosses(d.loss(), g.loss());
        // END SOLUTION
    }

    /** {@code top}'s rows, then {@code bottom}'s, in a new matrix; neither argument is modified. */
    public static DMatrixRMaj stack(DMatrixRMaj top, DMatrixRMaj bottom) {
        Matrices.requireShape("bottom", bottom, "N, C", Matrices.ANY, top.numCols);
        DMatrixRMaj out = new DMatrixRMaj(top.numRows + bottom.numRows, top.numCols);
        System.arraycopy(top.data, 0, out.data, 0, top.getNumElements());
        System.arraycopy(bottom.data, 0, out.data, top.getNumElements(), bottom.getNumElements());
        return out;
    }

    /** {@code log(1 + exp(s))} without overflow: {@code max(s, 0) + log1p(exp(-|s|))}. */
    public static double softplus(double s) {
        return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
    }

    /** {@code 1 / (1 + exp(-s))} without overflow for s of either sign. */
    public static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static void requireLogits(String name, DMatrixRMaj logits) {
        Matrices.requireShape(name, logits, "N, 1", Matrices.ANY, 1);
        if (logits.numRows == 0) {
            throw new IllegalArgumentException(name + ": expected at least one row but was (0, 1)");
        }
    }
}
