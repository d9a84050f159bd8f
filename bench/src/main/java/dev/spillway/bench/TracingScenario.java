package dev.spillway.bench;

import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.report.TracingReport;
import dev.spillway.bench.systems.Launchers;
import dev.spillway.bench.systems.Service;
import dev.spillway.bench.systems.TraceSpans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * (f) What tracing costs in throughput: Spillways with tracing off, tracing every call, and tracing
 * a ratio of 0.1, {@link #INSTANCES} JVMs of each, all started, warmed and measured alike (wrk, 16
 * connections, the plain call), none of them used by any other part.
 *
 * <p>Why several JVMs a mode: two JVMs of one jar and one configuration settle at different rates
 * (what the JIT compiled while the cores did other work): 13.5k and 15.4k req/s in two by-hand
 * runs of tracing off, a spread as large as the effect measured. Why the order rotates: each round
 * measures the instances in blocks of one JVM of each mode back to back, the mode that goes first
 * changing from block to block, so neither a drifting machine nor the minutes since warm-up favour
 * one mode. Each measurement also reads the CPU the proxy and the mock (the upstream, and the OTLP
 * collector of the traced modes) spent per call from /proc: figures that do not depend on how
 * busy the cores were.
 *
 * <p>Recorded per mode: {@code tracing.<mode>} (req/s, one value per instance and round),
 * {@code .cpu} and {@code .mockCpu} (µs a call), {@code .i<n>} (one instance's req/s), and for the
 * traced modes {@code .paired} (1 − req/s ÷ the off JVM's of the same block) and, once after the
 * rounds, {@code .spansKept} and {@code .spansLost} over the mode's JVMs.
 */
final class TracingScenario implements AutoCloseable {
  /**
   * JVMs per mode: the instance-to-instance spread is reported next to the medians. Three, so one
   * JVM that settled slow does not decide a mode's median (with two, the two JVMs of ratio 0.1 in
   * one quiet run settled 7 % apart, as much as the row's whole margin), and so that in every round
   * each mode goes first in one block.
   */
  static final int INSTANCES = 3;
  static final int CONNECTIONS = 16;
  static final int PRE_ROLL_SECONDS = 1;
  /** How long a traced JVM may take to send what it queued (a request leaves at most 500 ms after its first span). */
  static final Duration EXPORT_WAIT = Duration.ofSeconds(30);
  private static final long EXPORT_POLL_MS = 100;

  /** How a JVM of (f) traces, and the name its figures go under. */
  enum Mode {
    OFF(TracingReport.OFF),
    EVERY_CALL(TracingReport.EVERY_CALL),
    SAMPLED(TracingReport.SAMPLED);

    final String key;

    Mode(String key) {
      this.key = key;
    }

    Map<String, String> environment(int collectorPort) {
      return switch (this) {
        case OFF -> TracingSwitch.off();
        case EVERY_CALL -> TracingSwitch.on(collectorPort, 1.0);
        case SAMPLED -> TracingSwitch.on(collectorPort, TracingSwitch.SAMPLED_RATIO);
      };
    }
  }

  private record Instance(Mode mode, int index, Service process, Target target) {}

  private final List<Instance> instances = new ArrayList<>();
  private final Service mock;

  private TracingScenario(Service mock) {
    this.mock = mock;
  }

  /** Starts every JVM of (f); {@code plain} is the call they are sent (its port replaced). */
  static TracingScenario start(Launchers launchers, Path proxyJar, Service mock, Target plain) throws Exception {
    TracingScenario scenario = new TracingScenario(mock);
    try {
      for (int index = 1; index <= INSTANCES; index++) {
        for (Mode mode : Mode.values()) {
          String name = mode.key + "-" + index;
          Service process = launchers.spillway("spillway-" + name, proxyJar, mock.port(), mode.environment(mock.port()));
          scenario.instances.add(new Instance(mode, index, process, plain.renamed(name).onPort(process.port())));
          process.pause(); // runs only for its own warm-up and measurements
        }
      }
      return scenario;
    } catch (Exception | Error e) {
      scenario.close();
      throw e;
    }
  }

  void warm(Warmup warmup) throws Exception {
    for (Instance instance : instances) {
      running(instance, () -> {
        warmup.untilSteady(instance.target(), instance.process());
        return null;
      });
    }
  }

  /** One round: every JVM once, in blocks of one of each mode, the first mode rotating per block. */
  void round(int round, Samples samples, Settings settings, Path work) throws Exception {
    for (int index = 1; index <= INSTANCES; index++) {
      Map<Mode, Double> block = new EnumMap<>(Mode.class);
      for (Mode mode : order(round + index)) {
        Instance instance = find(mode, index);
        block.put(mode, running(instance, () -> measure(instance, samples, settings, work)));
      }
      for (Mode traced : List.of(Mode.EVERY_CALL, Mode.SAMPLED)) {
        samples.add("tracing." + traced.key + ".paired", 1 - block.get(traced) / block.get(Mode.OFF));
      }
    }
  }

  /** The modes starting at the {@code shift}-th, wrapping round. */
  static List<Mode> order(int shift) {
    Mode[] modes = Mode.values();
    List<Mode> order = new ArrayList<>(modes.length);
    for (int i = 0; i < modes.length; i++) {
      order.add(modes[(shift + i) % modes.length]);
    }
    return order;
  }

  private double measure(Instance instance, Samples samples, Settings settings, Path work) throws Exception {
    // Unrecorded: the JVM sat paused while the others ran (minutes, between warm-up and round 1), and
    // its first second back under load is not its steady state. Every JVM of every mode gets it.
    Wrk.run(instance.target(), CONNECTIONS, PRE_ROLL_SECONDS, work);
    long proxyBefore = instance.process().cpuNanos();
    long mockBefore = mock.cpuNanos();
    Wrk.Result result = Wrk.run(instance.target(), CONNECTIONS, settings.wrkSeconds(), work);
    double proxyCpu = perCall(instance.process().cpuNanos() - proxyBefore, result.calls());
    double mockCpu = perCall(mock.cpuNanos() - mockBefore, result.calls());
    String key = "tracing." + instance.mode().key;
    samples.add(key, result.requestsPerSecond());
    samples.add(key + ".i" + instance.index(), result.requestsPerSecond());
    samples.add(key + ".cpu", proxyCpu);
    samples.add(key + ".mockCpu", mockCpu);
    Log.line("  tracing %-18s %9.0f req/s  errors %d  CPU a call: Spillway %.1f µs, mock %.1f µs",
        instance.target().name(), result.requestsPerSecond(), result.errors(), proxyCpu, mockCpu);
    return result.requestsPerSecond();
  }

  /**
   * After the rounds: the spans each traced mode kept and lost (dropped by a full queue, or failed to
   * export), over its JVMs; a traced run that lost spans would look cheaper than tracing is.
   */
  void spans(Samples samples) throws Exception {
    for (Mode mode : List.of(Mode.EVERY_CALL, Mode.SAMPLED)) {
      long kept = 0;
      long lost = 0;
      for (Instance instance : instances) {
        if (instance.mode() == mode) {
          TraceSpans spans = running(instance, () -> TraceSpans.of(instance.process().adminPort()));
          kept += spans.kept();
          lost += spans.lost();
        }
      }
      samples.add("tracing." + mode.key + ".spansKept", kept);
      samples.add("tracing." + mode.key + ".spansLost", lost);
      Log.line("  tracing %-16s spans kept %d, lost (dropped or export failed) %d", mode.key, kept, lost);
    }
  }

  /**
   * Runs {@code step} with the instance's JVM running and pauses it again after: the JVMs of (f) are
   * stopped whenever they are not the one warmed or measured, so they neither take the cores from
   * the other parts nor from each other ({@link Service#pause}).
   */
  private static <T> T running(Instance instance, Callable<T> step) throws Exception {
    instance.process().resume();
    try {
      T result = step.call();
      if (instance.mode() != Mode.OFF) {
        awaitExports(instance);
      }
      return result;
    } finally {
      instance.process().pause();
    }
  }

  /**
   * Waits (bounded) until the instance's spans are all exported or lost before it is paused: an
   * export stopped mid-request would time out the moment the JVM runs again (its clock went on) and
   * count as lost spans that tracing never lost.
   */
  private static void awaitExports(Instance instance) throws Exception {
    long deadline = System.nanoTime() + EXPORT_WAIT.toNanos();
    TraceSpans spans = TraceSpans.of(instance.process().adminPort());
    while (!spans.settled() && System.nanoTime() < deadline) {
      Thread.sleep(EXPORT_POLL_MS); // polling a counter the exporter moves, bounded by EXPORT_WAIT
      spans = TraceSpans.of(instance.process().adminPort());
    }
    if (!spans.settled()) {
      Log.line("  tracing %s: %d spans still unexported after %d s, paused anyway", instance.target().name(),
          spans.pending(), EXPORT_WAIT.toSeconds());
    }
  }

  private static double perCall(long cpuNanos, long calls) {
    return calls == 0 ? Double.NaN : cpuNanos / 1e3 / calls;
  }

  private Instance find(Mode mode, int index) {
    return instances.stream().filter(i -> i.mode() == mode && i.index() == index).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    for (Instance instance : instances) {
      instance.process().close();
    }
  }
}
