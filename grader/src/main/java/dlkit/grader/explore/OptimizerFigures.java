package dlkit.grader.explore;

import dlkit.grader.explore.StudentPaths.Pair;
import dlkit.grader.report.HtmlReport.Figure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The optimiser-path plots of a submission as PNG files, with the captions the HTML pages show. */
public final class OptimizerFigures {

    private OptimizerFigures() {}

    /**
     * Draws every pair whose optimiser's exercise file is in {@code files} into {@code folder}
     * ({@code path-adam-rosenbrock.png}, ...).
     *
     * @return the figures by exercise file ({@code dlkit/optim/Adam.java}), in the pairs' order
     */
    public static Map<String, List<Figure>> write(List<Pair> pairs, Collection<String> files, Path folder) throws IOException {
        Map<String, List<Figure>> figures = new LinkedHashMap<>();
        Files.createDirectories(folder);
        for (Pair pair : pairs) {
            if (!files.contains(pair.kind().file())) {
                continue;
            }
            String name = "path-" + pair.kind().simpleName().toLowerCase(Locale.ROOT) + "-"
                    + pair.surface().name().toLowerCase(Locale.ROOT) + ".png";
            Files.write(folder.resolve(name), Plots.path(pair));
            figures.computeIfAbsent(pair.kind().file(), k -> new ArrayList<>()).add(new Figure(name,
                    pair.kind().simpleName() + " on " + pair.surface().title() + ": your path and the reference's",
                    caption(pair)));
        }
        return figures;
    }

    /** What the plot shows, in words: the settings, and where the student's path leaves the reference's. */
    public static String caption(Pair pair) {
        Surface s = pair.surface();
        double[] start = s.start();
        String setting = "f(x, y) = " + s.formula() + "; " + pair.kind().describe(s) + ", " + s.steps() + " steps from ("
                + trim(start[0]) + ", " + trim(start[1]) + "). ";
        if (pair.student() == null) {
            return setting + "Only the reference is drawn: " + pair.problem() + ".";
        }
        int departs = pair.firstDeparture();
        // "Overlap" only: two paths that differ below the plot's resolution look the same, and the checks may still fail.
        String verdict = departs == 0 ? "The two paths overlap at this plot's resolution; the checks above say whether your steps are exact."
                : "Your path leaves the reference's at step " + departs + ".";
        if (pair.student().diverged()) {
            verdict += " It diverged after step " + (pair.student().points().size() - 1) + " (the plot shows only the region around the minimum).";
        }
        return setting + verdict;
    }

    private static String trim(double x) {
        return String.format(Locale.ROOT, "%s", x).replaceAll("\\.0$", "");
    }
}
