package dev.spillway.bench.report;

import dev.spillway.bench.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** compare.md of {@code --compare A B}: each figure for A and B, the ratio B ÷ A of the medians and per round. */
public final class CompareReport {
  private static final String A = "jar-a";
  private static final String B = "jar-b";
  private final Samples s;
  private final Settings settings;
  private final Instant started;
  private final Path jarA;
  private final Path jarB;
  private final String spillwayRuntime;
  private final StringBuilder md = new StringBuilder();

  /** @param spillwayRuntime the Java and collector flags both ran with, as a phrase */
  public CompareReport(Samples samples, Settings settings, Instant started, Path jarA, Path jarB, String spillwayRuntime) {
    this.spillwayRuntime = spillwayRuntime;
    this.s = samples;
    this.settings = settings;
    this.started = started;
    this.jarA = jarA;
    this.jarB = jarB;
  }

  public String markdown() throws IOException {
    md.append("## Spillway A vs B (`bench/run.sh --compare`)\n\n")
        .append("Run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(", ").append(settings.rounds())
        .append(" round(s), A and B back to back, the order swapped every round; medians over rounds. ")
        .append("Both on ").append(spillwayRuntime).append(". ")
        .append(Machine.describe()).append("\n\n")
        .append("- A: `").append(jarA).append("` ").append(describe(jarA)).append('\n')
        .append("- B: `").append(jarB).append("` ").append(describe(jarB)).append('\n')
        .append("- Warm-up (closed loop until two samples agree within 10 % and the JIT queue is empty): ")
        .append(Report.warmupOf(s, "direct")).append(" direct, ").append(Report.warmupOf(s, A)).append(" A, ")
        .append(Report.warmupOf(s, B)).append(" B\n\n")
        .append("Ratios above 1 mean B is higher: better for throughput, worse for latency.\n\n")
        .append("| figure | A | B | B ÷ A | B ÷ A per round |\n|---|---:|---:|---:|---|\n");
    for (String p : List.of("p50", "p99", "p999")) {
      String label = p.equals("p999") ? "p99.9" : p;
      row("sequential " + label + " (µs)", "seq.%s." + p, (v, d) -> v);
      row("sequential " + label + " over direct (µs)", "seq.%s." + p, (v, d) -> v - d);
    }
    row("throughput, 16 connections (req/s)", "rps.16.%s", (v, d) -> v);
    row("throughput, 64 connections (req/s)", "rps.64.%s", (v, d) -> v);
    for (String p : List.of("p50", "p99", "p999")) {
      String label = p.equals("p999") ? "p99.9" : p;
      row(label + " at 75 % of A's 16-connection throughput, open loop (µs)", "rate.75.%s." + p, (v, d) -> v);
    }
    // The proxy's own CPU per call at that rate: the figure that does not move with the box's load.
    row("proxy CPU per call at 75 % of A's throughput (µs)", "rate.75.%s.cpu", (v, d) -> v);
    return md.toString();
  }

  /**
   * @param key the figure's key with %s for the system
   * @param figure the reported value from the system's value and the direct path's (same round)
   */
  private void row(String label, String key, BiFunction<Double, Double, Double> figure) {
    List<Double> a = perRound(key, A, figure);
    List<Double> b = perRound(key, B, figure);
    List<String> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(String.format("%.2f", b.get(i) / a.get(i)));
    }
    Optional<Double> medianA = median(a);
    Optional<Double> medianB = median(b);
    md.append("| ").append(label).append(" | ").append(Report.f(medianA)).append(" | ").append(Report.f(medianB))
        .append(" | ").append(medianA.flatMap(x -> medianB.map(y -> String.format("%.2f×", y / x))).orElse("–"))
        .append(" | ").append(String.join(", ", ratios)).append(" |\n");
  }

  private List<Double> perRound(String key, String system, BiFunction<Double, Double, Double> figure) {
    List<Double> values = s.all().getOrDefault(key.formatted(system), List.of());
    List<Double> direct = s.all().getOrDefault(key.formatted("direct"), List.of());
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      out.add(figure.apply(values.get(i), i < direct.size() ? direct.get(i) : Double.NaN));
    }
    return out;
  }

  private static Optional<Double> median(List<Double> values) {
    Samples one = new Samples();
    values.forEach(v -> one.add("x", v));
    return one.median("x");
  }

  /** Size, modification time and the start of the SHA-256, so a report names exactly which build ran. */
  private static String describe(Path jar) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return String.format("(%,d bytes, modified %s, sha256 %s…)", Files.size(jar),
        Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS),
        HexFormat.of().formatHex(sha.digest()).substring(0, 12));
  }
}
