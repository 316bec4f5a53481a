package dlkit.grader.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Level lines of a function of two variables by marching squares: the function is sampled on a
 * grid, and in each grid cell whose corners lie on both sides of a level the line is drawn
 * between the edge points where it crosses, found by linear interpolation. (XChart has no
 * contour plot; these lines are drawn as line series.)
 */
public final class Contours {

    private Contours() {}

    /**
     * The level line {@code f = level} over {@code [x0, x1] x [y0, y1]} sampled on an
     * {@code n x n} grid, as segments: for segment i, points (xs[3i], ys[3i]) to
     * (xs[3i+1], ys[3i+1]), then a NaN that breaks the line before the next segment.
     */
    public static double[][] line(DoubleBinaryOperator f, double level, double[] view, int n) {
        double x0 = view[0];
        double y0 = view[2];
        double dx = (view[1] - view[0]) / n;
        double dy = (view[3] - view[2]) / n;
        double[][] v = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                v[i][j] = f.applyAsDouble(x0 + i * dx, y0 + j * dy) - level;
            }
        }
        List<double[]> segments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Corners counter-clockwise from the lower left, and the crossing on each edge.
                double a = v[i][j];
                double b = v[i + 1][j];
                double c = v[i + 1][j + 1];
                double d = v[i][j + 1];
                double xa = x0 + i * dx;
                double ya = y0 + j * dy;
                List<double[]> crossings = new ArrayList<>(4);
                if ((a < 0) != (b < 0)) {
                    crossings.add(new double[] {xa + dx * a / (a - b), ya});
                }
                if ((b < 0) != (c < 0)) {
                    crossings.add(new double[] {xa + dx, ya + dy * b / (b - c)});
                }
                if ((c < 0) != (d < 0)) {
                    crossings.add(new double[] {xa + dx * d / (d - c), ya + dy});
                }
                if ((d < 0) != (a < 0)) {
                    crossings.add(new double[] {xa, ya + dy * a / (a - d)});
                }
                if (crossings.size() == 2) {
                    segments.add(new double[] {crossings.get(0)[0], crossings.get(0)[1], crossings.get(1)[0], crossings.get(1)[1]});
                } else if (crossings.size() == 4) {
                    // A saddle cell: pair the crossings by the sign at the cell's centre.
                    boolean centreLikeA = ((a + b + c + d) / 4 < 0) == (a < 0);
                    int[] order = centreLikeA ? new int[] {0, 1, 2, 3} : new int[] {0, 3, 1, 2};
                    for (int s = 0; s < 4; s += 2) {
                        double[] p = crossings.get(order[s]);
                        double[] q = crossings.get(order[s + 1]);
                        segments.add(new double[] {p[0], p[1], q[0], q[1]});
                    }
                }
            }
        }
        double[] xs = new double[3 * segments.size()];
        double[] ys = new double[3 * segments.size()];
        for (int s = 0; s < segments.size(); s++) {
            double[] seg = segments.get(s);
            xs[3 * s] = seg[0];
            ys[3 * s] = seg[1];
            xs[3 * s + 1] = seg[2];
            ys[3 * s + 1] = seg[3];
            xs[3 * s + 2] = Double.NaN;
            ys[3 * s + 2] = Double.NaN;
        }
        return new double[][] {xs, ys};
    }
}
