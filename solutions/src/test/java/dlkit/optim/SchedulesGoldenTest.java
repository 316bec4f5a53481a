package dlkit.optim;

import static dlkit.testing.KitAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dlkit.core.Matrices;
import dlkit.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * Each schedule against torch.optim.lr_scheduler at each of 40 epochs: StepLR, ExponentialLR,
 * CosineAnnealingLR (PyTorch steps it recursively, past T_max too; the kit uses the closed form,
 * so the two differ by rounding only), LinearLR and a LambdaLR warm-up from 0. Held to 1e-9; the
 * largest relative error observed is printed.
 */
class SchedulesGoldenTest {

    private final JsonNode golden = Golden.load("schedules");

    @Test
    void stepDecay() {
        JsonNode c = golden.get("step");
        check("step", c, t -> Schedules.stepDecay(c.get("base_lr").doubleValue(), c.get("step_size").intValue(),
                c.get("gamma").doubleValue(), t));
    }

    @Test
    void exponential() {
        JsonNode c = golden.get("exponential");
        check("exponential", c, t -> Schedules.exponential(c.get("base_lr").doubleValue(), c.get("gamma").doubleValue(), t));
    }

    @Test
    void cosine() {
        for (String name : new String[] {"cosine", "cosine_short"}) {
            JsonNode c = golden.get(name);
            check(name, c, t -> Schedules.cosine(c.get("base_lr").doubleValue(), c.get("eta_min").doubleValue(),
                    c.get("t_max").intValue(), t));
        }
    }

    @Test
    void linearWarmup() {
        for (String name : new String[] {"warmup", "warmup_lambda"}) {
            JsonNode c = golden.get(name);
            check(name, c, t -> Schedules.linearWarmup(c.get("base_lr").doubleValue(), c.get("start_factor").doubleValue(),
                    c.get("warmup").intValue(), t));
        }
    }

    @Test
    void inverseTime() {
        for (String name : new String[] {"inverse_time", "inverse_time_staircase"}) {
            JsonNode c = golden.get(name);
            check(name, c, t -> Schedules.inverseTime(c.get("base_lr").doubleValue(), c.get("decay_rate").doubleValue(),
                    c.get("decay_steps").intValue(), c.get("staircase").booleanValue(), t));
        }
    }

    private static void check(String name, JsonNode c, LearningRateSchedule schedule) {
        double worst = 0;
        for (int t = 0; t < c.get("lrs").size(); t++) {
            double expected = c.get("lrs").get(t).doubleValue();
            assertThat(Matrices.row(schedule.at(t))).as(name + " at epoch " + t).isCloseTo(Matrices.row(expected), 1e-9);
            worst = Math.max(worst, Matrices.relativeError(schedule.at(t), expected));
        }
        System.out.printf("Schedules golden %s: largest relative error %.3g%n", name, worst);
    }
}
