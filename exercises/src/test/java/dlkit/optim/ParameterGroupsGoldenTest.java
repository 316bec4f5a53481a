package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.core.Parameter;
import dlkit.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two parameter groups against torch.optim.SGD with param_groups: a backbone (lr 0.01, frozen
 * for the first 5 epochs, where PyTorch has no gradient for it) and a head (lr 0.1), momentum
 * 0.9, with StepLR(step_size=4, gamma=0.5) over 25 epochs. Held to 1e-9; the frozen epochs
 * exactly; the largest relative error observed is printed.
 */
class ParameterGroupsGoldenTest {

    @Test
    void matchesPyTorch() {
        JsonNode c = Golden.load("optim").get("param_groups");
        Parameter backbone = new Parameter("backbone", Golden.matrix(c.get("backbone0")));
        Parameter head = new Parameter("head", Golden.matrix(c.get("head0")));
        ParameterGroups groups = new ParameterGroups(
                List.of(new ParamGroup("backbone", List.of(backbone), 0.01, 5), new ParamGroup("head", List.of(head), 0.1)),
                (params, lr) -> new Momentum(params, lr, 0.9, false));
        LearningRateSchedule schedule = epoch -> Schedules.stepDecay(0.01, 4, 0.5, epoch);

        double worst = 0;
        for (int t = 0; t < c.get("lrs").size(); t++) {
            groups.startEpoch(t);
            schedule.applyTo(groups, t);
            for (int g = 0; g < 2; g++) {
                double expected = c.get("lrs").get(t).get(g).doubleValue();
                assertThat(Matrices.row(groups.optimizer(g).learningRate())).as("learning rate of group " + g + " at epoch " + t).isCloseTo(Matrices.row(expected), 1e-12);
            }
            backbone.grad().setTo(Golden.matrix(c.get("backbone_grads").get(t)));
            head.grad().setTo(Golden.matrix(c.get("head_grads").get(t)));
            groups.step();
            if (t < 5) {
                assertThat(backbone.value().data).as("ParameterGroups backbone.value().data").containsExactly(Golden.matrix(c.get("backbone0")).data);
            }
            assertThat(backbone.value()).as("ParameterGroups backbone").isCloseTo(Golden.matrix(c.get("backbone").get(t)), 1e-9);
            assertThat(head.value()).as("ParameterGroups head").isCloseTo(Golden.matrix(c.get("head").get(t)), 1e-9);
            worst = Math.max(worst, Math.max(Matrices.relativeError(backbone.value(), Golden.matrix(c.get("backbone").get(t))),
                    Matrices.relativeError(head.value(), Golden.matrix(c.get("head").get(t)))));
        }
        System.out.printf("ParameterGroups golden param_groups: largest relative error %.3g%n", worst);
    }
}
