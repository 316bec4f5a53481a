package dlkit.grader.explore;

/**
 * The two-dimensional functions optimisers are drawn on: an ill-conditioned quadratic (a long
 * narrow valley, where plain gradient descent zig-zags) and Rosenbrock's banana-shaped valley.
 * Each has a starting point, the region drawn and the steps taken; the optimiser settings are in
 * {@link OptimizerKind}.
 */
public enum Surface {

    /** {@code f(x, y) = (x^2 + 20 y^2) / 2}: condition number 20, minimum at (0, 0). */
    QUADRATIC("an ill-conditioned quadratic", "(x\u00b2 + 20y\u00b2)/2", -4.5, 1.8, 0, 0, -5, 5, -2.5, 2.5, 50) {
        @Override
        public double value(double x, double y) {
            return 0.5 * (x * x + 20 * y * y);
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[] {x, 20 * y};
        }

        @Override
        public double[] levels() {
            // Ellipses evenly spaced along the x axis, f = (x_k)^2 / 2, out to the view's corners.
            double[] levels = new double[15];
            for (int k = 0; k < levels.length; k++) {
                double x = 0.8 * (k + 1);
                levels[k] = 0.5 * x * x;
            }
            return levels;
        }
    },

    /** {@code f(x, y) = (1 - x)^2 + 100 (y - x^2)^2}: a curved valley, minimum at (1, 1). */
    ROSENBROCK("Rosenbrock's function", "(1 \u2212 x)\u00b2 + 100(y \u2212 x\u00b2)\u00b2", -1.5, 2.0, 1, 1, -2, 2, -1, 3, 600) {
        @Override
        public double value(double x, double y) {
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
        }

        @Override
        public double[] levels() {
            // Geometric spacing: the valley floor is nearly flat, its walls steep.
            double[] levels = new double[12];
            for (int k = 0; k < levels.length; k++) {
                levels[k] = 0.25 * Math.pow(2.2, k);
            }
            return levels;
        }
    };

    private final String title;
    private final String formula;
    private final double startX;
    private final double startY;
    private final double minX;
    private final double minY;
    private final double[] view;
    private final int steps;

    Surface(String title, String formula, double startX, double startY, double minX, double minY,
            double xLow, double xHigh, double yLow, double yHigh, int steps) {
        this.title = title;
        this.formula = formula;
        this.startX = startX;
        this.startY = startY;
        this.minX = minX;
        this.minY = minY;
        this.view = new double[] {xLow, xHigh, yLow, yHigh};
        this.steps = steps;
    }

    public abstract double value(double x, double y);

    /** (df/dx, df/dy) at (x, y). */
    public abstract double[] gradient(double x, double y);

    /** The values whose level lines are drawn, increasing. */
    public abstract double[] levels();

    /** "Rosenbrock's function". */
    public String title() {
        return title;
    }

    /** f(x, y) written out, for captions. */
    public String formula() {
        return formula;
    }

    /** Where every optimiser starts, (x, y). */
    public double[] start() {
        return new double[] {startX, startY};
    }

    /** The minimum, (x, y). */
    public double[] minimum() {
        return new double[] {minX, minY};
    }

    /** The region drawn: x low, x high, y low, y high. */
    public double[] view() {
        return view.clone();
    }

    /** Steps each optimiser takes. */
    public int steps() {
        return steps;
    }
}
