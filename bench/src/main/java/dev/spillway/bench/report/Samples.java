package dev.spillway.bench.report;

import dev.spillway.bench.load.PairedBlocks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Every figure of the run, one value per round under a dotted key ("seq.nginx.p50"), reported as
 * the median over rounds; plus the merged histograms of the sequential runs for the plot.
 */
public final class Samples {
  private final Map<String, List<Double>> values = new LinkedHashMap<>();
  private final Map<String, Histogram> sequential = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  public synchronized void add(String key, double value) {
    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  /** A latency histogram's percentiles (µs) under {@code key}: {@code key.p50}, {@code .p90}, … {@code .max}. */
  public void addLatency(String key, Histogram latency) {
    add(key + ".p50", dev.spillway.bench.load.Histograms.micros(latency, 50));
    add(key + ".p90", dev.spillway.bench.load.Histograms.micros(latency, 90));
    add(key + ".p99", dev.spillway.bench.load.Histograms.micros(latency, 99));
    add(key + ".p999", dev.spillway.bench.load.Histograms.micros(latency, 99.9));
    add(key + ".max", latency.getMaxValue() / 1000.0);
  }

  public synchronized void addSequential(String system, Histogram histogram) {
    sequential.computeIfAbsent(system, s -> dev.spillway.bench.load.Histograms.create()).add(histogram);
  }

  public synchronized void note(String key, String text) {
    notes.put(key, text);
  }

  public synchronized Optional<String> noteFor(String key) {
    return Optional.ofNullable(notes.get(key));
  }

  /** Notes whose key starts with {@code prefix}, e.g. how streams failed. */
  public synchronized Map<String, String> notesUnder(String prefix) {
    Map<String, String> found = new LinkedHashMap<>();
    notes.forEach((key, text) -> {
      if (key.startsWith(prefix)) {
        found.put(key, text);
      }
    });
    return found;
  }

  /** The median over rounds, or empty when the figure was not measured. */
  public synchronized Optional<Double> median(String key) {
    List<Double> list = values.get(key);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(PairedBlocks.median(list));
  }

  /** The figure of each round in order (empty when not measured). */
  public synchronized List<Double> perRound(String key) {
    return List.copyOf(values.getOrDefault(key, List.of()));
  }

  public synchronized Map<String, List<Double>> all() {
    return new LinkedHashMap<>(values);
  }

  public synchronized Map<String, Histogram> sequentialHistograms() {
    return new LinkedHashMap<>(sequential);
  }
}
