package dlkit.hidden.optim;

import dlkit.grader.api.Failure;
import java.util.random.RandomGenerator;

/**
 * The hyperparameters of one Adam or AdamW run, drawn fresh for each test and away from PyTorch's
 * defaults (lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8), so a solution that ignores one of them
 * (a default written into the update in place of the constructor's argument) fails every test
 * that takes a step, and the failure says with which numbers ({@link #toString}).
 *
 * <p>The ranges: lr in [2e-3, 1e-1), PyTorch's 1e-3 excluded; beta1 in [0.5, 0.85) and beta2 in
 * [0.9, 0.99), so after the first step m = (1 - beta1) g is at least 1.5 times and v =
 * (1 - beta2) g^2 at least 10 times what the default betas give, far outside the tests' 1e-9;
 * eps log-uniform in [1e-5, 1e-2), at least 1000 times PyTorch's 1e-8, so in
 * {@code lr * mHat / (sqrt(vHat) + eps)} it shrinks each step taken with gradients of size 1 or
 * below (every test draws such) by 1e-5 of itself or more, a change of the weights of about 1e-8
 * or more at lr >= 2e-3, ten times the tolerance, already at the first such step.
 */
record AdamSettings(double lr, double beta1, double beta2, double eps) {

    static final double DEFAULT_BETA1 = 0.9;
    static final double DEFAULT_BETA2 = 0.999;
    static final double DEFAULT_EPS = 1e-8;

    static AdamSettings draw(RandomGenerator rng) {
        return new AdamSettings(rng.nextDouble(2e-3, 1e-1), rng.nextDouble(0.5, 0.85), rng.nextDouble(0.9, 0.99),
                Math.pow(10, -rng.nextDouble(2, 5)));
    }

    /** These settings with PyTorch's eps, 1e-8: what a solution that ignores eps runs with. */
    AdamSettings withDefaultEps() {
        return new AdamSettings(lr, beta1, beta2, DEFAULT_EPS);
    }

    /** These settings with PyTorch's betas, (0.9, 0.999): what a solution that ignores the betas runs with. */
    AdamSettings withDefaultBetas() {
        return new AdamSettings(lr, DEFAULT_BETA1, DEFAULT_BETA2, eps);
    }

    /** "lr = 0.0123, beta1 = 0.830, beta2 = 0.970, eps = 3.10e-04", for a check's message. */
    @Override
    public String toString() {
        return "lr = " + Failure.number(lr) + ", beta1 = " + Failure.number(beta1) + ", beta2 = "
                + Failure.number(beta2) + ", eps = " + Failure.number(eps);
    }
}
