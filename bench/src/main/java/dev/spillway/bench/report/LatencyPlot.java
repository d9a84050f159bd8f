package dev.spillway.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sequential latency of each system by percentile, HdrHistogram style: one evenly spaced
 * category per "nine" (50, 90, 99, 99.9, 99.99 %), so the tail gets as much room as the median; the
 * latency axis is logarithmic.
 */
public final class LatencyPlot {
  private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
  private static final List<String> LABELS = List.of("50%", "90%", "99%", "99.9%", "99.99%");

  private LatencyPlot() {}

  public static Path write(Samples samples, Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
        .title("Sequential latency by percentile (one connection, loopback)")
        .xAxisTitle("percentile").yAxisTitle("latency (µs, log)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setOverlapped(true); // all systems at the same x for a percentile, not side by side
    for (Map.Entry<String, Histogram> entry : samples.sequentialHistograms().entrySet()) {
      List<Double> y = new ArrayList<>();
      for (double p : PERCENTILES) {
        y.add(Math.max(1, entry.getValue().getValueAtPercentile(p) / 1000.0));
      }
      chart.addSeries(entry.getKey(), LABELS, y).setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return png;
  }
}
