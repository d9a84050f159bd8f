package dev.spillway.bench.report;

import dev.spillway.bench.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The results section of docs/benchmarks.md: conditions, one table per measurement, the targets. */
public final class Report {
  private static final List<String> SYSTEMS = List.of("direct", "nginx", "spillway", "portkey");
  private final Samples s;
  private final Settings settings;
  private final Instant started;
  private final boolean quick;
  private final String spillwayRuntime;
  private final Set<Part> parts;
  private final StringBuilder md = new StringBuilder();

  /** @param spillwayRuntime the Java and collector flags Spillway ran with, as a phrase */
  public Report(Samples samples, Settings settings, Instant started, boolean quick, Set<Part> parts, String spillwayRuntime) {
    this.spillwayRuntime = spillwayRuntime;
    this.s = samples;
    this.settings = settings;
    this.started = started;
    this.quick = quick;
    this.parts = parts;
  }

  /** @param plot the latency plot relative to the doc, or null when (a) did not run */
  public String markdown(Path plot) {
    md.append("Run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(quick ? " (`--quick`: one round, short phases — a smoke run, not figures to quote)" : "")
        .append(", ").append(settings.rounds()).append(" round(s); medians over rounds. ");
    if (!parts.equals(EnumSet.allOf(Part.class))) {
      md.append("Only ").append(parts.stream().map(p -> p.name().toLowerCase()).collect(Collectors.joining(", ")))
          .append(" (`--only`). ");
    }
    md.append("Spillway on ").append(spillwayRuntime).append(". ");
    md.append(Machine.describe()).append("\n\n");
    warmup();
    if (parts.contains(Part.SEQUENTIAL)) {
      sequential();
    }
    if (parts.contains(Part.THROUGHPUT)) {
      throughput();
    }
    if (parts.contains(Part.RATES)) {
      fixedRates();
    }
    if (parts.contains(Part.STREAMS)) {
      streaming();
    }
    if (parts.contains(Part.FAILOVER)) {
      failover();
    }
    if (parts.contains(Part.TRACING)) {
      new TracingReport(s, md).write();
    }
    if (parts.contains(Part.JMH)) {
      jmh();
    }
    GrowthReport growth = new GrowthReport(s, md);
    if (parts.contains(Part.PROMPTS)) {
      growth.prompts();
      md.append("\n![Sequential latency by prompt size, direct, nginx and Spillway](benchmarks/prompts.png)\n");
    }
    if (parts.contains(Part.CONCURRENCY)) {
      growth.concurrency();
      md.append("\n![Throughput by connections](benchmarks/concurrency.png)\n");
    }
    new Targets(s, md, parts).write();
    if (plot != null) {
      md.append("\n![Sequential latency percentiles per system](").append(plot).append(")\n");
    }
    return md.toString();
  }

  /** How long each system took to reach steady state before anything was measured. */
  private void warmup() {
    List<String> systems = s.all().keySet().stream().filter(k -> k.startsWith("warmup.") && k.endsWith(".seconds"))
        .map(k -> k.substring("warmup.".length(), k.length() - ".seconds".length())).toList();
    if (systems.isEmpty()) {
      return;
    }
    md.append("\n### Warm-up to steady state\n\n")
        .append("Closed loop (wrk, 16 connections) in ").append(settings.warmupSampleSeconds())
        .append("-s samples until two in a row agree within 10 % and, for the JVMs (the mock behind `direct`, ")
        .append("Spillway), the JIT compile queue is empty under load; capped at ").append(settings.warmupCapSeconds())
        .append(" s. `-stream`: one-token streams, before (d); `on503`, `circuit-open`: before (e).\n\n")
        .append("| system | time to steady state | last sample (req/s) |\n|---|---:|---:|\n");
    for (String system : systems) {
      md.append("| ").append(system).append(" | ").append(warmupOf(s, system)).append(" | ")
          .append(f(s.median("warmup." + system + ".rps"))).append(" |\n");
    }
  }

  /** "62 s", or "capped at 120 s" when it never got steady (the slowest warm-up when there were several). */
  static String warmupOf(Samples s, String system) {
    List<Double> seconds = s.all().getOrDefault("warmup." + system + ".seconds", List.of());
    if (seconds.isEmpty()) {
      return "–";
    }
    boolean capped = s.all().get("warmup." + system + ".steady").contains(0.0);
    String longest = String.format("%.0f s", seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    return capped ? "not steady: capped at " + longest : longest;
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
        .append(" connections. Portkey is left out: these rates are above its saturation. CPU per call: the")
        .append(" system's processes (the proxy alone, not the mock behind it; for direct, the mock), from /proc.\n\n")
        .append("| rate | system | achieved req/s | p50 | p99 | p99.9 | max | errors | CPU per call (µs) |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int percent : new int[] {25, 50, 75}) {
      for (String system : List.of("direct", "nginx", "spillway")) {
        String k = "rate." + percent + "." + system;
        md.append("| ").append(percent).append(" % | ").append(system).append(" | ").append(f(s.median(k + ".achieved")))
            .append(" | ").append(f(s.median(k + ".p50"))).append(" | ").append(f(s.median(k + ".p99")))
            .append(" | ").append(f(s.median(k + ".p999"))).append(" | ").append(f(s.median(k + ".max")))
            .append(" | ").append(f(s.median(k + ".errors"))).append(" | ").append(f(s.median(k + ".cpu")))
            .append(" |\n");
      }
    }
    md.append("\nSpillway in a run, at 25 / 50 / 75 %: hedges launched (calls that waited past their hedge")
        .append(" delay, 30 ms or the target's p95) ").append(atRates("hedges"))
        .append("; longest GC pause (ms) ").append(atRates("gcMaxMs"))
        .append("; GC pauses in all (ms) ").append(atRates("gcTotalMs")).append(".\n");
  }

  private String atRates(String figure) {
    return f(s.median("rate.25.spillway." + figure)) + " / " + f(s.median("rate.50.spillway." + figure)) + " / "
        + f(s.median("rate.75.spillway." + figure));
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
    new StreamReport(s, settings, md).concurrent();
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
        .append("`plain`: the fallback alone; `on503`: the primary answers 503 on every call (its policy's breaker ")
        .append("never opens), the fallback model serves; `circuit-open`: the primary's breaker (policy ")
        .append("`circuitBreaker: {consecutiveFailures: 1, openFor: 1h}`) was tripped before and stays open, so the ")
        .append("primary is skipped without a call. \"primary tried\": the primary's calls over the case ")
        .append("(`GET /v1/spillway/stats`) per call sent — 100 % and 0 % when each case measured what it says.\n\n")
        .append("| case | p50 | p99 | p99.9 | p50 over plain | p99 over plain | primary tried |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String c : List.of("plain", "on503", "circuit-open")) {
      String k = "failover." + c;
      md.append("| ").append(c).append(" | ").append(f(s.median(k + ".p50"))).append(" | ").append(f(s.median(k + ".p99")))
          .append(" | ").append(f(s.median(k + ".p999"))).append(" | ").append(over(k + ".p50", "failover.plain.p50"))
          .append(" | ").append(over(k + ".p99", "failover.plain.p99")).append(" | ")
          .append(s.median(k + ".primaryShare").map(v -> String.format("%.0f %%", v * 100)).orElse("–")).append(" |\n");
    }
    s.noteFor("failover.circuit-open").ifPresent(note -> md.append("\n**Check failed:** ").append(note).append('\n'));
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
    return over(s, key, base);
  }

  /** A figure less its base (e.g. the direct path's), signed; "–" when either is missing. */
  static String over(Samples s, String key, String base) {
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
