package dlkit.layers;

import static dlkit.testing.Golden.matrix;
import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Against torch.nn.BatchNorm1d (the instructor's PyTorch script); the arithmetic is the same, so 1e-9 holds. */
class BatchNormGoldenTest {

    @Test
    void threeTrainingBatchesBackwardAndInferenceMatchPyTorch() {
        JsonNode c = Golden.load("layers").get("batch_norm");
        DMatrixRMaj gamma = matrix(c.get("gamma"));
        BatchNorm bn = new BatchNorm(gamma.numCols);
        bn.gamma().value().setTo(gamma);
        bn.beta().value().setTo(matrix(c.get("beta")));

        JsonNode batches = c.get("batches");
        bn.forward(matrix(batches.get(0)));
        bn.forward(matrix(batches.get(1)));
        DMatrixRMaj y = bn.forward(matrix(batches.get(2)));
        DMatrixRMaj dx = bn.backward(matrix(c.get("upstream")));

        assertThat(y).as("training forward").isCloseTo(matrix(c.get("train_y")), 1e-9);
        assertThat(dx).as("BatchNorm.backward dx").isCloseTo(matrix(c.get("dx")), 1e-9);
        assertThat(bn.gamma().grad()).as("BatchNorm.backward dgamma").isCloseTo(matrix(c.get("dgamma")), 1e-9);
        assertThat(bn.beta().grad()).as("BatchNorm.backward dbeta").isCloseTo(matrix(c.get("dbeta")), 1e-9);
        assertThat(bn.runningMean()).as("running mean").isCloseTo(matrix(c.get("running_mean")), 1e-9);
        assertThat(bn.runningVar()).as("running var").isCloseTo(matrix(c.get("running_var")), 1e-9);

        bn.setTraining(false);
        assertThat(bn.forward(matrix(c.get("eval_x")))).as("inference forward").isCloseTo(matrix(c.get("eval_y")), 1e-9);
    }
}
