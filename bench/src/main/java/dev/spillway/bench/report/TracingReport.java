package dev.spillway.bench.report;

import static dev.spillway.bench.report.Report.f;

import java.util.List;
import java.util.Optional;

/**
 * The (f) table: throughput with tracing off, on for every call, and at a ratio of 0.1, each the
 * median over its JVMs and rounds, with what shows how far to trust it: the cost in each block of
 * back-to-back runs (lowest–highest), each JVM's own median, and the CPU per call of Spillway and
 * of the mock (the upstream, and the OTLP collector of the traced modes).
 */
public final class TracingReport {
  public static final String OFF = "tracing-off";
  public static final String EVERY_CALL = "tracing-on";
  public static final String SAMPLED = "tracing-sampled";

  private final Samples s;
  private final StringBuilder md;

  TracingReport(Samples samples, StringBuilder md) {
    this.s = samples;
    this.md = md;
  }

  /** 1 − traced req/s ÷ untraced req/s, medians over every JVM and round of each mode. */
  static Optional<Double> cost(Samples s, String traced) {
    return s.median("tracing." + traced).flatMap(on -> s.median("tracing." + OFF).map(off -> 1 - on / off));
  }

  void write() {
    md.append("\n### (f) Tracing on vs off (16 connections, req/s)\n\n");
    Optional<String> pending = s.noteFor("tracing");
    if (pending.isPresent()) {
      md.append(pending.get()).append(". The switch is in the harness (`TracingSwitch`): a second Spillway with ")
          .append("the OpenTelemetry SDK environment exporting OTLP to the mock, measured back to back.\n");
      return;
    }
    md.append("Each mode runs in its own JVMs (").append(instances(OFF)).append(" a mode), warmed alike; every round ")
        .append("measures them in blocks of one JVM of each mode back to back, the first mode rotating. req/s: median ")
        .append("of every JVM and round; cost: 1 − that ÷ off's; per block: the same within each block (lowest–highest); ")
        .append("CPU a call from /proc (the mock serves every call and, for the traced modes, takes the OTLP exports in).\n\n")
        .append("| tracing | req/s | cost | cost per block | req/s per JVM | Spillway CPU a call | mock CPU a call |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    row("off", OFF);
    row("on, every call traced (ratio 1)", EVERY_CALL);
    row("on, ratio 0.1 (the other calls build no span; errors and failovers are traced)", SAMPLED);
  }

  private void row(String label, String mode) {
    String key = "tracing." + mode;
    md.append("| ").append(label).append(" | ").append(f(s.median(key))).append(" | ")
        .append(mode.equals(OFF) ? "" : cost(s, mode).map(TracingReport::pct).orElse("–")).append(" | ")
        .append(mode.equals(OFF) ? "" : range(s.all().getOrDefault(key + ".paired", List.of()))).append(" | ")
        .append(perJvm(key)).append(" | ")
        .append(f(s.median(key + ".cpu"))).append(" µs | ").append(f(s.median(key + ".mockCpu"))).append(" µs |\n");
  }

  /** Each JVM's median req/s, in start order: "17,418 / 15,402". */
  private String perJvm(String key) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; s.median(key + ".i" + i).isPresent(); i++) {
      out.append(i > 1 ? " / " : "").append(f(s.median(key + ".i" + i)));
    }
    return out.length() == 0 ? "–" : out.toString();
  }

  private int instances(String mode) {
    int n = 0;
    while (s.median("tracing." + mode + ".i" + (n + 1)).isPresent()) {
      n++;
    }
    return n;
  }

  static String range(List<Double> costs) {
    if (costs.isEmpty()) {
      return "–";
    }
    double low = costs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double high = costs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return pct(low) + " – " + pct(high);
  }

  private static String pct(double ratio) {
    return String.format("%.1f %%", ratio * 100);
  }
}
