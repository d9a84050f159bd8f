package dev.spillway.bench.report;

import static dev.spillway.bench.report.Report.f;

import dev.spillway.bench.Settings;
import dev.spillway.bench.load.Prompts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The tables of (h) the prompt-size series and (i) the concurrency series. */
final class GrowthReport {
  static final List<String> SYSTEMS = List.of("direct", "nginx", "spillway");

  private final Samples s;
  private final StringBuilder md;

  GrowthReport(Samples samples, StringBuilder md) {
    this.s = samples;
    this.md = md;
  }

  /** What the system adds over the direct path at a percentile, for one prompt size. */
  static Optional<Double> overhead(Samples s, String size, String system, String percentile) {
    String prefix = "prompt." + size + ".";
    return s.median(prefix + system + "." + percentile)
        .flatMap(v -> s.median(prefix + "direct." + percentile).map(d -> v - d));
  }

  void prompts() {
    md.append("\n### (h) Cost over the prompt's size (sequential, one connection, µs)\n\n")
        .append("Conversations of 1, 20 and 200 short turns; one message making the body 1 KB, 64 KB, 1 MB. ")
        .append("Overhead = the system's percentile − the direct path's; nginx buffers the whole body in ")
        .append("memory first (`client_body_buffer_size 2m`), as Spillway reads it whole before routing.\n\n")
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
    md.append("\nGrowth from 1 KB to 1 MB (p50 overhead at 1 MB ÷ at 1 KB): nginx ")
        .append(times(overhead(s, "1MB", "nginx", "p50"), overhead(s, "1KB", "nginx", "p50")))
        .append(", Spillway ").append(times(overhead(s, "1MB", "spillway", "p50"), overhead(s, "1KB", "spillway", "p50")))
        .append("; Spillway with the bytes' copying taken out (its 1 MB overhead less nginx's 1 MB − 1 KB growth, ")
        .append("÷ its 1 KB overhead): ").append(times(copyingExcepted(), overhead(s, "1KB", "spillway", "p50")))
        .append(".\n");
  }

  /** Spillway's 1 MB overhead less what copying the extra bytes costs nginx. */
  Optional<Double> copyingExcepted() {
    return overhead(s, "1MB", "spillway", "p50").flatMap(big -> overhead(s, "1MB", "nginx", "p50")
        .flatMap(nginxBig -> overhead(s, "1KB", "nginx", "p50").map(nginxSmall -> big - (nginxBig - nginxSmall))));
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
    return numerator.flatMap(n -> denominator.map(d -> String.format("%.2f×", n / d))).orElse("–");
  }
}
