package dlkit.losses;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * SoftmaxCrossEntropy and BinaryCrossEntropy against torch.nn.CrossEntropyLoss and
 * torch.nn.BCEWithLogitsLoss (the instructor's PyTorch script), including logits of +-1000.
 * The maths is exact up to rounding: largest relative error observed 8.3e-13 (a softmax gradient
 * element p - 1 with p close to 1, where subtraction loses digits), bound 1e-9.
 */
class CrossEntropyGoldenTest {

    private static final JsonNode CASES = Golden.load("cross_entropy");

    @Test
    void softmaxCrossEntropyMatchesTorch() {
        for (String name : new String[] {"softmax_random", "softmax_huge_logits", "softmax_single_class"}) {
            JsonNode c = CASES.get(name);
            LossAndGradient out = SoftmaxCrossEntropy.compute(Golden.matrix(c.get("logits")), Golden.ints(c.get("labels")));
            check(name, out, c);
        }
    }

    @Test
    void binaryCrossEntropyMatchesTorch() {
        for (String name : new String[] {"bce_column", "bce_multilabel_soft", "bce_huge_logits"}) {
            JsonNode c = CASES.get(name);
            LossAndGradient out = BinaryCrossEntropy.compute(Golden.matrix(c.get("logits")), Golden.matrix(c.get("targets")));
            check(name, out, c);
        }
    }

    private static void check(String name, LossAndGradient out, JsonNode c) {
        double lossError = Matrices.relativeError(out.loss(), c.get("loss").doubleValue());
        double gradError = Matrices.relativeError(out.gradient(), Golden.matrix(c.get("gradient")));
        System.out.printf("%s vs torch: loss %.2g, gradient %.2g%n", name, lossError, gradError);
        assertThat(Matrices.row(out.loss())).as(name + ": loss").isCloseTo(Matrices.row(c.get("loss").doubleValue()), 1e-9);
        assertThat(out.gradient()).as(name + ": gradient").isCloseTo(Golden.matrix(c.get("gradient")), 1e-9);
    }
}
