package dlkit.hidden.experiments;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.Parameter;
import dlkit.experiments.Symmetry;
import dlkit.grader.api.Check;
import dlkit.grader.api.Check.Known;
import dlkit.grader.api.Draw;
import dlkit.grader.api.Failure;
import dlkit.grader.api.Given;
import dlkit.grader.api.Grades;
import dlkit.grader.api.GradingRandom;
import dlkit.grader.api.Points;
import dlkit.layers.Dense;
import dlkit.layers.Sequential;
import dlkit.layers.Tanh;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The symmetry problem: training from constant weights keeps the hidden units' incoming weight
 * columns equal (the reference's spread is exactly 0, checked at 1e-12), random weights do not
 * (the reference's spread after training is of the order of the initial weights, far above 1e-3).
 * Networks are Dense(D, H), Tanh, Dense(H, O) with D != H, so comparing rows instead of columns
 * cannot pass.
 */
@Grades(Symmetry.class)
@ExtendWith(GradingRandom.class)
class SymmetryHiddenTest {

    private static final Known ROWS = new Known("Symmetry/rows-instead-of-columns",
            "rows compared instead of columns: a hidden unit is a COLUMN of W (inputs, units)");
    private static final Known TARGETS_UNCHECKED = new Known("Symmetry/target-shape-unchecked",
            "targets of another shape than net(x) are not refused; compare the shapes first (Matrices.requireSameShape),"
            + " as the Javadoc says");
    private static final Known NOT_ZEROED = new Known("Symmetry/gradients-not-zeroed",
            "the gradients not set to zero before each backward pass, so every step uses the sum of all gradients so far");
    private static final Known BIAS_IGNORED = new Known("Symmetry/bias-ignored",
            "the biases not compared: hidden unit j is column j of W1 AND its bias b1_j, so units with equal weight"
                    + " columns but biases further apart than the tolerance are not identical");
    private static final Known WEIGHTS_ONLY = new Known("Symmetry/weights-only",
            "only the weights updated; every parameter, the biases too, takes the step w -= lr * grad");

    @Test
    @Points(1)
    void columnSpreadMatchesReference(RandomGenerator rng) {
        int rows = Draw.size(rng, 2, 4);
        Given<DMatrixRMaj> given = Given.of("w", Draw.normal(rng, rows, rows + Draw.size(rng, 1, 3), 1.0));
        DMatrixRMaj w = given.copy();
        double rowSpread = 0;
        for (int i = 0; i < w.numRows; i++) {
            for (int j = 0; j < w.numCols; j++) {
                rowSpread = Math.max(rowSpread, Math.abs(w.get(i, j) - w.get(0, j)));
            }
        }
        double actual = Symmetry.columnSpread(given.student());
        given.unchanged("Symmetry.columnSpread");
        Check.close("Symmetry.columnSpread of a random (" + w.numRows + ", " + w.numCols + ") matrix",
                actual, dlkit.reference.experiments.Symmetry.columnSpread(w), 1e-12, ROWS.wouldGive(rowSpread));
    }

    @Test
    @Points(3)
    void trainMatchesReference(RandomGenerator rng) {
        Setup s = new Setup(rng, false);
        double lr = rng.nextDouble(0.01, 0.2);
        int steps = Draw.size(rng, 3, 8);
        double[] losses = s.train(lr, steps);
        double[] expected = dlkit.reference.experiments.Symmetry.train(s.reference, s.x.copy(), s.y.copy(), lr, steps);
        String what = " after Symmetry.train for " + steps + " steps, lr " + lr + ", on a (" + s.x.copy().numRows + ", "
                + s.x.copy().numCols + ") batch";
        Check.close("losses" + what, new DMatrixRMaj(1, losses.length, true, losses),
                new DMatrixRMaj(1, expected.length, true, expected), 1e-9,
                NOT_ZEROED.wouldGive(new DMatrixRMaj(1, steps, true, s.mistakenTrain(lr, steps, false, true))),
                WEIGHTS_ONLY.wouldGive(new DMatrixRMaj(1, steps, true, s.mistakenTrain(lr, steps, true, false))));
        List<Parameter> params = s.net.parameters();
        List<dlkit.reference.core.Parameter> reference = s.reference.parameters();
        for (int i = 0; i < params.size(); i++) {
            Check.close("parameter " + i + " (" + reference.get(i).name() + ")" + what, params.get(i).value(),
                    reference.get(i).value(), 1e-9);
        }
        DMatrixRMaj wide = new DMatrixRMaj(s.x.copy().numRows, s.y.copy().numCols + 1);
        Check.refuses("Symmetry.train with targets of shape (" + wide.numRows + ", " + wide.numCols + ") for a net(x) of ("
                        + s.y.copy().numRows + ", " + s.y.copy().numCols + ")",
                () -> Symmetry.train(s.net, s.x.student(), wide, lr, 1), TARGETS_UNCHECKED);
    }

    @Test
    @Points(2)
    void constantInitialisationKeepsHiddenUnitsIdentical(RandomGenerator rng) {
        Setup s = new Setup(rng, true);
        DMatrixRMaj before = s.referenceHidden.weight().value().copy();
        s.train(0.1, 10);
        dlkit.reference.experiments.Symmetry.train(s.reference, s.x.copy(), s.y.copy(), 0.1, 10);

        // The phenomenon, on the reference's numbers: the weights moved, but as one column.
        assertThat(org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(diff(s.referenceHidden.weight().value(), before)))
                .as("change of the hidden weights in 10 steps (reference)").isGreaterThan(1e-6);
        double spread = dlkit.reference.experiments.Symmetry.columnSpread(s.referenceHidden.weight().value());
        assertThat(spread).as("column spread of W1 after training from constant weights (reference)").isLessThanOrEqualTo(1e-12);
        assertThat(Symmetry.hiddenUnitsIdentical(s.hidden, 1e-12))
                .as("Symmetry.hiddenUnitsIdentical after 10 steps from constant weights (" + s.x.copy().numCols + " inputs, "
                        + s.hidden.weight().value().numCols + " hidden units)").isTrue();
        Check.close("Symmetry.columnSpread of W1 after 10 steps from constant weights",
                Symmetry.columnSpread(s.hidden.weight().value()), spread, 1e-9);
    }

    @Test
    @Points(2)
    void randomInitialisationBreaksTheSymmetry(RandomGenerator rng) {
        Setup s = new Setup(rng, false);
        s.train(0.1, 10);
        dlkit.reference.experiments.Symmetry.train(s.reference, s.x.copy(), s.y.copy(), 0.1, 10);

        double spread = dlkit.reference.experiments.Symmetry.columnSpread(s.referenceHidden.weight().value());
        assertThat(spread).as("column spread of W1 after training from random weights (reference)").isGreaterThan(1e-3);
        assertThat(Symmetry.hiddenUnitsIdentical(s.hidden, 1e-12))
                .as("Symmetry.hiddenUnitsIdentical after 10 steps from random weights").isFalse();
        Check.close("Symmetry.columnSpread of W1 after 10 steps from random weights",
                Symmetry.columnSpread(s.hidden.weight().value()), spread, 1e-9);
    }

    @Test
    @Points(1)
    void exactlyEqualUnitsAreIdenticalWithinAToleranceOfZero(RandomGenerator rng) {
        // A spread of 0 is within a tolerance of 0 ("to within", <=); one unit apart by 1e-3 is not.
        int d = Draw.size(rng, 2, 4);
        int h = Draw.size(rng, 2, 4);
        double c = rng.nextDouble(0.1, 0.5);
        assertThat(Symmetry.hiddenUnitsIdentical(new Dense(Setup.filled(d, h, c), Setup.filled(1, h, c)), 0.0))
                .as("Symmetry.hiddenUnitsIdentical of equal units with a tolerance of 0").isTrue();
        DMatrixRMaj apart = Setup.filled(d, h, c);
        apart.set(rng.nextInt(d), rng.nextInt(h), c + 1e-3);
        assertThat(Symmetry.hiddenUnitsIdentical(new Dense(apart, Setup.filled(1, h, c)), 0.0))
                .as("Symmetry.hiddenUnitsIdentical with one weight 1e-3 apart and a tolerance of 0").isFalse();

        // Equal weight columns (one random column repeated) but one bias 2 to 10 tolerances away
        // from the others: the units differ, as the Javadoc counts the bias; the reference says so.
        double tolerance = Math.pow(10, -rng.nextDouble(2, 6));
        DMatrixRMaj column = Draw.normal(rng, d, 1, 1.0);
        DMatrixRMaj sameColumns = new DMatrixRMaj(d, h);
        for (int j = 0; j < h; j++) {
            org.ejml.dense.row.CommonOps_DDRM.insert(column, sameColumns, 0, j);
        }
        DMatrixRMaj biases = Setup.filled(1, h, c);
        int odd = rng.nextInt(h);
        double gap = tolerance * rng.nextDouble(2, 10);
        biases.set(0, odd, c + gap);
        boolean expected = dlkit.reference.experiments.Symmetry.hiddenUnitsIdentical(
                new dlkit.reference.layers.Dense(sameColumns.copy(), biases.copy()), tolerance);
        boolean actual = Symmetry.hiddenUnitsIdentical(new Dense(sameColumns.copy(), biases.copy()), tolerance);
        Check.holds("Symmetry.hiddenUnitsIdentical of " + h + " units with equal weight columns but bias " + odd + " "
                + Failure.number(gap) + " from the others, with a tolerance of " + Failure.number(tolerance) + ", is "
                + expected, actual == expected, BIAS_IGNORED);
    }

    private static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        org.ejml.dense.row.CommonOps_DDRM.subtractEquals(d, b);
        return d;
    }

    /** The same network twice, the student's layers and the reference's, on the same data. */
    private static final class Setup {
        final Given<DMatrixRMaj> x;
        final Given<DMatrixRMaj> y;
        final Dense hidden;
        final Sequential net;
        final dlkit.reference.layers.Dense referenceHidden;
        final dlkit.reference.layers.Sequential reference;
        private final DMatrixRMaj[] initial;

        Setup(RandomGenerator rng, boolean constant) {
            int d = Draw.size(rng, 2, 4);
            int h = d + Draw.size(rng, 1, 3);
            int o = Draw.size(rng, 1, 2);
            int n = Draw.size(rng, 4, 8);
            x = Given.of("x", Draw.normal(rng, n, d, 1.0));
            y = Given.of("y", Draw.normal(rng, n, o, 1.0));
            DMatrixRMaj w1;
            DMatrixRMaj b1;
            DMatrixRMaj w2;
            DMatrixRMaj b2;
            if (constant) {
                double c = rng.nextDouble(0.1, 0.5);
                w1 = filled(d, h, c);
                b1 = filled(1, h, c);
                w2 = filled(h, o, c);
                b2 = filled(1, o, c);
            } else {
                w1 = Draw.normal(rng, d, h, 1 / Math.sqrt(d));
                b1 = new DMatrixRMaj(1, h);
                w2 = Draw.normal(rng, h, o, 1 / Math.sqrt(h));
                b2 = new DMatrixRMaj(1, o);
            }
            initial = new DMatrixRMaj[] {w1, b1, w2, b2};
            hidden = new Dense(w1.copy(), b1.copy());
            net = new Sequential(hidden, new Tanh(), new Dense(w2.copy(), b2.copy()));
            referenceHidden = new dlkit.reference.layers.Dense(w1.copy(), b1.copy());
            reference = new dlkit.reference.layers.Sequential(referenceHidden, new dlkit.reference.layers.Tanh(),
                    new dlkit.reference.layers.Dense(w2.copy(), b2.copy()));
        }

        /**
         * The losses of the reference's layers trained from the same start with a mistake: the
         * gradients not zeroed between steps, or the biases not updated.
         */
        double[] mistakenTrain(double lr, int steps, boolean zeroGradients, boolean updateBiases) {
            var net = new dlkit.reference.layers.Sequential(
                    new dlkit.reference.layers.Dense(initial[0].copy(), initial[1].copy()), new dlkit.reference.layers.Tanh(),
                    new dlkit.reference.layers.Dense(initial[2].copy(), initial[3].copy()));
            DMatrixRMaj inputs = x.copy();
            DMatrixRMaj targets = y.copy();
            int count = targets.getNumElements();
            double[] losses = new double[steps];
            for (int step = 0; step < steps; step++) {
                if (zeroGradients) {
                    net.parameters().forEach(dlkit.reference.core.Parameter::zeroGrad);
                }
                DMatrixRMaj out = net.forward(inputs);
                DMatrixRMaj gradient = new DMatrixRMaj(out.numRows, out.numCols);
                for (int i = 0; i < count; i++) {
                    double r = out.data[i] - targets.data[i];
                    losses[step] += r * r / count;
                    gradient.data[i] = 2 * r / count;
                }
                net.backward(gradient);
                for (var p : net.parameters()) {
                    if (updateBiases || p.name().equals("weight")) {
                        for (int k = 0; k < p.value().getNumElements(); k++) {
                            p.value().data[k] -= lr * p.grad().data[k];
                        }
                    }
                }
            }
            return losses;
        }

        /** The student's Symmetry.train of net on copies of x and y, which it must leave unchanged. */
        double[] train(double lr, int steps) {
            double[] losses = Symmetry.train(net, x.student(), y.student(), lr, steps);
            Given.unchanged("Symmetry.train", x, y);
            return losses;
        }

        private static DMatrixRMaj filled(int rows, int cols, double c) {
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            m.fill(c);
            return m;
        }
    }
}
