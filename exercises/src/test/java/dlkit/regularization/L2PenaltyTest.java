package dlkit.regularization;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class L2PenaltyTest {

    @Test
    void penaltyAndGradientByHand() {
        // lambda = 0.1, w = (1, -2, 3): 0.1 * (1 + 4 + 9) = 1.4; gradient 2 * 0.1 * w.
        L2Penalty l2 = new L2Penalty(0.1);
        DMatrixRMaj w = Matrices.row(1, -2, 3);

        assertThat(l2.penalty(w)).as("L2Penalty l2.penalty(w)").isCloseTo(1.4, within(1e-15));
        assertThat(l2.gradient(w)).as("L2Penalty l2.gradient(w)").isCloseTo(Matrices.row(0.2, -0.4, 0.6), 1e-15);
        assertThat(w).as("L2Penalty w").isCloseTo(Matrices.row(1, -2, 3), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // A quadratic: centred differences are exact up to rounding, around 1e-10.
        L2Penalty l2 = new L2Penalty(0.37);
        DMatrixRMaj w = Matrices.of(new double[][] {{0.3, -1.2, 2.0}, {0.0, 4.5, -0.7}});

        assertThat(l2.gradient(w)).as("L2Penalty l2.gradient(w)").isCloseTo(GradientCheck.numericGradient(l2::penalty, w), 1e-8);
    }

    @Test
    void weightDecayStepByHand() {
        // w <- w - lr * (g + wd * w) with lr = 0.1, wd = 0.2, g = (0.5, 0.5):
        //   1 - 0.1 * (0.5 + 0.2)  = 0.93;   -2 - 0.1 * (0.5 - 0.4) = -2.01
        Parameter w = new Parameter("w", Matrices.row(1, -2));
        w.grad().setData(new double[] {0.5, 0.5});

        L2Penalty.sgdStepWithWeightDecay(w, 0.1, 0.2);

        assertThat(w.value()).as("L2Penalty w").isCloseTo(Matrices.row(0.93, -2.01), 1e-15);
        assertThat(w.grad()).as("L2Penalty gradient of w").isCloseTo(Matrices.row(0.5, 0.5), 0.0);
    }

    @Test
    void weightDecayOfTwoLambdaIsAGradientStepOnThePenalisedLoss() {
        L2Penalty l2 = new L2Penalty(0.05);
        DMatrixRMaj w0 = Matrices.of(new double[][] {{0.3, -1.2}, {2.0, 0.8}});
        DMatrixRMaj g = Matrices.of(new double[][] {{1.0, 0.1}, {-0.4, 0.0}});

        Parameter decayed = new Parameter("w", w0.copy());
        decayed.grad().setTo(g);
        L2Penalty.sgdStepWithWeightDecay(decayed, 0.3, l2.equivalentWeightDecay());

        DMatrixRMaj penalisedGradient = l2.gradient(w0);
        DMatrixRMaj stepped = w0.copy();
        for (int i = 0; i < 4; i++) {
            stepped.data[i] -= 0.3 * (g.data[i] + penalisedGradient.data[i]);
        }
        assertThat(decayed.value()).as("L2Penalty decayed").isCloseTo(stepped, 1e-15);
    }

    @Test
    void onlyTheWeightsPassedArePenalised() {
        // The bias is not passed, so its gradient stays as the loss left it.
        L2Penalty l2 = new L2Penalty(0.5);
        Parameter weight = new Parameter("W", Matrices.row(1, -3));
        Parameter bias = new Parameter("b", Matrices.row(10));
        weight.grad().setData(new double[] {0.25, 0.25});
        bias.grad().setData(new double[] {0.25});

        double total = l2.addGradients(List.of(weight));

        assertThat(total).as("L2Penalty.addGradients total").isCloseTo(0.5 * 10, within(1e-15));
        assertThat(weight.grad()).as("L2Penalty gradient of weight").isCloseTo(Matrices.row(1.25, -2.75), 1e-15);
        assertThat(bias.grad()).as("L2Penalty gradient of bias").isCloseTo(Matrices.row(0.25), 0.0);
    }
}
