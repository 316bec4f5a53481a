package dlkit.regularization;

import static dlkit.testing.KitAssertions.assertThat;
import static dlkit.testing.KitAssertions.within;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class L1PenaltyTest {

    @Test
    void penaltyAndSubgradientByHand() {
        // lambda = 0.5, w = (1, -2, 0, 3): 0.5 * 6 = 3; subgradient 0.5 * sign(w), 0 at 0.
        L1Penalty l1 = new L1Penalty(0.5);
        DMatrixRMaj w = Matrices.row(1, -2, 0, 3);

        assertThat(l1.penalty(w)).as("L1Penalty l1.penalty(w)").isCloseTo(3, within(1e-15));
        assertThat(l1.subgradient(w)).as("L1Penalty l1.subgradient(w)").isCloseTo(Matrices.row(0.5, -0.5, 0, 0.5), 0.0);
    }

    @Test
    void subgradientMatchesFiniteDifferencesAwayFromZero() {
        // |w| is linear on each side of 0: centred differences are exact up to rounding there.
        L1Penalty l1 = new L1Penalty(0.2);
        DMatrixRMaj w = Matrices.of(new double[][] {{0.3, -1.2}, {2.0, -0.01}});

        assertThat(l1.subgradient(w)).as("L1Penalty l1.subgradient(w)").isCloseTo(GradientCheck.numericGradient(l1::penalty, w), 1e-8);
    }

    @Test
    void softThresholdByHand() {
        // threshold 1: 3 -> 2, -0.5 -> 0, 0.2 -> 0, -4 -> -3, 1 -> 0
        DMatrixRMaj u = Matrices.row(3, -0.5, 0.2, -4, 1);

        assertThat(L1Penalty.softThreshold(u, 1)).as("L1Penalty.softThreshold(u, 1)").isCloseTo(Matrices.row(2, 0, 0, -3, 0), 0.0);
        assertThat(u).as("L1Penalty u").isCloseTo(Matrices.row(3, -0.5, 0.2, -4, 1), 0.0);
    }

    @Test
    void proximalStepByHand() {
        // lambda = 0.5, lr = 0.2: u = w - 0.2 g, then shrink by 0.1.
        //   w = 1,   g = 0.5  -> u = 0.9   -> 0.8
        //   w = 0.05, g = 0   -> u = 0.05  -> 0
        //   w = -1,  g = -2   -> u = -0.6  -> -0.5
        Parameter w = new Parameter("w", Matrices.row(1, 0.05, -1));
        w.grad().setData(new double[] {0.5, 0, -2});

        new L1Penalty(0.5).proximalStep(w, 0.2);

        assertThat(w.value()).as("L1Penalty w").isCloseTo(Matrices.row(0.8, 0, -0.5), 1e-15);
    }

    @Test
    void theProximalStepGivesExactZerosWhereTheSubgradientStepDoesNot() {
        // Minimise 0.5 * sum (w - c)^2 + 0.1 * sum |w|. The minimiser is softThreshold(c, 0.1) =
        // (1.9, 0, 0, -1.4): the two small targets are exactly 0 there.
        DMatrixRMaj c = Matrices.row(2.0, 0.05, -0.03, -1.5);
        L1Penalty l1 = new L1Penalty(0.1);
        Parameter proximal = new Parameter("proximal", Matrices.row(1, 1, 1, 1));
        Parameter subgradient = new Parameter("subgradient", Matrices.row(1, 1, 1, 1));
        double lr = 0.1;
        for (int step = 0; step < 300; step++) {
            for (Parameter w : new Parameter[] {proximal, subgradient}) {
                for (int i = 0; i < 4; i++) {
                    w.grad().data[i] = w.value().data[i] - c.data[i];
                }
            }
            l1.proximalStep(proximal, lr);
            DMatrixRMaj s = l1.subgradient(subgradient.value());
            for (int i = 0; i < 4; i++) {
                subgradient.value().data[i] -= lr * (subgradient.grad().data[i] + s.data[i]);
            }
        }

        assertThat(proximal.value()).as("L1Penalty proximal").isCloseTo(Matrices.row(1.9, 0, 0, -1.4), 1e-12);
        assertThat(proximal.value().get(0, 1)).as("L1Penalty proximal.value().get(0, 1)").isZero();
        assertThat(proximal.value().get(0, 2)).as("L1Penalty proximal.value().get(0, 2)").isZero();
        // The subgradient iterates jump back and forth across 0 and never land on it.
        assertThat(subgradient.value().get(0, 1)).as("L1Penalty subgradient.value().get(0, 1)").isNotZero().isCloseTo(0, within(lr * 0.1 + 0.05));
        assertThat(subgradient.value().get(0, 2)).as("L1Penalty subgradient.value().get(0, 2)").isNotZero().isCloseTo(0, within(lr * 0.1 + 0.03));
    }
}
