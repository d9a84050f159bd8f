package dev.spillway.bench.report;

import static dev.spillway.bench.report.Report.f;

import dev.spillway.bench.Settings;
import dev.spillway.bench.load.Prompts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The tables of (h) the prompt-size series and (i) the concurrency series. */
final class GrowthReport {
  static final List<String> SYSTEMS = List.of("direct", "nginx", "spillway");

  private final Samples s;
  private final StringBuilder md;

  GrowthReport(Samples samples, StringBuilder md) {
    this.s = samples;
    this.md = md;
  }

  /**
   * What the system adds over the direct path at a percentile, for one prompt size: the median over
   * passes of each pass's median over paired blocks (see {@code PairedBlocks}).
   */
  static Optional<Double> overhead(Samples s, String size, String system, String percentile) {
    return s.median(overheadKey(size, system, percentile));
  }

  private static String overheadKey(String size, String system, String percentile) {
    return "prompt." + size + "." + system + ".over." + percentile;
  }

  void prompts() {
    md.append("\n### (h) Cost over the prompt's size (sequential, one connection, µs)\n\n")
        .append("Conversations of 1, 20 and 200 short turns; one message making the body 1 KB, 64 KB, 1 MB. ")
        .append("Overhead = the system's percentile − the direct path's; nginx buffers the whole body in ")
        .append("memory first (`client_body_buffer_size 2m`), as Spillway reads it whole before routing. ")
        .append("One pass a round; in a pass each size's calls are made in ").append(Settings.PROMPT_BLOCKS)
        .append(" blocks a system, the systems taking turns, and an overhead is the median over the blocks of ")
        .append("the system's block less the direct path's beside it (latencies: the pass's calls merged).\n\n")
        .append("| prompt | body bytes | direct p50 | nginx p50 | spillway p50 | nginx over direct p50 / p99 ")
        .append("| spillway over direct p50 / p99 | spillway ÷ nginx overhead (p50) |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String size : Prompts.SIZES) {
      String k = "prompt." + size + ".";
      md.append("| ").append(size).append(" | ")
          .append(String.format("%,d", Prompts.request(size).getBytes(StandardCharsets.UTF_8).length)).append(" | ")
          .append(f(s.median(k + "direct.p50"))).append(" | ").append(f(s.median(k + "nginx.p50"))).append(" | ")
          .append(f(s.median(k + "spillway.p50"))).append(" | ")
          .append(signed(overhead(s, size, "nginx", "p50"))).append(" / ").append(signed(overhead(s, size, "nginx", "p99")))
          .append(" | ").append(signed(overhead(s, size, "spillway", "p50"))).append(" / ")
          .append(signed(overhead(s, size, "spillway", "p99"))).append(" | ")
          .append(times(overhead(s, size, "spillway", "p50"), overhead(s, size, "nginx", "p50"))).append(" |\n");
    }
    md.append("\nThe p50 overheads pass by pass (their spread is the row's noise):\n\n")
        .append("| prompt | nginx over direct, each pass | spillway over direct, each pass |\n|---|---|---|\n");
    for (String size : Prompts.SIZES) {
      md.append("| ").append(size).append(" | ").append(passes(s.perRound(overheadKey(size, "nginx", "p50"))))
          .append(" | ").append(passes(s.perRound(overheadKey(size, "spillway", "p50")))).append(" |\n");
    }
    md.append("\nGrowth from 1 KB to 1 MB (p50 overhead at 1 MB ÷ at 1 KB): nginx ")
        .append(times(overhead(s, "1MB", "nginx", "p50"), overhead(s, "1KB", "nginx", "p50")))
        .append(", Spillway ").append(times(overhead(s, "1MB", "spillway", "p50"), overhead(s, "1KB", "spillway", "p50")))
        .append("; Spillway with the bytes' copying taken out (its 1 MB overhead less nginx's 1 MB − 1 KB growth, ")
        .append("÷ its 1 KB overhead): ").append(growth().map(GrowthReport::times).orElse("–"))
        .append(" (each pass: ").append(growthEachPass()).append(").\n");
  }

  /** The target's ratio: {@link #copyingExcepted()} ÷ Spillway's 1 KB overhead (medians over passes). */
  Optional<Double> growth() {
    return copyingExcepted().flatMap(big -> overhead(s, "1KB", "spillway", "p50").map(small -> big / small));
  }

  /** {@link #growthPerPass()} as text, e.g. {@code 2.08×, 3.87×}; empty when no pass measured both sizes. */
  String growthEachPass() {
    return growthPerPass().stream().map(GrowthReport::times).collect(Collectors.joining(", "));
  }

  /** Spillway's 1 MB overhead less what copying the extra bytes costs nginx. */
  Optional<Double> copyingExcepted() {
    return overhead(s, "1MB", "spillway", "p50").flatMap(big -> overhead(s, "1MB", "nginx", "p50")
        .flatMap(nginxBig -> overhead(s, "1KB", "nginx", "p50").map(nginxSmall -> big - (nginxBig - nginxSmall))));
  }

  /** The growth ratio of {@link #copyingExcepted()} ÷ the 1 KB overhead, computed within each pass. */
  List<Double> growthPerPass() {
    List<Double> big = s.perRound(overheadKey("1MB", "spillway", "p50"));
    List<Double> small = s.perRound(overheadKey("1KB", "spillway", "p50"));
    List<Double> nginxBig = s.perRound(overheadKey("1MB", "nginx", "p50"));
    List<Double> nginxSmall = s.perRound(overheadKey("1KB", "nginx", "p50"));
    int passes = Math.min(Math.min(big.size(), small.size()), Math.min(nginxBig.size(), nginxSmall.size()));
    List<Double> ratios = new ArrayList<>(passes);
    for (int i = 0; i < passes; i++) {
      ratios.add((big.get(i) - (nginxBig.get(i) - nginxSmall.get(i))) / small.get(i));
    }
    return ratios;
  }

  private static String passes(List<Double> values) {
    return values.isEmpty() ? "–" : values.stream().map(v -> (v >= 0 ? "+" : "") + f(v)).collect(Collectors.joining(", "));
  }

  void concurrency() {
    md.append("\n### (i) Throughput over connections (wrk, closed loop, req/s)\n\n")
        .append("| connections | direct | nginx | spillway | Spillway ÷ nginx | errors (nginx / spillway) |\n")
        .append("|---:|---:|---:|---:|---:|---:|\n");
    for (int c : Settings.GROWTH_CONNECTIONS) {
      String k = "conc." + c + ".";
      md.append("| ").append(c).append(" | ").append(f(s.median(k + "direct"))).append(" | ")
          .append(f(s.median(k + "nginx"))).append(" | ").append(f(s.median(k + "spillway"))).append(" | ")
          .append(times(s.median(k + "spillway"), s.median(k + "nginx"))).append(" | ")
          .append(f(s.median(k + "nginx.errors"))).append(" / ").append(f(s.median(k + "spillway.errors"))).append(" |\n");
    }
  }

  private static String signed(Optional<Double> value) {
    return value.map(v -> (v >= 0 ? "+" : "") + f(v)).orElse("–");
  }

  private static String times(Optional<Double> numerator, Optional<Double> denominator) {
    return numerator.flatMap(n -> denominator.map(d -> times(n / d))).orElse("–");
  }

  private static String times(double ratio) {
    return String.format("%.2f×", ratio);
  }
}
