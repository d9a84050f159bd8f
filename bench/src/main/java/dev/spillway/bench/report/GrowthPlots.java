package dev.spillway.bench.report;

import dev.spillway.bench.Settings;
import dev.spillway.bench.load.Prompts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The growth series as plots: overhead over the prompt's size, throughput over connections. */
public final class GrowthPlots {
  private GrowthPlots() {}

  /** {@code prompts.png}: p50 and p99 overhead over direct per prompt size, nginx and Spillway. */
  public static Path prompts(Samples s, Path png) throws IOException {
    CategoryChart chart = lines("What each proxy adds over the direct path, by prompt size (one connection)",
        "prompt (turns, or body size)", "added latency (µs, log)");
    chart.getStyler().setYAxisLogarithmic(true);
    for (String system : List.of("nginx", "spillway")) {
      for (String percentile : List.of("p50", "p99")) {
        List<Double> y = new ArrayList<>();
        for (String size : Prompts.SIZES) {
          // A log axis has no room for noise below zero: such a point shows as 1 µs.
          y.add(Math.max(1, GrowthReport.overhead(s, size, system, percentile).orElse(0.0)));
        }
        chart.addSeries(system + " " + percentile, Prompts.SIZES, y).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return png;
  }

  /** {@code concurrency.png}: closed-loop throughput per connection count, every system. */
  public static Path concurrency(Samples s, Path png) throws IOException {
    CategoryChart chart = lines("Throughput by connections (wrk, closed loop, loopback)", "connections", "req/s");
    List<String> labels = new ArrayList<>();
    for (int c : Settings.GROWTH_CONNECTIONS) {
      labels.add(Integer.toString(c));
    }
    for (String system : GrowthReport.SYSTEMS) {
      List<Double> y = new ArrayList<>();
      for (int c : Settings.GROWTH_CONNECTIONS) {
        Optional<Double> rps = s.median("conc." + c + "." + system);
        y.add(rps.orElse(0.0));
      }
      chart.addSeries(system, labels, y).setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return png;
  }

  private static CategoryChart lines(String title, String x, String y) {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(title)
        .xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    chart.getStyler().setOverlapped(true);
    return chart;
  }
}
