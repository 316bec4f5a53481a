package dlkit.regularization;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * L1Penalty and L2Penalty against PyTorch (the instructor's PyTorch script): penalties and
 * (sub)gradients by autograd, a torch.optim.SGD step with weight_decay, and the proximal step
 * (torch's softshrink). The maths is exact up to rounding: largest relative error observed
 * 6.9e-16 (the SGD step), bound 1e-12.
 */
class RegularizationGoldenTest {

    private static final JsonNode G = Golden.load("regularization");
    private static final DMatrixRMaj W = Golden.matrix(G.get("w"));
    private static final double LAMBDA = G.get("lambda").doubleValue();
    private static final double LR = G.get("lr").doubleValue();

    private static Parameter parameterWithGrad() {
        Parameter p = new Parameter("w", W.copy());
        p.grad().setTo(Golden.matrix(G.get("grad")));
        return p;
    }

    @Test
    void l1MatchesTorch() {
        L1Penalty l1 = new L1Penalty(LAMBDA);
        Parameter p = parameterWithGrad();
        l1.proximalStep(p, LR);

        report("L1Penalty.penalty", Matrices.row(l1.penalty(W)), Matrices.row(G.get("l1_penalty").doubleValue()));
        report("L1Penalty.subgradient", l1.subgradient(W), Golden.matrix(G.get("l1_subgradient")));
        report("L1Penalty.proximalStep weights", p.value(), Golden.matrix(G.get("proximal_step")));
    }

    @Test
    void l2MatchesTorch() {
        L2Penalty l2 = new L2Penalty(LAMBDA);
        Parameter p = parameterWithGrad();
        L2Penalty.sgdStepWithWeightDecay(p, LR, G.get("weight_decay").doubleValue());
        Parameter q = parameterWithGrad();
        L2Penalty.sgdStepWithWeightDecay(q, LR, new L2Penalty(G.get("weight_decay").doubleValue() / 2).equivalentWeightDecay());

        report("L2Penalty.penalty", Matrices.row(l2.penalty(W)), Matrices.row(G.get("l2_penalty").doubleValue()));
        report("L2Penalty.gradient", l2.gradient(W), Golden.matrix(G.get("l2_gradient")));
        report("L2Penalty.sgdStepWithWeightDecay weights", p.value(), Golden.matrix(G.get("sgd_weight_decay_step")));
        report("weight decay 2 lambda vs gradient step on the penalty",
                q.value(), Golden.matrix(G.get("gradient_step_with_half_wd_as_lambda")));
    }

    private static void report(String what, DMatrixRMaj actual, DMatrixRMaj torch) {
        System.out.printf("%s vs torch: relative error %.2g%n", what, Matrices.relativeError(actual, torch));
        assertThat(actual).as(what + " against torch").isCloseTo(torch, 1e-12);
    }
}
