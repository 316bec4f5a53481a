package dlkit.grader.explore;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs an optimiser on a {@link Surface}: one parameter, the point (x, y), whose gradient is set
 * from the surface before each {@code step()}. The student's classes ({@code dlkit.optim}) are
 * only ever traced inside the sandboxed JVM ({@link PathsMain}); the reference
 * ({@code dlkit.reference.optim}) is traced by the grader itself.
 */
public final class PathTracer {

    /** A point beyond this distance from the origin counts as diverged: the path stops there. */
    static final double FAR = 1e6;

    private PathTracer() {}

    /** One optimiser on one parameter: set its gradient, step, read its value. */
    public interface Stepper {
        void step(double gx, double gy);

        double x();

        double y();
    }

    /**
     * The path: the start, then the point after each step; it ends early, with
     * {@code diverged}, at the first point that is not finite or lies beyond {@value #FAR}.
     */
    public record Trace(List<double[]> points, boolean diverged) {}

    public static Trace trace(Stepper stepper, Surface surface) {
        List<double[]> points = new ArrayList<>();
        double x = stepper.x();
        double y = stepper.y();
        points.add(new double[] {x, y});
        for (int k = 0; k < surface.steps(); k++) {
            double[] g = surface.gradient(x, y);
            stepper.step(g[0], g[1]);
            x = stepper.x();
            y = stepper.y();
            if (!Double.isFinite(x) || !Double.isFinite(y) || Math.hypot(x, y) > FAR) {
                return new Trace(points, true);
            }
            points.add(new double[] {x, y});
        }
        return new Trace(points, false);
    }

    /** The reference optimiser, {@code dlkit.reference.optim}, starting at the surface's start. */
    public static Stepper reference(OptimizerKind kind, Surface surface) {
        var p = new dlkit.reference.core.Parameter("w", new DMatrixRMaj(2, 1, true, surface.start()));
        double[] s = kind.settings(surface);
        List<dlkit.reference.core.Parameter> params = List.of(p);
        dlkit.reference.optim.Optimizer o = switch (kind) {
            case GRADIENT_DESCENT -> new dlkit.reference.optim.GradientDescent(params, s[0]);
            case MOMENTUM -> new dlkit.reference.optim.Momentum(params, s[0], s[1], false);
            case RMSPROP -> new dlkit.reference.optim.RMSprop(params, s[0], s[1], 1e-8);
            case ADAM -> new dlkit.reference.optim.Adam(params, s[0], s[1], s[2], 1e-8);
            case ADAMW -> new dlkit.reference.optim.AdamW(params, s[0], s[1], s[2], 1e-8, s[3]);
        };
        return stepper(p.value(), p.grad(), o::step);
    }

    /** The student's optimiser, {@code dlkit.optim}: call only in the sandboxed JVM. */
    public static Stepper student(OptimizerKind kind, Surface surface) {
        var p = new dlkit.core.Parameter("w", new DMatrixRMaj(2, 1, true, surface.start()));
        double[] s = kind.settings(surface);
        List<dlkit.core.Parameter> params = List.of(p);
        dlkit.optim.Optimizer o = switch (kind) {
            case GRADIENT_DESCENT -> new dlkit.optim.GradientDescent(params, s[0]);
            case MOMENTUM -> new dlkit.optim.Momentum(params, s[0], s[1], false);
            case RMSPROP -> new dlkit.optim.RMSprop(params, s[0], s[1], 1e-8);
            case ADAM -> new dlkit.optim.Adam(params, s[0], s[1], s[2], 1e-8);
            case ADAMW -> new dlkit.optim.AdamW(params, s[0], s[1], s[2], 1e-8, s[3]);
        };
        return stepper(p.value(), p.grad(), o::step);
    }

    private static Stepper stepper(DMatrixRMaj value, DMatrixRMaj grad, Runnable step) {
        return new Stepper() {
            @Override
            public void step(double gx, double gy) {
                grad.set(0, 0, gx);
                grad.set(1, 0, gy);
                step.run();
            }

            @Override
            public double x() {
                return value.get(0, 0);
            }

            @Override
            public double y() {
                return value.get(1, 0);
            }
        };
    }
}
