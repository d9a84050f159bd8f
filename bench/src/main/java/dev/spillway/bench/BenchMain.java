package dev.spillway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.DocSection;
import dev.spillway.bench.report.LatencyPlot;
import dev.spillway.bench.report.GrowthPlots;
import dev.spillway.bench.report.Part;
import dev.spillway.bench.report.Report;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.Launchers;
import dev.spillway.bench.systems.SpillwayRuntime;
import dev.spillway.bench.systems.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole comparison in one run: starts the mock upstream, nginx, Portkey and Spillway on
 * loopback, warms each to steady state, sends the same calls through each (and straight to the
 * mock), and writes the tables, the plot and the results section of docs/benchmarks.md. With
 * {@code --only} a subset runs and only results.md is written; with {@code --compare} two proxy
 * jars are measured side by side instead. Normally started by bench/run.sh.
 */
@Command(name = "spillway-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Side-by-side load benchmark on loopback: direct (the mock), nginx, Spillway, Portkey.",
        "Every system is warmed with closed-loop load until steady state first (JVMs: JIT compile queue empty).",
        "A full run writes <out>/{results.md,latency.png,samples.json,jmh.json} and the results section of <doc>."})
public final class BenchMain implements Callable<Integer> {
  static final String AUTH = "Bearer sk-bench-0123456789";

  @Option(names = "--quick", description = "A smoke run: one round, short phases, warm-up capped at 30 s a system.")
  boolean quick;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Rounds of (a), (b), (e), (f), passes of (c) (and rounds of --compare); medians are reported. Default ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--only", split = ",", paramLabel = "PART",
      description = {"Run only these parts, comma-separated: ${COMPLETION-CANDIDATES} (default: all).",
          "Writes <out>/results.md (only the parts run) and nothing else under <out>; raw figures go to <work>.",
          "<doc> is NOT rewritten, so its published results stay those of the last full run."})
  Set<Part> only;

  @Option(names = {"--jar", "--proxy-jar"}, defaultValue = "proxy/target/spillway-proxy.jar", paramLabel = "JAR",
      description = "The Spillway proxy jar to benchmark. Default: ${DEFAULT-VALUE} (the one bench/run.sh just built).")
  Path proxyJar;

  @Option(names = "--compare", arity = "2", paramLabel = "JAR",
      description = {"--compare A.jar B.jar: before/after of two proxy jars, side by side in one run (same mock, both",
          "warmed to steady state, alternating A/B every round): sequential latency, throughput at 16 and 64",
          "connections and latency and CPU per call at 75 %% of A's 16-connection throughput (open loop), reported as B/A ratios",
          "in <out>/compare.md. Nothing else runs; <doc> is not touched."})
  List<Path> compare;

  @Option(names = "--spillway-java", defaultValue = "${env:SPILLWAY_JAVA}", paramLabel = "JAVA",
      description = {"The Java Spillway runs on: a JDK's home or its bin/java. Default: $SPILLWAY_JAVA, else the Java",
          "running the harness (everything else runs on that one). Another version than the image's is an experiment:",
          "--only and --compare runs only."})
  String spillwayJava;

  @Option(names = "--spillway-jvm-flags", split = ",", paramLabel = "FLAG",
      description = {"Spillway's collector flags instead of the image's, comma-separated (e.g. -XX:+UseZGC): an",
          "experiment, --only and --compare runs only."})
  List<String> spillwayJvmFlags;

  @Option(names = "--jmh-jar", defaultValue = "jmh/target/benchmarks.jar")
  Path jmhJar;

  @Option(names = "--portkey-dir", required = true, description = "Folder where @portkey-ai/gateway is installed.")
  Path portkeyDir;

  @Option(names = "--work", defaultValue = "bench/target/work", description = "Scratch: configs, logs.")
  Path work;

  @Option(names = "--out", defaultValue = "docs/benchmarks", description = "Where results.md, the PNG and raw data go.")
  Path out;

  @Option(names = "--doc", defaultValue = "docs/benchmarks.md", description = "The doc whose results section a full run replaces.")
  Path doc;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = quick ? Settings.quick() : Settings.full(rounds);
    // Absolute, because nginx resolves paths against its prefix and Portkey runs in its own folder.
    work = work.toAbsolutePath();
    out = out.toAbsolutePath();
    doc = doc.toAbsolutePath();
    Files.createDirectories(work);
    Files.createDirectories(out);
    SpillwayRuntime runtime;
    try {
      runtime = SpillwayRuntime.of(spillwayJava, spillwayJvmFlags);
    } catch (IllegalArgumentException noJava) {
      System.err.println(noJava.getMessage());
      return 2;
    }
    if (!runtime.shipped() && compare == null && only == null) {
      // The full run rewrites docs/benchmarks.md: its figures must be the product's.
      System.err.printf("a full run publishes docs/benchmarks.md, so Spillway must run as the image runs it (%s); "
          + "this run asks for %s: pass --only or --compare for an experiment%n", SpillwayRuntime.image(), runtime.describe());
      return 2;
    }
    if (compare != null) {
      return new Comparison(settings, work, out, runtime).run(compare.get(0).toAbsolutePath(), compare.get(1).toAbsolutePath());
    }
    proxyJar = proxyJar.toAbsolutePath();
    Set<Part> parts = only == null ? EnumSet.allOf(Part.class) : EnumSet.copyOf(only);
    Samples samples = new Samples();
    Instant started = Instant.now();
    if (!parts.equals(EnumSet.of(Part.JMH))) {
      measure(settings, parts, samples, runtime);
    }
    // A partial run leaves the published raw files (the full run's) alone: its own go to the work folder.
    Path raw = only == null ? out : work;
    if (parts.contains(Part.JMH)) {
      JmhRun.run(jmhJar.toAbsolutePath(), raw, quick, samples);
    }
    // Raw figures first: nothing measured is lost if a later step fails.
    Files.writeString(raw.resolve("samples.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(samples.all()));
    Path plot = only == null ? LatencyPlot.write(samples, out.resolve("latency.png")) : null;
    if (parts.contains(Part.PROMPTS)) {
      GrowthPlots.prompts(samples, raw.resolve("prompts.png"));
    }
    if (parts.contains(Part.CONCURRENCY)) {
      GrowthPlots.concurrency(samples, raw.resolve("concurrency.png"));
    }
    String markdown = new Report(samples, settings, started, quick, parts, runtime.describe())
        .markdown(plot == null ? null : doc.getParent().relativize(plot));
    Files.writeString(out.resolve("results.md"), markdown);
    if (only == null) {
      DocSection.replace(doc, markdown);
      Log.line("done: %s, %s and the results section of %s", out.resolve("results.md"), plot, doc);
    } else {
      Log.line("done: %s (--only: %s left as it is; raw figures in %s)", out.resolve("results.md"), doc, work);
    }
    return 0;
  }

  /** Everything but JMH: starts what the parts need, warms it, measures. */
  private void measure(Settings settings, Set<Part> parts, Samples samples, SpillwayRuntime runtime) throws Exception {
    // nginx takes part in (a), (b), (c), (d), (h) and (i), Portkey in (a), (b) and (d) (left out of
    // (c)'s open loop and of the growth series, below); (e) and (f) are Spillway's alone.
    boolean withPortkey = parts.contains(Part.SEQUENTIAL) || parts.contains(Part.THROUGHPUT)
        || parts.contains(Part.STREAMS);
    boolean peers = withPortkey || parts.contains(Part.RATES)
        || parts.contains(Part.PROMPTS) || parts.contains(Part.CONCURRENCY);
    boolean tracing = parts.contains(Part.TRACING) && TracingSwitch.supported(proxyJar);
    Launchers launchers = new Launchers(work, runtime);
    try (Service mock = launchers.mock(settings.chunkIntervalMs());
        Service nginx = peers ? launchers.nginx(mock.port()) : null;
        Service portkey = withPortkey ? launchers.portkey(portkeyDir.toAbsolutePath()) : null;
        Service spillway = launchers.spillway("spillway", proxyJar, mock.port(), TracingSwitch.off());
        TracingScenario traced = tracing
            ? TracingScenario.start(launchers, proxyJar, mock, target("spillway", spillway))
            : null) {
      Target direct = target("direct", mock);
      Target viaSpillway = target("spillway", spillway);
      List<Target> all = new ArrayList<>();
      all.add(direct);
      if (peers) {
        all.add(target("nginx", nginx));
      }
      all.add(viaSpillway);
      if (withPortkey) {
        all.add(new Target("portkey", portkey.port(), "/v1/chat/completions", Map.of(
            "Authorization", AUTH,
            "x-portkey-config",
            "{\"provider\":\"openai\",\"api_key\":\"sk-bench-0123456789\",\"custom_host\":\"http://127.0.0.1:"
                + mock.port() + "/v1\"}")));
      }
      Warmup warmup = new Warmup(samples, settings, work);
      Map<String, Service> jvms = Map.of("direct", mock, "spillway", spillway);
      Map<String, Service> processes = new java.util.HashMap<>(jvms);
      if (peers) {
        processes.put("nginx", nginx);
      }
      Log.line("warm-up until steady state (cap %d s a system)", settings.warmupCapSeconds());
      // (f) warms its own Spillways; the shared one is warmed for the parts that use it.
      for (Target target : peers ? all : parts.contains(Part.FAILOVER) ? List.of(viaSpillway) : List.<Target>of()) {
        warmup.untilSteady(target, jvms.get(target.name()));
      }
      if (traced != null) {
        traced.warm(warmup);
      }
      LatencyScenarios latency = new LatencyScenarios(samples, settings, work);
      boolean rounds = parts.contains(Part.SEQUENTIAL) || parts.contains(Part.THROUGHPUT)
          || parts.contains(Part.FAILOVER) || traced != null;
      for (int round = 1; rounds && round <= settings.rounds(); round++) {
        Log.line("round %d of %d", round, settings.rounds());
        if (parts.contains(Part.SEQUENTIAL)) {
          latency.sequential(all);
        }
        if (parts.contains(Part.THROUGHPUT)) {
          latency.throughput(all);
        }
        if (parts.contains(Part.FAILOVER)) {
          latency.failover(viaSpillway, warmup, spillway, round == 1);
        }
        if (traced != null) {
          traced.round(round, samples, settings, work);
        }
      }
      if (traced != null) {
        traced.spans(samples);
      }
      if (parts.contains(Part.TRACING) && traced == null) {
        samples.note("tracing", "pending: the proxy jar has no OpenTelemetry SDK yet (telemetry not merged)");
      }
      if (parts.contains(Part.RATES)) {
        // The fixed-rate runs use 16 connections, so saturation is Spillway's closed-loop rate at 16.
        if (samples.median("rps.16.spillway").isEmpty()) {
          samples.add("rps.16.spillway", Wrk.run(viaSpillway, 16, settings.wrkSeconds(), work).requestsPerSecond());
        }
        double saturation = samples.median("rps.16.spillway").orElseThrow();
        samples.add("saturation.spillway", saturation);
        // One pass per round, each rate's figures the median of the passes: one 10-s run is a single
        // sample, and a one-off hiccup (a GC, another process's burst) would be the whole figure.
        for (int pass = 1; pass <= settings.rounds(); pass++) {
          Log.line("fixed rates, pass %d of %d (Spillway saturation %.0f req/s)", pass, settings.rounds(), saturation);
          latency.fixedRates(all.stream().filter(t -> !t.name().equals("portkey")).toList(), saturation, processes);
        }
      }
      // Portkey is left out of the growth series: at ~1k req/s, 1 MB prompts and 512 connections
      // would take it longer than the rest of the run.
      List<Target> growing = all.stream().filter(t -> !t.name().equals("portkey")).toList();
      GrowthScenarios growth = new GrowthScenarios(samples, settings, work);
      if (parts.contains(Part.PROMPTS)) {
        Log.line("prompt sizes (sequential, one connection)");
        growth.prompts(growing);
      }
      if (parts.contains(Part.CONCURRENCY)) {
        Log.line("concurrency (wrk, closed loop)");
        growth.concurrency(growing);
      }
      if (parts.contains(Part.STREAMS)) {
        Log.line("streaming: warm-up of the streaming path (one-token streams, closed loop)");
        warmup.untilSteady(direct.streaming(1).renamed("direct-stream"), mock);
        warmup.untilSteady(viaSpillway.streaming(1).renamed("spillway-stream"), spillway);
        StreamScenarios streams = new StreamScenarios(samples, settings);
        streams.firstToken(all);
        streams.concurrent(direct, viaSpillway, spillway);
      }
    }
  }

  static Target target(String name, Service service) {
    return new Target(name, service.port(), "/v1/chat/completions", Map.of("Authorization", AUTH));
  }
}
