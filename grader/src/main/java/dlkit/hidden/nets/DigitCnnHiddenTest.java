package dlkit.hidden.nets;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.capstone.DigitClassifier;
import dlkit.capstone.Digits;
import dlkit.capstone.History;
import dlkit.capstone.Split;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Disguise;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.hidden.capstone.CapstoneData;
import dlkit.hidden.capstone.DigitClassifierHiddenTest;
import dlkit.init.Initializers;
import dlkit.layers.Dense;
import dlkit.layers.ReLU;
import dlkit.nets.Conv2d;
import dlkit.nets.DigitCnn;
import dlkit.nets.MaxPool2d;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The small CNN, composed of the student's own Conv2d, ReLU, MaxPool2d and Dense. The forward
 * and backward tests run each of the student's parts on the reference's intermediate values
 * before the whole network, so a wrong part is named as that part, not as a wrong network.
 *
 * <p>The accuracy bands share one training run, seeded from the grading run: the student's
 * {@code DigitCnn.build} trained by the student's {@code DigitClassifier.train} for
 * {@value #BUDGET} epochs on the training and validation parts of the digits (standardised by
 * the reference); the test part stays here. The bands are not statistical tests with a computed
 * false-failure bound: they are set below what the reference reaches, whose lowest test accuracy
 * over 200 seeds is 0.9306 (335 of the 360 test images right; 5th percentile 0.9417, mean 0.9537,
 * measured by {@code dlkit.grader.bench.DigitCnnBands}), where the top band 0.92 needs 332.
 * When a band is missed, the parts are checked against the reference on random inputs and the
 * first that differs is named in the failure.
 *
 * <p>Time: the shared run (10 epochs, reading the digits included) takes about 1.3 s with the
 * reference in a JVM limited to C1, as the grader's test JVM is, and 5.5 to 8 s on 2 cores
 * shared with 16 to 25 other busy processes; every other test here well under 0.5 s. Each test
 * may take 30 s.
 */
@Grades(DigitCnn.class)
@ExtendWith(GradingRandom.class)
// Training takes seconds: 30 s a test, whatever --timeout-per-test says, keeps a busy machine from failing a correct network.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DigitCnnHiddenTest {

    /** The epochs a grading run allows: the reference's MAX_EPOCHS, whatever the student's file says. */
    static final int BUDGET = dlkit.reference.capstone.DigitClassifier.MAX_EPOCHS;
    private static final int SIDE = 8;
    /** Sums of products in another order: rounding only; every wrong part is off by far more. */
    private static final double SUMS = 1e-6;

    private static final Known NOT_HE = new Known("DigitCnn/dense-weight-not-he-normal",
            "the dense layer's weight not drawn with Initializers.heNormal(FILTERS*16, 10, rng) after the conv weight,"
                    + " as build's Javadoc says (Glorot normal gives nearly the same scale, so accuracy alone"
                    + " cannot tell)");
    private static final Known NO_RELU = new Known("DigitCnn/no-relu",
            "no ReLU between the convolution and the pooling: conv, pool, dense is almost linear; the class comment puts"
                    + " ReLU after the convolution, in forward and (its mask) in backward");
    private static final Known RELU_SKIPPED_IN_BACKWARD = new Known("DigitCnn/relu-skipped-in-backward",
            "ReLU's backward left out: forward applies ReLU, so backward must pass the gradient through ReLU.backward"
                    + " (zero where the convolution's output was negative) between pool.backward and conv.backward");

    private record Run(double testAccuracy, int epochs, String seed) {}

    private static Run run;
    private static RuntimeException runFailure;

    private static synchronized Run digitsRun() {
        if (run == null && runFailure == null) {
            try {
                RandomGenerator rng = GradingRandom.forTest(GradingRandom.runSeed(), "nets: DigitCnn on the digits");
                Split data = Disguise.of(CapstoneData.digits(),
                        GradingRandom.forTest(GradingRandom.runSeed(), "nets: the digits' disguise for DigitCnn"),
                        Disguise.PixelMove.SQUARE_SYMMETRY);
                DigitCnn model = DigitCnn.build(rng);
                // The test part stays here: train gets copies of the other two parts only.
                History history = DigitClassifier.train(model, Given.of("train", data.train()).student(),
                        Given.of("validation", data.validation()).student(), BUDGET, rng);
                model.setTraining(false);
                // The test images go to the reference's layers holding the student's trained weights:
                // they never reach code of the student's, which could know the kit's public test images.
                DMatrixRMaj logits = new dlkit.reference.nets.DigitCnn(
                        new dlkit.reference.nets.Conv2d(1, DigitCnn.KERNEL, DigitCnn.KERNEL, 1, (DigitCnn.KERNEL - 1) / 2,
                                model.conv().weight().value().copy(), model.conv().bias().value().copy()),
                        new dlkit.reference.nets.MaxPool2d(DigitCnn.POOL, DigitCnn.POOL),
                        new dlkit.reference.layers.Dense(model.dense().weight().value().copy(), model.dense().bias().value().copy()))
                        .forward(data.test().x());
                run = new Run(DigitClassifierHiddenTest.correct(logits, data.test().labels()) / (double) data.test().size(), history.epochs(),
                        "run seed " + GradingRandom.runSeed());
            } catch (RuntimeException e) {
                runFailure = e;
            }
        }
        if (runFailure != null) {
            throw runFailure;
        }
        return run;
    }

    private static void requireBand(double band, RandomGenerator rng) {
        Run r = digitsRun();
        if (r.testAccuracy() < band) {
            // Name the part that is wrong, if one is: each check throws naming its part.
            Parts parts = Parts.draw(rng);
            parts.forwardOneByOne();
            parts.backwardOneByOne();
            parts.wholeNetwork();
        }
        assertThat(r.epochs()).as("epochs DigitClassifier.train ran with maxEpochs = " + BUDGET).isLessThanOrEqualTo(BUDGET);
        assertThat(r.testAccuracy()).as("test accuracy of DigitCnn.build trained by DigitClassifier.train on the digits ("
                + r.seed() + ", " + r.epochs() + " epochs); this band needs at least " + band + ". Your Conv2d, ReLU,"
                + " MaxPool2d, Dense and DigitCnn's forward and backward agree with the reference's, so look at the"
                + " training (DigitClassifier.train and what it uses) and at DigitCnn.build").isGreaterThanOrEqualTo(band);
    }

    @Test
    @Points(2)
    void testAccuracyAtLeast080(RandomGenerator rng) {
        requireBand(0.80, rng);
    }

    @Test
    @Points(2)
    void testAccuracyAtLeast090(RandomGenerator rng) {
        requireBand(0.90, rng);
    }

    @Test
    @Points(3)
    void testAccuracyAtLeast092(RandomGenerator rng) {
        requireBand(0.92, rng);
    }

    @Test
    @Points(2)
    void forwardIsTheCompositionOfTheParts(RandomGenerator rng) {
        Parts parts = Parts.draw(rng);
        parts.forwardOneByOne();
        parts.wholeNetworkForward();
    }

    @Test
    @Points(2)
    void backwardIsTheCompositionOfThePartsInReverse(RandomGenerator rng) {
        Parts parts = Parts.draw(rng);
        parts.backwardOneByOne();
        parts.wholeNetwork();
    }

    @Test
    @Points(1)
    void buildMakesTheNetworkOfTheClassComment(RandomGenerator rng) {
        DigitCnn model = DigitCnn.build(rng);
        List<Parameter> p = model.parameters();
        assertThat(p).as("parameters of DigitCnn.build's network: conv weight, conv bias, dense weight, dense bias").hasSize(4);
        int filters = p.get(0).value().numRows;
        assertThat(new int[] {p.get(0).value().numCols, p.get(1).value().numCols, p.get(2).value().numRows,
                p.get(2).value().numCols}).as("shapes of DigitCnn.build's parameters: conv weight columns KERNEL*KERNEL = 9,"
                + " conv bias F = " + filters + ", dense weight (F*4*4, 10)").containsExactly(9, filters, filters * 16, 10);
        int n = Draw.size(rng, 1, 5);
        DMatrixRMaj logits = model.forward(Draw.normal(rng, n, Digits.FEATURES, 1.0));
        assertThat(new int[] {logits.numRows, logits.numCols}).as("shape of DigitCnn.build's logits on " + n + " images")
                .containsExactly(n, 10);

        // The Javadoc fixes the draws: He normal, the convolution's weight first (fan-in 9, transposed
        // to (F, 9)), then the dense layer's (fan-in F*16), biases zero. The expected weights come
        // from the same Initializers class the student's build calls, on the same seed, so this
        // checks build's use of it, whatever that class's own score.
        long seed = rng.nextLong();
        List<Parameter> built = DigitCnn.build(new SplittableRandom(seed)).parameters();
        SplittableRandom draws = new SplittableRandom(seed);
        DMatrixRMaj convWeight = CommonOps_DDRM.transpose(Initializers.heNormal(9, DigitCnn.FILTERS, draws), null);
        DMatrixRMaj denseWeight = Initializers.heNormal(DigitCnn.FILTERS * 16, 10, draws);
        SplittableRandom glorot = new SplittableRandom(seed);
        CommonOps_DDRM.transpose(Initializers.heNormal(9, DigitCnn.FILTERS, glorot), null);
        DMatrixRMaj glorotDense = Initializers.glorotNormal(DigitCnn.FILTERS * 16, 10, glorot);
        Check.close("conv weight of DigitCnn.build(new SplittableRandom(" + seed + ")): heNormal(9, FILTERS), transposed,"
                + " drawn first", built.get(0).value(), convWeight, 1e-12);
        Check.close("conv bias of DigitCnn.build", built.get(1).value(), new DMatrixRMaj(1, DigitCnn.FILTERS), 0.0);
        Check.close("dense weight of DigitCnn.build(new SplittableRandom(" + seed + ")): heNormal(FILTERS*16, 10),"
                + " drawn after the conv weight", built.get(2).value(), denseWeight, 1e-12,
                NOT_HE.wouldGive(glorotDense));
        Check.close("dense bias of DigitCnn.build", built.get(3).value(), new DMatrixRMaj(1, 10), 0.0);
    }

    /**
     * The student's parts and the reference's, on the same drawn weights, x and dY. Each student
     * part runs on the reference's input to it, so a check names one part only.
     */
    private static final class Parts {
        final int filters;
        final int n;
        final Given<DMatrixRMaj> x;
        final Given<DMatrixRMaj> convWeight;
        final Given<DMatrixRMaj> convBias;
        final Given<DMatrixRMaj> denseWeight;
        final Given<DMatrixRMaj> denseBias;
        final Given<DMatrixRMaj> dy;
        final String on;

        private Parts(RandomGenerator rng) {
            filters = Draw.size(rng, 2, 5);
            n = Draw.size(rng, 2, 4);
            x = Given.of("x", Draw.normal(rng, n, SIDE * SIDE, 1.0));
            convWeight = Given.of("conv weight", Draw.normal(rng, filters, 9, 0.5));
            convBias = Given.of("conv bias", Draw.normal(rng, 1, filters, 0.5));
            denseWeight = Given.of("dense weight", Draw.normal(rng, filters * 16, 10, 0.3));
            denseBias = Given.of("dense bias", Draw.normal(rng, 1, 10, 0.3));
            dy = Given.of("dY", Draw.normal(rng, n, 10, 1.0));
            on = " inside DigitCnn, on " + n + " images of 8x8 with " + filters + " filters";
        }

        static Parts draw(RandomGenerator rng) {
            return new Parts(rng);
        }

        Conv2d studentConv() {
            return new Conv2d(1, 3, 3, 1, 1, convWeight.student(), convBias.student());
        }

        dlkit.reference.nets.Conv2d referenceConv() {
            return new dlkit.reference.nets.Conv2d(1, 3, 3, 1, 1, convWeight.copy(), convBias.copy());
        }

        Dense studentDense() {
            return new Dense(denseWeight.student(), denseBias.student());
        }

        dlkit.reference.layers.Dense referenceDense() {
            return new dlkit.reference.layers.Dense(denseWeight.copy(), denseBias.copy());
        }

        /** Conv2d, ReLU, MaxPool2d and Dense forward, each on the reference's input to it. */
        void forwardOneByOne() {
            DMatrixRMaj conv = referenceConv().forward(x.copy(), SIDE, SIDE);
            Check.close("your part Conv2d.forward (1 channel, 3x3, stride 1, padding 1)" + on,
                    studentConv().forward(x.student(), SIDE, SIDE), conv, SUMS);
            DMatrixRMaj relu = new dlkit.reference.layers.ReLU().forward(conv.copy());
            Check.close("your part ReLU.forward" + on, new ReLU().forward(conv.copy()), relu, SUMS);
            DMatrixRMaj pooled = new dlkit.reference.nets.MaxPool2d(2, 2).forward(relu.copy(), filters, SIDE, SIDE);
            Check.close("your part MaxPool2d.forward (2x2, stride 2)" + on,
                    new MaxPool2d(2, 2).forward(relu.copy(), filters, SIDE, SIDE), pooled, SUMS);
            Check.close("your part Dense.forward" + on, studentDense().forward(pooled.copy()),
                    referenceDense().forward(pooled.copy()), SUMS);
            Given.unchanged("the parts' forward", x, convWeight, convBias, denseWeight, denseBias);
        }

        /** Dense, MaxPool2d, ReLU and Conv2d backward, each on the reference's gradient into it. */
        void backwardOneByOne() {
            var conv = referenceConv();
            var relu = new dlkit.reference.layers.ReLU();
            var pool = new dlkit.reference.nets.MaxPool2d(2, 2);
            var dense = referenceDense();
            DMatrixRMaj convOut = conv.forward(x.copy(), SIDE, SIDE);
            DMatrixRMaj reluOut = relu.forward(convOut.copy());
            DMatrixRMaj pooled = pool.forward(reluOut.copy(), filters, SIDE, SIDE);
            dense.forward(pooled.copy());
            DMatrixRMaj dPooled = dense.backward(dy.copy());
            DMatrixRMaj dReluOut = pool.backward(dPooled.copy());
            DMatrixRMaj dConvOut = relu.backward(dReluOut.copy());
            DMatrixRMaj dx = conv.backward(dConvOut.copy());

            Dense studentDense = studentDense();
            studentDense.forward(pooled.copy());
            Check.close("dX of your part Dense.backward" + on, studentDense.backward(dy.student()), dPooled, SUMS);
            Check.close("dW of your part Dense.backward" + on, studentDense.weight().grad(), dense.weight().grad(), SUMS);
            Check.close("db of your part Dense.backward" + on, studentDense.bias().grad(), dense.bias().grad(), SUMS);
            MaxPool2d studentPool = new MaxPool2d(2, 2);
            studentPool.forward(reluOut.copy(), filters, SIDE, SIDE);
            Check.close("dX of your part MaxPool2d.backward (2x2, stride 2)" + on, studentPool.backward(dPooled.copy()),
                    dReluOut, SUMS);
            ReLU studentRelu = new ReLU();
            studentRelu.forward(convOut.copy());
            Check.close("dX of your part ReLU.backward" + on, studentRelu.backward(dReluOut.copy()), dConvOut, SUMS);
            Conv2d studentConv = studentConv();
            studentConv.forward(x.student(), SIDE, SIDE);
            Check.close("dX of your part Conv2d.backward (1 channel, 3x3, stride 1, padding 1)" + on,
                    studentConv.backward(dConvOut.copy()), dx, SUMS);
            Check.close("dW of your part Conv2d.backward" + on, studentConv.weight().grad(), conv.weight().grad(), SUMS);
            Check.close("db of your part Conv2d.backward" + on, studentConv.bias().grad(), conv.bias().grad(), SUMS);
            Given.unchanged("the parts' forward and backward", x, convWeight, convBias, denseWeight, denseBias, dy);
        }

        DigitCnn studentNetwork() {
            return new DigitCnn(studentConv(), new MaxPool2d(2, 2), studentDense());
        }

        dlkit.reference.nets.DigitCnn referenceNetwork() {
            return new dlkit.reference.nets.DigitCnn(referenceConv(), new dlkit.reference.nets.MaxPool2d(2, 2), referenceDense());
        }

        void wholeNetworkForward() {
            Check.close("DigitCnn.forward, the whole network (conv, ReLU, pool over the filters' channels, dense)" + on,
                    studentNetwork().forward(x.student()), referenceNetwork().forward(x.copy()), SUMS,
                    NO_RELU.wouldGive(chain(false, false)[0]));
            x.unchanged("DigitCnn.forward");
        }

        /**
         * The reference's parts chained with or without ReLU in forward and in backward:
         * {logits, dX, conv dW, conv db, dense dW, dense db}.
         */
        DMatrixRMaj[] chain(boolean reluForward, boolean reluBackward) {
            var conv = referenceConv();
            var relu = new dlkit.reference.layers.ReLU();
            var pool = new dlkit.reference.nets.MaxPool2d(2, 2);
            var dense = referenceDense();
            DMatrixRMaj features = conv.forward(x.copy(), SIDE, SIDE);
            if (reluForward) {
                features = relu.forward(features);
            }
            DMatrixRMaj logits = dense.forward(pool.forward(features, filters, SIDE, SIDE));
            DMatrixRMaj back = pool.backward(dense.backward(dy.copy()));
            if (reluBackward) {
                back = relu.backward(back);
            }
            DMatrixRMaj dx = conv.backward(back);
            return new DMatrixRMaj[] {logits, dx, conv.weight().grad(), conv.bias().grad(), dense.weight().grad(),
                    dense.bias().grad()};
        }

        /** The whole network's logits, dX and the four parameter gradients. */
        void wholeNetwork() {
            wholeNetworkForward();
            DigitCnn student = studentNetwork();
            var reference = referenceNetwork();
            student.forward(x.student());
            reference.forward(x.copy());
            DMatrixRMaj[] noRelu = chain(false, false);
            DMatrixRMaj[] reluSkipped = chain(true, false);
            Check.close("dX of DigitCnn.backward, the whole network (dense, pool, ReLU, conv backward in that order)" + on,
                    student.backward(dy.student()), reference.backward(dy.copy()), SUMS,
                    NO_RELU.wouldGive(noRelu[1]), RELU_SKIPPED_IN_BACKWARD.wouldGive(reluSkipped[1]));
            Given.unchanged("DigitCnn.forward and backward", x, dy);
            List<Parameter> mine = student.parameters();
            var theirs = reference.parameters();
            for (int i = 0; i < theirs.size(); i++) {
                Check.close("gradient of " + theirs.get(i).name() + " (parameter " + i + ": conv weight, conv bias, dense"
                        + " weight, dense bias) after DigitCnn.backward" + on, mine.get(i).grad(), theirs.get(i).grad(), SUMS,
                        NO_RELU.wouldGive(noRelu[2 + i]), RELU_SKIPPED_IN_BACKWARD.wouldGive(reluSkipped[2 + i]));
            }
        }
    }
}
