package dlkit.grader.explore;

import dlkit.grader.explore.StudentPaths.Pair;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots, drawn headless with XChart to PNG: optimiser paths over level lines, and
 * training curves per epoch.
 */
public final class Plots {

    static {
        // No display on a grading server: AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
    }

    /** The reference: solid blue. The student: dashed orange, so both read apart in grey scale too. */
    static final Color REFERENCE = new Color(0x1f4e99);
    static final Color STUDENT = new Color(0xe8710a);
    static final Color VALIDATION = new Color(0xc0392b);
    static final Color COMPARISON = new Color(0x9a9a9a);
    private static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {7f, 4f}, 0f);
    private static final BasicStroke THIN = new BasicStroke(0.9f);
    /** Grid points per side for the level lines. */
    private static final int GRID = 160;

    private Plots() {}

    /** The level lines of each surface, the same in every figure: computed once per run. */
    private static final Map<Surface, double[][][]> LEVEL_LINES = new ConcurrentHashMap<>();
    /**
     * Figures the same for many students, by optimiser, surface and kind: the reference's path
     * alone (no path of the student's), or with a student's path that never parts from it (within
     * the 1e-6 of {@link Pair#firstDeparture}, far below a pixel), drawn as the reference's.
     */
    private static final Map<String, byte[]> SHARED = new ConcurrentHashMap<>();

    private static double[][][] levelLines(Surface surface) {
        double[] levels = surface.levels();
        double[][][] lines = new double[levels.length][][];
        for (int k = 0; k < levels.length; k++) {
            lines[k] = Contours.line(surface::value, levels[k], surface.view(), GRID);
        }
        return lines;
    }

    /** One optimiser on one surface: level lines, the reference's path and the student's, if any. */
    public static byte[] path(Pair pair) throws IOException {
        boolean alone = pair.student() == null;
        boolean same = !alone && pair.firstDeparture() == 0 && pair.student().diverged() == pair.reference().diverged();
        if (!alone && !same) {
            return draw(pair);
        }
        String key = pair.kind() + " " + pair.surface() + (alone ? " alone" : " with the same path");
        byte[] png = SHARED.get(key);
        if (png == null) {
            png = draw(alone ? pair : new Pair(pair.kind(), pair.surface(), pair.reference(), pair.reference(), null));
            SHARED.put(key, png);
        }
        return png;
    }

    private static byte[] draw(Pair pair) throws IOException {
        Surface surface = pair.surface();
        double[] view = surface.view();
        XYChart chart = new XYChartBuilder().width(560).height(440)
                .title(pair.kind().simpleName() + " on " + surface.title())
                .xAxisTitle("x").yAxisTitle("y").build();
        style(chart);
        chart.getStyler().setXAxisMin(view[0]).setXAxisMax(view[1]).setYAxisMin(view[2]).setYAxisMax(view[3]);
        chart.getStyler().setPlotGridLinesVisible(false);

        double[][][] lines = LEVEL_LINES.computeIfAbsent(surface, Plots::levelLines);
        for (int k = 0; k < lines.length; k++) {
            double[][] line = lines[k];
            if (line[0].length == 0) {
                continue;
            }
            int shade = 150 + (int) (80.0 * k / lines.length);
            XYSeries s = chart.addSeries("level " + k, line[0], line[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(shade, shade, Math.min(255, shade + 20)));
            s.setLineStyle(THIN);
            s.setShowInLegend(false);
        }
        boolean markers = surface.steps() <= 100;
        addPath(chart, "reference", pair.reference(), REFERENCE, SOLID, markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (pair.student() != null) {
            addPath(chart, "your " + pair.kind().simpleName() + (pair.student().diverged() ? " (diverged)" : ""),
                    pair.student(), STUDENT, DASHED, markers ? SeriesMarkers.DIAMOND : SeriesMarkers.NONE);
        }
        double[] start = surface.start();
        double[] min = surface.minimum();
        point(chart, "start", start, SeriesMarkers.SQUARE, Color.BLACK);
        point(chart, "minimum", min, SeriesMarkers.CROSS, new Color(0x2e7d32));
        return png(chart);
    }

    /**
     * Per-epoch curves on one chart, epochs numbered from 1; the first series is drawn solid
     * blue, the second dashed red, others in XChart's colours; the thin ones, for comparison, in grey.
     *
     * @param series    name to values, one per epoch, in drawing order
     * @param thin      more series drawn as thin grey lines behind the others
     * @param bestEpoch the epoch (0-based) to mark with a vertical line, or -1
     */
    public static byte[] perEpoch(String title, String yTitle, Map<String, List<Double>> series,
                                  Map<String, List<Double>> thin, int bestEpoch) throws IOException {
        XYChart chart = new XYChartBuilder().width(560).height(380).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart);
        // A label per epoch would run together beyond 20 epochs.
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
        for (Map.Entry<String, List<Double>> e : thin.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), epochs(e.getValue()), values(e.getValue()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(COMPARISON);
            s.setLineStyle(THIN);
        }
        int i = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            double[] x = epochs(e.getValue());
            double[] y = values(e.getValue());
            for (int k = 0; k < x.length; k++) {
                if (!Double.isNaN(y[k])) {
                    low = Math.min(low, y[k]);
                    high = Math.max(high, y[k]);
                }
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(x.length <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (i < 2) {
                Color color = i == 0 ? REFERENCE : VALIDATION;
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setLineStyle(i == 0 ? SOLID : DASHED);
            }
            i++;
        }
        if (bestEpoch >= 0 && low <= high) {
            double pad = Math.max(1e-9, (high - low) * 0.05);
            XYSeries best = chart.addSeries("best epoch (" + (bestEpoch + 1) + ")",
                    new double[] {bestEpoch + 1, bestEpoch + 1}, new double[] {low - pad, high + pad});
            best.setMarker(SeriesMarkers.NONE);
            best.setLineColor(new Color(0x2e7d32));
            best.setLineStyle(THIN);
        }
        return png(chart);
    }

    private static double[] epochs(List<Double> values) {
        double[] x = new double[values.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = k + 1;
        }
        return x;
    }

    /** An epoch whose value is not finite (a diverged run) is left out (NaN), not drawn at infinity. */
    private static double[] values(List<Double> values) {
        double[] y = new double[values.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = values.get(k) != null && Double.isFinite(values.get(k)) ? values.get(k) : Double.NaN;
        }
        return y;
    }

    private static void addPath(XYChart chart, String name, PathTracer.Trace trace, Color color, BasicStroke stroke,
                                org.knowm.xchart.style.markers.Marker marker) {
        List<double[]> points = trace.points();
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = points.get(k)[0];
            y[k] = points.get(k)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(marker);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(stroke);
    }

    private static void point(XYChart chart, String name, double[] at, org.knowm.xchart.style.markers.Marker marker,
                              Color color) {
        XYSeries s = chart.addSeries(name, new double[] {at[0]}, new double[] {at[1]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static void style(XYChart chart) {
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0xbbbbbb));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(5);
        styler.setAntiAlias(true);
    }

    private static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
