package dlkit.grader.explore;

import java.math.BigDecimal;

/**
 * The optimiser exercises whose paths are drawn, with the settings used on each surface: chosen
 * so that the reference reaches the minimum's neighbourhood in the surface's steps and the
 * optimiser's character shows (gradient descent zig-zags across the quadratic's valley,
 * momentum overshoots, RMSprop and Adam take even-sized steps, AdamW's decay pulls towards the
 * origin).
 */
public enum OptimizerKind {

    GRADIENT_DESCENT("GradientDescent", "gradient descent", new double[] {0.09}, new double[] {1.5e-3}),
    MOMENTUM("Momentum", "momentum", new double[] {0.03, 0.8}, new double[] {4e-4, 0.9}),
    RMSPROP("RMSprop", "RMSprop", new double[] {0.05, 0.99}, new double[] {1e-2, 0.99}),
    ADAM("Adam", "Adam", new double[] {0.3, 0.9, 0.999}, new double[] {0.1, 0.9, 0.999}),
    ADAMW("AdamW", "AdamW", new double[] {0.3, 0.9, 0.999, 0.1}, new double[] {0.1, 0.9, 0.999, 0.01});

    private final String simpleName;
    private final String words;
    private final double[] quadratic;
    private final double[] rosenbrock;

    OptimizerKind(String simpleName, String words, double[] quadratic, double[] rosenbrock) {
        this.simpleName = simpleName;
        this.words = words;
        this.quadratic = quadratic;
        this.rosenbrock = rosenbrock;
    }

    /** The exercise's class name: {@code Adam}. */
    public String simpleName() {
        return simpleName;
    }

    /** The exercise file: {@code dlkit/optim/Adam.java}. */
    public String file() {
        return "dlkit/optim/" + simpleName + ".java";
    }

    /** For titles: "momentum". */
    public String words() {
        return words;
    }

    /**
     * The settings on {@code surface}: the learning rate, then momentum's mu, RMSprop's alpha, or
     * Adam's beta1 and beta2, and AdamW's weight decay after them (eps is 1e-8, Nesterov off).
     */
    public double[] settings(Surface surface) {
        return (surface == Surface.QUADRATIC ? quadratic : rosenbrock).clone();
    }

    /** The settings in words: "lr = 0.03, momentum = 0.8". */
    public String describe(Surface surface) {
        double[] s = settings(surface);
        String lr = "lr = " + number(s[0]);
        return switch (this) {
            case GRADIENT_DESCENT -> lr;
            case MOMENTUM -> lr + ", momentum = " + number(s[1]);
            case RMSPROP -> lr + ", alpha = " + number(s[1]);
            case ADAM -> lr + ", betas = (" + number(s[1]) + ", " + number(s[2]) + ")";
            case ADAMW -> lr + ", betas = (" + number(s[1]) + ", " + number(s[2]) + "), weight decay = " + number(s[3]);
        };
    }

    private static String number(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
