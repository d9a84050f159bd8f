package dev.spillway.bench.report;

import dev.spillway.bench.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results section of docs/benchmarks.md: conditions, one table per measurement, the targets. */
public final class Report {
  private static final List<String> SYSTEMS = List.of("direct", "nginx", "spillway", "portkey");
  private final Samples s;
  private final Settings settings;
  private final Instant started;
  private final boolean quick;
  private final StringBuilder md = new StringBuilder();

  public Report(Samples samples, Settings settings, Instant started, boolean quick) {
    this.s = samples;
    this.settings = settings;
    this.started = started;
    this.quick = quick;
  }

  public String markdown(Path plot) {
    md.append("Run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(quick ? " (`--quick`: one round, short phases — a smoke run, not figures to quote)" : "")
        .append(", ").append(settings.rounds()).append(" round(s); medians over rounds. ")
        .append(Machine.describe()).append("\n\n");
    sequential();
    throughput();
    fixedRates();
    streaming();
    failover();
    tracing();
    jmh();
    new Targets(s, md).write();
    md.append("\n![Sequential latency percentiles per system](").append(plot).append(")\n");
    return md.toString();
  }

  private void sequential() {
    md.append("\n### (a) Sequential latency, one connection (µs)\n\n")
        .append("| system | p50 | p99 | p99.9 | p50 over direct | p99 over direct | p99.9 over direct |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String system : SYSTEMS) {
      String k = "seq." + system;
      md.append("| ").append(system).append(" | ").append(f(s.median(k + ".p50"))).append(" | ")
          .append(f(s.median(k + ".p99"))).append(" | ").append(f(s.median(k + ".p999"))).append(" | ")
          .append(over(k + ".p50", "seq.direct.p50")).append(" | ").append(over(k + ".p99", "seq.direct.p99"))
          .append(" | ").append(over(k + ".p999", "seq.direct.p999")).append(" |\n");
    }
  }

  private void throughput() {
    md.append("\n### (b) Throughput, closed loop with wrk (req/s)\n\n")
        .append("| system | 16 conns | 64 conns | Spillway ÷ system, 16 | Spillway ÷ system, 64 | errors |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (String system : SYSTEMS) {
      md.append("| ").append(system).append(" | ").append(f(s.median("rps.16." + system))).append(" | ")
          .append(f(s.median("rps.64." + system))).append(" | ").append(ratio("rps.16.spillway", "rps.16." + system))
          .append(" | ").append(ratio("rps.64.spillway", "rps.64." + system)).append(" | ")
          .append(f(sum("rps.16." + system + ".errors", "rps.64." + system + ".errors"))).append(" |\n");
    }
  }

  private void fixedRates() {
    md.append("\n### (c) Latency at fixed rates, open loop from intended start (µs)\n\n")
        .append("Rates are fractions of Spillway's saturation in this run (")
        .append(f(s.median("saturation.spillway"))).append(" req/s), ").append(Settings.RATE_CONNECTIONS)
        .append(" connections. Portkey is left out: these rates are above its saturation.\n\n")
        .append("| rate | system | achieved req/s | p50 | p99 | p99.9 | max | errors |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int percent : new int[] {25, 50, 75}) {
      for (String system : List.of("direct", "nginx", "spillway")) {
        String k = "rate." + percent + "." + system;
        md.append("| ").append(percent).append(" % | ").append(system).append(" | ").append(f(s.median(k + ".achieved")))
            .append(" | ").append(f(s.median(k + ".p50"))).append(" | ").append(f(s.median(k + ".p99")))
            .append(" | ").append(f(s.median(k + ".p999"))).append(" | ").append(f(s.median(k + ".max")))
            .append(" | ").append(f(s.median(k + ".errors"))).append(" |\n");
      }
    }
  }

  private void streaming() {
    md.append("\n### (d) Streaming\n\nTime to first token of one-token streams, one at a time (µs):\n\n")
        .append("| system | p50 | p99 | p50 over direct | p99 over direct | errors |\n|---|---:|---:|---:|---:|---:|\n");
    for (String system : SYSTEMS) {
      String k = "ttft." + system;
      md.append("| ").append(system).append(" | ").append(f(s.median(k + ".p50"))).append(" | ")
          .append(f(s.median(k + ".p99"))).append(" | ").append(over(k + ".p50", "ttft.direct.p50")).append(" | ")
          .append(over(k + ".p99", "ttft.direct.p99")).append(" | ").append(f(s.median(k + ".errors"))).append(" |\n");
    }
    md.append("\nConcurrent slow streams (").append(settings.streamTokens()).append(" chunks, one per ")
        .append(settings.chunkIntervalMs()).append(" ms, opened at ").append(settings.streamsOpenedPerSecond())
        .append("/s, all open when memory is read; Spillway runs with -Xmx512m):\n\n")
        .append("| streams | system | first token p50 (µs) | p99 (µs) | p99 over direct | errors | heap used (MB) | live heap after GC (MB) | RSS (MB) |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int count : settings.concurrentStreams()) {
      for (String system : List.of("direct", "spillway")) {
        String k = "streams." + count + "." + system;
        md.append("| ").append(count).append(" | ").append(system).append(" | ").append(f(s.median(k + ".p50")))
            .append(" | ").append(f(s.median(k + ".p99"))).append(" | ")
            .append(over(k + ".p99", "streams." + count + ".direct.p99")).append(" | ").append(f(s.median(k + ".errors")))
            .append(" | ").append(f(s.median(k + ".heapMb"))).append(" | ").append(f(s.median(k + ".liveHeapMb")))
            .append(" | ").append(f(s.median(k + ".rssMb"))).append(" |\n");
      }
    }
    streamErrors();
  }

  private void streamErrors() {
    for (String prefix : List.of("ttft.", "streams.")) {
      s.notesUnder(prefix).forEach((key, kinds) ->
          md.append("\nErrors of `").append(key).append("`: ").append(kinds).append('\n'));
    }
  }

  private void failover() {
    md.append("\n### (e) Failover through Spillway, one connection (µs)\n\n")
        .append("`plain`: the fallback alone; `on503`: the primary answers 503 on every call, the fallback serves; ")
        .append("`known-bad`: the primary answered 429 with an hour's Retry-After and is skipped without a call ")
        .append("(HealthMarks — the stand-in for an open circuit until the circuit breaker is on main).\n\n")
        .append("| case | p50 | p99 | p99.9 | p50 over plain | p99 over plain |\n|---|---:|---:|---:|---:|---:|\n");
    for (String c : List.of("plain", "on503", "known-bad")) {
      String k = "failover." + c;
      md.append("| ").append(c).append(" | ").append(f(s.median(k + ".p50"))).append(" | ").append(f(s.median(k + ".p99")))
          .append(" | ").append(f(s.median(k + ".p999"))).append(" | ").append(over(k + ".p50", "failover.plain.p50"))
          .append(" | ").append(over(k + ".p99", "failover.plain.p99")).append(" |\n");
    }
  }

  private void tracing() {
    md.append("\n### (f) Tracing on vs off (16 connections, req/s)\n\n");
    Optional<String> pending = s.noteFor("tracing");
    if (pending.isPresent()) {
      md.append(pending.get()).append(". The switch is in the harness (`TracingSwitch`): a second Spillway with ")
          .append("the OpenTelemetry SDK environment exporting OTLP to the mock, measured back to back.\n");
      return;
    }
    md.append("| tracing | req/s | cost |\n|---|---:|---:|\n")
        .append("| off | ").append(f(s.median("tracing.tracing-off"))).append(" | |\n")
        .append("| on | ").append(f(s.median("tracing.tracing-on"))).append(" | ").append(Targets.tracingCost(s)
            .map(c -> String.format("%.1f %%", c * 100)).orElse("–")).append(" |\n");
  }

  private void jmh() {
    md.append("\n### (g) JMH (jmh module, short run: 1 fork)\n\n");
    s.noteFor("jmh").ifPresent(note -> md.append(note).append("\n"));
    md.append("| benchmark | mode | score | ± | unit | p99 (µs, sample mode) |\n|---|---|---:|---:|---|---:|\n");
    for (Map.Entry<String, List<Double>> e : s.all().entrySet()) {
      String[] parts = e.getKey().split("\\|");
      if (e.getKey().startsWith("jmh.") && parts.length == 3) {
        md.append("| ").append(parts[0].substring(4)).append(" | ").append(parts[1]).append(" | ")
            .append(f(s.median(e.getKey()))).append(" | ").append(f(s.median(e.getKey() + "|error")))
            .append(" | ").append(parts[2]).append(" | ").append(f(s.median(parts[0] + "|p99"))).append(" |\n");
      }
    }
  }

  private Optional<Double> sum(String a, String b) {
    return s.median(a).flatMap(x -> s.median(b).map(y -> x + y));
  }

  private String over(String key, String base) {
    return s.median(key).flatMap(v -> s.median(base).map(b -> v - b)).map(d -> (d >= 0 ? "+" : "") + f(d)).orElse("–");
  }

  private String ratio(String numerator, String denominator) {
    return s.median(numerator).flatMap(n -> s.median(denominator).map(d -> n / d))
        .map(r -> String.format("%.2f×", r)).orElse("–");
  }

  static String f(Optional<Double> value) {
    return value.map(Report::f).orElse("–");
  }

  static String f(double value) {
    double abs = Math.abs(value);
    return abs >= 1000 ? String.format("%,.0f", value) : abs >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
  }
}
