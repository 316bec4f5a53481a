package dlkit.layers;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Dropout against torch.nn.Dropout (the instructor's PyTorch script). Torch's mask cannot be
 * reproduced, so on the units that both masks keep, the outputs and input gradients must agree
 * (the scale 1 / (1 - p)); the units this kit drops must be 0; eval mode must be the identity.
 * The maths is exact up to rounding: largest relative error observed 0 (bit for bit), bound 1e-12.
 */
class DropoutGoldenTest {

    @Test
    void keptUnitsAreScaledAsTorchScalesThemAndEvalIsTheIdentity() {
        JsonNode cases = Golden.load("dropout");
        int comparedUnits = 0;
        double worst = 0;
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) cases::fields) {
            if (entry.getKey().startsWith("_")) {
                continue;
            }
            JsonNode c = entry.getValue();
            double p = c.get("p").doubleValue();
            DMatrixRMaj x = Golden.matrix(c.get("x"));
            DMatrixRMaj upstream = Golden.matrix(c.get("upstream"));
            DMatrixRMaj torchY = Golden.matrix(c.get("train_output"));
            DMatrixRMaj torchDx = Golden.matrix(c.get("train_grad_x"));

            Dropout dropout = new Dropout(p, RandomGeneratorFactory.of("L64X128MixRandom").create(32));
            DMatrixRMaj y = dropout.forward(x);
            DMatrixRMaj dx = dropout.backward(upstream);
            for (int i = 0; i < x.getNumElements(); i++) {
                boolean keptHere = y.data[i] != 0;
                boolean keptByTorch = torchY.data[i] != 0;
                if (keptHere && keptByTorch) {
                    assertThat(Matrices.row(y.data[i], dx.data[i])).as(entry.getKey() + ": output and gradient of kept unit " + i)
                            .isCloseTo(Matrices.row(torchY.data[i], torchDx.data[i]), 1e-12);
                    worst = Math.max(worst, Math.max(Matrices.relativeError(y.data[i], torchY.data[i]),
                            Matrices.relativeError(dx.data[i], torchDx.data[i])));
                    comparedUnits++;
                } else if (!keptHere) {
                    assertThat(dx.data[i]).as(entry.getKey() + ": gradient of a dropped unit").isZero();
                }
            }
            dropout.setTraining(false);
            assertThat(dropout.forward(x)).as(entry.getKey() + ": eval mode")
                    .isCloseTo(Golden.matrix(c.get("eval_output")), 0.0);
        }
        System.out.printf("Dropout vs torch: %d units kept by both, largest relative error %.2g%n",
                comparedUnits, worst);
        assertThat(comparedUnits).as("units kept by both masks").isGreaterThan(100);
    }
}
