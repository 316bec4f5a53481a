package dlkit.grader.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.report.HtmlReport.Figure;
import dlkit.reference.core.Parameter;
import dlkit.reference.optim.Adam;
import dlkit.reference.optim.Momentum;
import dlkit.reference.optim.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path tmp;

    /** The reference's own iterates, stepped here by hand, with the gradient of the surface. */
    static List<double[]> iterates(Surface s, Function<List<Parameter>, Optimizer> make) {
        Parameter p = new Parameter("w", new DMatrixRMaj(2, 1, true, s.start()));
        Optimizer o = make.apply(List.of(p));
        List<double[]> points = new ArrayList<>(List.of(s.start()));
        for (int k = 0; k < s.steps(); k++) {
            double[] g = s.gradient(p.value().get(0), p.value().get(1));
            p.grad().set(0, 0, g[0]);
            p.grad().set(1, 0, g[1]);
            o.step();
            points.add(new double[] {p.value().get(0), p.value().get(1)});
        }
        return points;
    }

    @Test
    void referencePathsAreTheReferenceIterates() {
        for (Surface s : Surface.values()) {
            double[] adam = OptimizerKind.ADAM.settings(s);
            double[] momentum = OptimizerKind.MOMENTUM.settings(s);
            assertThat(PathTracer.trace(PathTracer.reference(OptimizerKind.ADAM, s), s).points())
                    .containsExactlyElementsOf(iterates(s, ps -> new Adam(ps, adam[0], adam[1], adam[2], 1e-8)));
            assertThat(PathTracer.trace(PathTracer.reference(OptimizerKind.MOMENTUM, s), s).points())
                    .containsExactlyElementsOf(iterates(s, ps -> new Momentum(ps, momentum[0], momentum[1], false)));
        }
        // Every reference run stays finite and ends nearer the minimum than it started.
        for (StudentPaths.Pair pair : StudentPaths.referenceOnly()) {
            List<double[]> points = pair.reference().points();
            assertThat(pair.reference().diverged()).as(pair.kind() + " on " + pair.surface()).isFalse();
            assertThat(points).hasSize(pair.surface().steps() + 1);
            double[] min = pair.surface().minimum();
            double[] last = points.get(points.size() - 1);
            assertThat(Math.hypot(last[0] - min[0], last[1] - min[1]))
                    .isLessThan(Math.hypot(points.get(0)[0] - min[0], points.get(0)[1] - min[1]));
        }
    }

    @Test
    void pathPlotsAreWrittenAsPngs() throws Exception {
        List<StudentPaths.Pair> pairs = new ArrayList<>();
        for (StudentPaths.Pair r : StudentPaths.referenceOnly()) {
            // A student path that leaves the reference at once and then diverges far out of view.
            List<double[]> wild = new ArrayList<>(List.of(r.surface().start()));
            for (int k = 1; k < 20; k++) {
                wild.add(new double[] {Math.pow(-3, k), Math.pow(2, k)});
            }
            pairs.add(new StudentPaths.Pair(r.kind(), r.surface(), r.reference(), new PathTracer.Trace(wild, true), null));
        }
        var figures = OptimizerFigures.write(pairs, Set.of(OptimizerKind.ADAM.file()), tmp);

        assertThat(figures.keySet()).containsExactly(OptimizerKind.ADAM.file());
        List<Figure> adam = figures.get(OptimizerKind.ADAM.file());
        assertThat(adam).extracting(Figure::file).containsExactly("path-adam-quadratic.png", "path-adam-rosenbrock.png");
        for (Figure f : adam) {
            byte[] png = Files.readAllBytes(tmp.resolve(f.file()));
            assertThat(png).startsWith(PNG);
            assertThat(png.length).isGreaterThan(15_000);
            assertThat(f.caption()).contains("leaves the reference's at step 1", "diverged after step 19");
        }
    }

    @Test
    void trainingCurvesAreWrittenAsPngs() throws Exception {
        List<Double> falling = List.of(2.0, 1.2, 0.8, 0.6, 0.5);
        List<Double> rising = List.of(0.3, 0.6, 0.7, 0.8, 0.85);
        List<Figure> figures = TrainingCurves.write(new TrainingCurves.Epochs(falling, rising,
                List.of(2.1, 1.3, 1.0, 1.1, Double.NaN), List.of(0.3, 0.5, 0.6, 0.6, 0.58), 2), null, "Digits", "curves", tmp, "");

        assertThat(figures).extracting(Figure::file).containsExactly("curves-loss.png", "curves-accuracy.png");
        for (Figure f : figures) {
            assertThat(Files.readAllBytes(tmp.resolve(f.file()))).startsWith(PNG).hasSizeGreaterThan(8_000);
        }
    }

    @Test
    void levelLinesLieOnTheirLevel() {
        Surface s = Surface.QUADRATIC;
        double level = s.levels()[0];
        double[][] line = Contours.line(s::value, level, s.view(), 120);
        assertThat(line[0].length).isGreaterThan(60);
        for (int i = 0; i < line[0].length; i++) {
            if (i % 3 == 2) {
                assertThat(line[0][i]).isNaN();
            } else {
                // Linear interpolation along a cell's edge errs by at most f'' h^2 / 8 = 20 (5/120)^2 / 8 = 0.0043.
                assertThat(s.value(line[0][i], line[1][i])).isCloseTo(level, org.assertj.core.data.Offset.offset(0.005));
            }
        }
    }
}
