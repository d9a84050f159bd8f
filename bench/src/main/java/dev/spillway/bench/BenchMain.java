package dev.spillway.bench;

import dev.spillway.bench.load.Target;
import dev.spillway.bench.report.DocSection;
import dev.spillway.bench.report.LatencyPlot;
import dev.spillway.bench.report.Report;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.Launchers;
import dev.spillway.bench.systems.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole comparison in one run: starts the mock upstream, nginx, Portkey and Spillway on
 * loopback, sends the same calls through each (and straight to the mock), and writes the tables,
 * the plot and the results section of docs/benchmarks.md. Normally started by bench/run.sh.
 */
@Command(name = "spillway-bench", mixinStandardHelpOptions = true,
    description = "Side-by-side load benchmark: direct, nginx, Spillway, Portkey (loopback only).")
public final class BenchMain implements Callable<Integer> {
  private static final String AUTH = "Bearer sk-bench-0123456789";

  @Option(names = "--quick", description = "A smoke run of a few minutes: one round, short phases.")
  boolean quick;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds of (a), (b), (e), (f); medians are reported.")
  int rounds;

  @Option(names = "--proxy-jar", defaultValue = "proxy/target/spillway-proxy.jar")
  Path proxyJar;

  @Option(names = "--jmh-jar", defaultValue = "jmh/target/benchmarks.jar")
  Path jmhJar;

  @Option(names = "--portkey-dir", required = true, description = "Folder where @portkey-ai/gateway is installed.")
  Path portkeyDir;

  @Option(names = "--work", defaultValue = "bench/target/work", description = "Scratch: configs, logs.")
  Path work;

  @Option(names = "--out", defaultValue = "docs/benchmarks", description = "Where results.md, the PNG and raw data go.")
  Path out;

  @Option(names = "--doc", defaultValue = "docs/benchmarks.md", description = "The doc whose results section is replaced.")
  Path doc;

  private static List<Target> concat(List<Target> targets, Target more) {
    List<Target> all = new java.util.ArrayList<>(targets);
    all.add(more);
    return all;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = quick ? Settings.quick() : Settings.full(rounds);
    // Absolute, because nginx resolves paths against its prefix and Portkey runs in its own folder.
    work = work.toAbsolutePath();
    out = out.toAbsolutePath();
    doc = doc.toAbsolutePath();
    proxyJar = proxyJar.toAbsolutePath();
    jmhJar = jmhJar.toAbsolutePath();
    portkeyDir = portkeyDir.toAbsolutePath();
    Files.createDirectories(work);
    Files.createDirectories(out);
    Samples samples = new Samples();
    Instant started = Instant.now();
    boolean tracing = TracingSwitch.supported(proxyJar);
    Launchers launchers = new Launchers(work);
    try (Service mock = launchers.mock(settings.chunkIntervalMs());
        Service nginx = launchers.nginx(mock.port());
        Service portkey = launchers.portkey(portkeyDir);
        Service spillway = launchers.spillway("spillway", proxyJar, mock.port(), TracingSwitch.off());
        Service traced = tracing
            ? launchers.spillway("spillway-traced", proxyJar, mock.port(), TracingSwitch.on(mock.port()))
            : null) {
      Target direct = new Target("direct", mock.port(), "/v1/chat/completions", Map.of("Authorization", AUTH));
      Target viaNginx = new Target("nginx", nginx.port(), "/v1/chat/completions", Map.of("Authorization", AUTH));
      Target viaSpillway =
          new Target("spillway", spillway.port(), "/v1/chat/completions", Map.of("Authorization", AUTH));
      Target viaPortkey = new Target("portkey", portkey.port(), "/v1/chat/completions", Map.of(
          "Authorization", AUTH,
          "x-portkey-config",
          "{\"provider\":\"openai\",\"api_key\":\"sk-bench-0123456789\",\"custom_host\":\"http://127.0.0.1:"
              + mock.port() + "/v1\"}"));
      List<Target> all = List.of(direct, viaNginx, viaSpillway, viaPortkey);
      LatencyScenarios latency = new LatencyScenarios(samples, settings, work);
      Log.line("warm-up");
      latency.warmUp(traced == null ? all : concat(all, viaSpillway.renamed("tracing-on").onPort(traced.port())));
      for (int round = 1; round <= settings.rounds(); round++) {
        Log.line("round %d of %d", round, settings.rounds());
        latency.sequential(all);
        latency.throughput(all);
        latency.failover(viaSpillway);
        if (traced != null) {
          latency.tracing(viaSpillway.renamed("tracing-off"), viaSpillway.renamed("tracing-on").onPort(traced.port()));
        }
      }
      if (traced == null) {
        samples.note("tracing", "pending: the proxy jar has no OpenTelemetry SDK yet (telemetry not merged)");
      }
      // The fixed-rate runs use 16 connections, so saturation is Spillway's closed-loop rate at 16.
      double saturation = samples.median("rps.16.spillway").orElseThrow();
      samples.add("saturation.spillway", saturation);
      Log.line("fixed rates (Spillway saturation %.0f req/s)", saturation);
      latency.fixedRates(List.of(direct, viaNginx, viaSpillway), saturation);
      Log.line("streaming");
      StreamScenarios streams = new StreamScenarios(samples, settings);
      streams.firstToken(all);
      streams.concurrent(direct, viaSpillway, spillway);
    }
    JmhRun.run(jmhJar, out, quick, samples);
    // Raw figures first: nothing measured is lost if a later step fails.
    Files.writeString(out.resolve("samples.json"),
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(samples.all()));
    Path plot = LatencyPlot.write(samples, out.resolve("latency.png"));
    String markdown = new Report(samples, settings, started, quick).markdown(doc.getParent().relativize(plot));
    Files.writeString(out.resolve("results.md"), markdown);
    DocSection.replace(doc, markdown);
    Log.line("done: %s, %s and the results section of %s", out.resolve("results.md"), plot, doc);
    return 0;
  }
}
