package dlkit.hidden.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Layer;
import dlkit.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sequential is checked against the same layers composed by hand. The layers are written here
 * (an affine map and an element-wise cube), so this exercise does not depend on the student's
 * Dense or activations.
 */
@Grades(Sequential.class)
@ExtendWith(GradingRandom.class)
class SequentialHiddenTest {

    private static final Known FIRST_ONLY = new Known("Sequential/only-the-first-layer", "only the first layer applied");
    private static final Known FORWARD_NOT_CHAINED = new Known("Sequential/forward-not-chained",
            "forward gave every layer x instead of the previous layer's output");
    private static final Known BACKWARD_IN_FORWARD_ORDER = new Known("Sequential/backward-in-forward-order",
            "backward went through the layers first to last; it goes last to first, each layer's dX the dY of the"
                    + " layer before it");

    /** What this test's layers throw when given an input or gradient of the wrong width. */
    private static final class WrongWidth extends IllegalArgumentException {
        WrongWidth(String message) {
            super(message);
        }
    }

    /** The student's call; a layer given a matrix of the wrong width names the mistake that does it. */
    private static DMatrixRMaj through(String call, Known ifWrongWidth, Supplier<DMatrixRMaj> run) {
        try {
            return run.get();
        } catch (WrongWidth e) {
            Check.holds(call + " gave a layer a matrix of the wrong width (" + e.getMessage() + ")", false,
                    ifWrongWidth);
            throw e;
        }
    }

    @Test
    @Points(2)
    void forwardIsTheCompositionOfTheLayers(RandomGenerator rng) {
        int[] widths = widths(rng);
        long seed = rng.nextLong();
        DMatrixRMaj x = Draw.normal(rng, Draw.size(rng, 1, 6), widths[0], 1.0);
        Sequential net = new Sequential(network(widths, seed));
        List<Layer> byHand = network(widths, seed);

        DMatrixRMaj expected = x;
        for (Layer layer : byHand) {
            expected = layer.forward(expected);
        }
        DMatrixRMaj firstOnly = network(widths, seed).get(0).forward(x);
        Given<DMatrixRMaj> input = Given.of("x", x);
        DMatrixRMaj y = through("Sequential.forward", FORWARD_NOT_CHAINED, () -> net.forward(input.student()));
        input.unchanged("Sequential.forward");
        Check.close("Sequential.forward through " + byHand.size() + " layers of widths "
                + java.util.Arrays.toString(widths), y, expected, 1e-12, FIRST_ONLY.wouldGive(firstOnly));
    }

    @Test
    @Points(3)
    void backwardGoesThroughTheLayersInReverse(RandomGenerator rng) {
        int[] widths = widths(rng);
        long seed = rng.nextLong();
        int n = Draw.size(rng, 1, 6);
        DMatrixRMaj x = Draw.normal(rng, n, widths[0], 1.0);
        DMatrixRMaj dy = Draw.normal(rng, n, widths[widths.length - 1], 1.0);
        List<Layer> layers = network(widths, seed);
        Sequential net = new Sequential(layers);
        List<Layer> byHand = network(widths, seed);

        Given<DMatrixRMaj> input = Given.of("x", x);
        Given<DMatrixRMaj> gradient = Given.of("dY", dy);
        through("Sequential.forward", FORWARD_NOT_CHAINED, () -> net.forward(input.student()));
        DMatrixRMaj dx = through("Sequential.backward", BACKWARD_IN_FORWARD_ORDER,
                () -> net.backward(gradient.student()));
        Given.unchanged("Sequential.forward and backward", input, gradient);
        DMatrixRMaj expected = x;
        for (Layer layer : byHand) {
            expected = layer.forward(expected);
        }
        expected = dy;
        for (int i = byHand.size() - 1; i >= 0; i--) {
            expected = byHand.get(i).backward(expected);
        }

        String what = " of Sequential.backward through layers of widths " + java.util.Arrays.toString(widths);
        Check.close("dX" + what, dx, expected, 1e-12);
        List<Parameter> params = parameters(layers);
        List<Parameter> expectedParams = parameters(byHand);
        for (int i = 0; i < params.size(); i++) {
            Check.close("gradient of parameter " + i + " (" + expectedParams.get(i).name() + ")" + what,
                    params.get(i).grad(), expectedParams.get(i).grad(), 1e-12);
        }
    }

    @Test
    @Points(1)
    void parametersAndTrainingModeReachEveryLayer(RandomGenerator rng) {
        int[] widths = widths(rng);
        List<Layer> layers = network(widths, rng.nextLong());
        Sequential net = new Sequential(layers);
        DMatrixRMaj x = Draw.normal(rng, 2, widths[0], 1.0);

        assertThat(net.parameters()).as("Sequential.parameters(): every layer's, in layer order")
                .containsExactlyElementsOf(parameters(layers));
        net.setTraining(false);
        for (Layer layer : layers) {
            if (layer instanceof Affine affine) {
                assertThat(affine.training).as("training flag of each layer after Sequential.setTraining(false)").isFalse();
            }
        }
        // setTraining and parameters are given code; the forward pass makes this test the student's.
        DMatrixRMaj expected = x;
        for (Layer layer : layers) {
            expected = layer.forward(expected);
        }
        Given<DMatrixRMaj> input = Given.of("x", x);
        Check.close("Sequential.forward after setTraining(false)",
                through("Sequential.forward", FORWARD_NOT_CHAINED, () -> net.forward(input.student())), expected, 1e-12);
        input.unchanged("Sequential.forward");
    }

    /** Widths of 2 to 4 affine layers, all different from each other so an order mistake cannot fit. */
    private static int[] widths(RandomGenerator rng) {
        int layers = Draw.size(rng, 2, 4);
        int[] w = new int[layers + 1];
        for (int i = 0; i <= layers; i++) {
            w[i] = 2 + i;
        }
        for (int i = w.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = w[i];
            w[i] = w[j];
            w[j] = t;
        }
        return w;
    }

    /** Affine layers of the given widths with a cube between each two, from a seed. */
    private static List<Layer> network(int[] widths, long seed) {
        RandomGenerator rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            if (i > 0) {
                layers.add(new Cube());
            }
            layers.add(new Affine(Draw.normal(rng, widths[i], widths[i + 1], 0.5),
                    Draw.normal(rng, 1, widths[i + 1], 0.5)));
        }
        return layers;
    }

    private static List<Parameter> parameters(List<Layer> layers) {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.parameters()));
        return all;
    }

    /** y = x W + b, with gradients. */
    private static final class Affine implements Layer {
        final Parameter w;
        final Parameter b;
        boolean training = true;
        DMatrixRMaj input;

        Affine(DMatrixRMaj w, DMatrixRMaj b) {
            this.w = new Parameter("W", w);
            this.b = new Parameter("b", b);
        }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            if (x.numCols != w.value().numRows) {
                throw new WrongWidth("an affine layer of input width " + w.value().numRows + " got x of width " + x.numCols);
            }
            input = x.copy();
            DMatrixRMaj y = new DMatrixRMaj(x.numRows, w.value().numCols);
            CommonOps_DDRM.mult(x, w.value(), y);
            for (int i = 0; i < y.numRows; i++) {
                for (int j = 0; j < y.numCols; j++) {
                    y.add(i, j, b.value().get(0, j));
                }
            }
            return y;
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj dy) {
            if (dy.numRows != input.numRows || dy.numCols != w.value().numCols) {
                throw new WrongWidth("an affine layer of output width " + w.value().numCols + " got dY of shape ("
                        + dy.numRows + ", " + dy.numCols + ")");
            }
            CommonOps_DDRM.multAddTransA(input, dy, w.grad());
            for (int i = 0; i < dy.numRows; i++) {
                for (int j = 0; j < dy.numCols; j++) {
                    b.grad().add(0, j, dy.get(i, j));
                }
            }
            DMatrixRMaj dx = new DMatrixRMaj(input.numRows, input.numCols);
            CommonOps_DDRM.multTransB(dy, w.value(), dx);
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w, b);
        }

        @Override
        public void setTraining(boolean training) {
            this.training = training;
        }
    }

    /** y = x^3 element by element. */
    private static final class Cube implements Layer {
        DMatrixRMaj input;

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x) {
            input = x.copy();
            return Matrices.map(x, v -> v * v * v);
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj dy) {
            if (dy.numRows != input.numRows || dy.numCols != input.numCols) {
                throw new WrongWidth("a cube layer of width " + input.numCols + " got dY of shape (" + dy.numRows + ", "
                        + dy.numCols + ")");
            }
            DMatrixRMaj dx = new DMatrixRMaj(dy.numRows, dy.numCols);
            for (int i = 0; i < dx.data.length; i++) {
                dx.data[i] = 3 * input.data[i] * input.data[i] * dy.data[i];
            }
            return dx;
        }
    }
}
