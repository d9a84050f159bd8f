package dev.spillway.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sequential latency of each system by percentile, HdrHistogram style: the x axis spreads the
 * tail (50, 90, 99, 99.9, 99.99 % are evenly spaced), the y axis is logarithmic.
 */
public final class LatencyPlot {
  private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

  private LatencyPlot() {}

  public static Path write(Samples samples, Path png) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(560)
        .title("Sequential latency by percentile (one connection, loopback)")
        .xAxisTitle("percentile").yAxisTitle("latency (µs, log)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(LatencyPlot::label);
    chart.getStyler().setXAxisDecimalPattern("0");
    for (Map.Entry<String, Histogram> entry : samples.sequentialHistograms().entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double p : PERCENTILES) {
        x.add(spread(p));
        y.add(Math.max(1, entry.getValue().getValueAtPercentile(p) / 1000.0));
      }
      chart.addSeries(entry.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return png;
  }

  /** 50 % → 0.3, 90 % → 1, 99 % → 2, 99.9 % → 3: the number of nines. */
  private static double spread(double percentile) {
    return Math.log10(100 / (100 - percentile));
  }

  /** Labels only the whole numbers of nines (90 %, 99 %, 99.9 %…); ticks between stay blank. */
  private static String label(double x) {
    long nines = Math.round(x);
    if (Math.abs(x - nines) > 0.05 || nines < 1) {
      return "";
    }
    return nines == 1 ? "90%" : nines == 2 ? "99%" : "99." + "9".repeat((int) nines - 2) + "%";
  }
}
