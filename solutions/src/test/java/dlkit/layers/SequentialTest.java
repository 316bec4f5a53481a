package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import dlkit.core.GradientCheck;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SequentialTest {

    /** Two copies of the same small network: Dense(3 -> 4), Tanh, Dense(4 -> 2). */
    private static List<Layer> network(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(Dense.create(3, 4, rng), new Tanh(), Dense.create(4, 2, rng));
    }

    private static final DMatrixRMaj X = Matrices.of(new double[][] {{0.5, -1, 2}, {1, 0.2, -0.3}});
    private static final DMatrixRMaj DY = Matrices.of(new double[][] {{1, -1}, {0.5, 2}});

    @Test
    void forwardAndBackwardEqualTheLayersComposedByHand() {
        Sequential net = new Sequential(network(4));
        List<Layer> layers = network(4);

        DMatrixRMaj y = net.forward(X);
        DMatrixRMaj dx = net.backward(DY);

        DMatrixRMaj expectedY = layers.get(2).forward(layers.get(1).forward(layers.get(0).forward(X)));
        DMatrixRMaj expectedDx = layers.get(0).backward(layers.get(1).backward(layers.get(2).backward(DY)));
        assertThat(y).as("Sequential.forward y").isCloseTo(expectedY, 0);
        assertThat(dx).as("Sequential.backward dx").isCloseTo(expectedDx, 0);
        List<Parameter> expectedParams = new ArrayList<>();
        layers.forEach(l -> expectedParams.addAll(l.parameters()));
        for (int i = 0; i < expectedParams.size(); i++) {
            assertThat(net.parameters().get(i).grad()).as(expectedParams.get(i).name() + " of parameter " + i)
                    .isCloseTo(expectedParams.get(i).grad(), 0);
        }
    }

    @Test
    void parametersAreEveryLayersInOrder() {
        List<Layer> layers = network(5);
        Sequential net = new Sequential(layers);
        Dense first = (Dense) layers.get(0);
        Dense last = (Dense) layers.get(2);
        Assertions.assertThat(net.parameters()).as("Sequential parameters").containsExactly(first.weight(), first.bias(), last.weight(), last.bias());
        Assertions.assertThat(net.layers()).as("Sequential layers").containsExactlyElementsOf(layers);
    }

    @Test
    void backwardMatchesCentredDifferences() {
        // Tolerance 1e-7 for the input and for every parameter; a correct network gives around 1e-9.
        Sequential net = new Sequential(network(6));
        net.forward(X);
        DMatrixRMaj dx = net.backward(DY);

        assertThat(dx).as("Sequential.backward dX against centred differences").isCloseTo(GradientCheck.numericGradient(net::forward, X.copy(), DY), 1e-7);
        for (Parameter p : net.parameters()) {
            DMatrixRMaj numeric = GradientCheck.numericGradient(v -> net.forward(X), p.value(), DY);
            assertThat(p.grad()).as("Sequential.backward gradient of " + p.name() + " against centred differences").isCloseTo(numeric, 1e-7);
        }
    }
}
