package dev.spillway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.bench.report.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** (g) Runs every benchmark of the jmh module's jar, short, and keeps the scores. */
final class JmhRun {
  private JmhRun() {}

  static void run(Path jmhJar, Path out, boolean quick, Samples samples) throws Exception {
    if (!Files.exists(jmhJar)) {
      samples.note("jmh", "jmh jar not found at " + jmhJar);
      return;
    }
    Path json = out.resolve("jmh.json");
    List<String> command = List.of(
        // ignoreLock: on a shared box another engineer's JMH run holds /tmp/jmh.lock; the figures are
        // noisy either way and read as such.
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djmh.ignoreLock=true", "-jar",
        jmhJar.toString(),
        "-f", "1", "-wi", quick ? "1" : "3", "-w", "1s", "-i", quick ? "2" : "5", "-r", "1s",
        "-rf", "json", "-rff", json.toString());
    Log.line("JMH: %s", String.join(" ", command));
    Process jmh = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.resolve("jmh.log").toFile()).start();
    if (jmh.waitFor() != 0 || !Files.exists(json)) {
      samples.note("jmh", "the JMH run failed, see jmh.log");
      return;
    }
    for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
      JsonNode metric = result.get("primaryMetric");
      String name = result.get("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
      JsonNode params = result.get("params");
      if (params != null) {
        name += params.toString().replaceAll("[{}\"]", "").replace(':', '=');
      }
      samples.add("jmh." + name + "|" + result.get("mode").asText() + "|" + metric.get("scoreUnit").asText(),
          metric.get("score").asDouble());
      samples.add("jmh." + name + "|" + result.get("mode").asText() + "|" + metric.get("scoreUnit").asText()
          + "|error", metric.get("scoreError").asDouble());
      JsonNode p99 = metric.path("scorePercentiles").get("99.0");
      if (p99 != null && "sample".equals(result.get("mode").asText())) {
        samples.add("jmh." + name + "|p99", toMicros(p99.asDouble(), metric.get("scoreUnit").asText()));
      }
      Log.line("  %s %.3f %s", name, metric.get("score").asDouble(), metric.get("scoreUnit").asText());
    }
  }

  /** A time per operation in µs, whatever unit JMH reported it in. */
  private static double toMicros(double value, String unit) {
    return unit.startsWith("ns") ? value / 1_000 : unit.startsWith("ms") ? value * 1_000
        : unit.startsWith("s/") ? value * 1_000_000 : value;
  }
}
