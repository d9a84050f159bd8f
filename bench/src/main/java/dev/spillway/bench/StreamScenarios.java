package dev.spillway.bench;

import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.Streams;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.GcPauses;
import dev.spillway.bench.systems.ListenOverflows;
import dev.spillway.bench.systems.Service;
import dev.spillway.bench.systems.SpillwayConfig;
import dev.spillway.bench.systems.SpillwayStats;
import java.util.List;

/** (d) Streaming: time to first token alone and under thousands of open streams, and the proxy's memory. */
final class StreamScenarios {
  private final Samples samples;
  private final Settings settings;

  StreamScenarios(Samples samples, Settings settings) {
    this.samples = samples;
    this.settings = settings;
  }

  /** One-token streams one after the other through every system. */
  void firstToken(List<Target> targets) {
    for (Target target : targets) {
      Streams.sequential(target, 20);
      Streams.Result result = Streams.sequential(target, settings.ttftStreams());
      String key = "ttft." + target.name();
      recordFirstToken(samples, key, result);
      noteErrors(key, result);
      Log.line("  first token %-10s p50 %7.1f µs  p99 %7.1f µs  errors %d %s", target.name(),
          Histograms.micros(result.firstToken(), 50), Histograms.micros(result.firstToken(), 99), result.errors(),
          result.errorKinds());
    }
  }

  /**
   * A system's first-token percentiles and errors; no percentiles when no stream answered (the
   * report then shows "–", where an empty histogram's 0 µs would read as the fastest system).
   */
  static void recordFirstToken(Samples samples, String key, Streams.Result result) {
    if (result.firstToken().getTotalCount() > 0) {
      samples.add(key + ".p50", Histograms.micros(result.firstToken(), 50));
      samples.add(key + ".p99", Histograms.micros(result.firstToken(), 99));
    }
    samples.add(key + ".errors", result.errors());
  }

  /**
   * Many slow streams open at once, direct and through Spillway; Spillway's heap and RSS are read
   * while all are open (heap as found, then live after a full GC), and its live heap with none open
   * just before, so the difference per stream is what an open stream costs.
   */
  void concurrent(Target direct, Target spillway, Service spillwayProcess) throws Exception {
    // Unrecorded: many connections opened and held at once, a path the closed-loop warm-up does not take.
    Streams.concurrent(direct, 200, 2, settings.streamsOpenedPerSecond(), () -> { });
    warmConcurrent(spillway, spillwayProcess);
    long openFiles = spillwayProcess.openFileLimit();
    for (int count : settings.concurrentStreams()) {
      int opened = fitting(count, openFiles);
      if (opened < count) {
        samples.note("streams-note." + count, String.format("%,d streams asked, %,d opened: Spillway's open-file limit is "
            + "%,d and each stream holds two sockets (the client's and the upstream's)", count, opened, openFiles));
        Log.line("  %d streams do not fit Spillway's open-file limit %d: measuring %d", count, openFiles, opened);
      }
      samples.add("streams." + count + ".opened", opened);
      int tokens = settings.tokensFor(opened);
      samples.add("streams." + count + ".tokens", tokens);
      for (Target target : List.of(direct, spillway)) {
        if (target == spillway) {
          closedBreaker(spillway, spillwayProcess, count);
        }
        measure(count, opened, tokens, target, target == spillway ? spillwayProcess : null);
      }
    }
  }

  /** Streams of a round of the concurrent warm-up, and their chunks: a second's ramp and two seconds open. */
  static final int WARM_STREAMS = 1_000;
  static final int WARM_TOKENS = 8;
  /** The concurrent warm-up ends once the proxy's JIT compilers took less than this share of a round's CPU. */
  static final double WARM_COMPILING_SHARE = 0.05;
  static final int WARM_MAX_ROUNDS = 8;

  /**
   * Unrecorded rounds of {@link #WARM_STREAMS} concurrent streams until the proxy's JIT compilers
   * take under {@link #WARM_COMPILING_SHARE} of a round's CPU (at most {@link #WARM_MAX_ROUNDS}).
   * The closed-loop warm-up of one-token streams on kept-alive connections leaves the paths of a
   * row cold — a connection accepted and an upstream one opened per stream, chunks after the
   * first, thousands of timers — and a quick run's first rows measured the compiler as much as the
   * relay (its 1,000-stream row: 1.35 s of the proxy's 3.0 s of CPU in its compiler threads).
   */
  private void warmConcurrent(Target spillway, Service process) throws Exception {
    int round = 0;
    double share = Double.NaN;
    while (warmer(round, share)) {
      round++;
      long cpu = process.cpuNanos();
      long compiling = process.compilerCpuNanos();
      Streams.concurrent(spillway, WARM_STREAMS, WARM_TOKENS, settings.streamsOpenedPerSecond(), () -> { });
      share = (process.compilerCpuNanos() - compiling) / (double) Math.max(1, process.cpuNanos() - cpu);
      Log.line("  concurrent warm-up round %d: %d streams, JIT compilers %.0f %% of Spillway's CPU", round,
          WARM_STREAMS, share * 100);
    }
    samples.add("streams.warmup.rounds", round);
    samples.add("streams.warmup.compilingShare", share);
  }

  /** Whether another warm-up round is due after {@code rounds} rounds, the last with this compiling share. */
  static boolean warmer(int rounds, double lastShare) {
    return rounds == 0 || lastShare >= WARM_COMPILING_SHARE && rounds < WARM_MAX_ROUNDS;
  }

  /** How long a row waits for the serving target's breaker to close again after the previous row opened it. */
  static final long BREAKER_WAIT_MS = 90_000;

  /**
   * Each row starts with the serving target's breaker closed: errors of one row (connect timeouts
   * on a starved box open it) must not turn the next row into instant 503s. An open breaker closes
   * only through calls after its open time, so one-token streams are sent until the stats say
   * CLOSED, at most {@link #BREAKER_WAIT_MS}; a breaker still not closed is noted on the row.
   */
  private void closedBreaker(Target spillway, Service process, int count) throws Exception {
    long deadline = System.currentTimeMillis() + BREAKER_WAIT_MS;
    String circuit = SpillwayStats.of(process.adminPort(), SpillwayConfig.SERVING).circuit();
    while (!circuit.equals("CLOSED") && !circuit.equals("unknown") && System.currentTimeMillis() < deadline) {
      Log.line("  breaker of %s is %s before the %d-stream row: one-token streams until it closes",
          SpillwayConfig.SERVING, circuit, count);
      Streams.sequential(spillway.streaming(1), 5);
      Thread.sleep(1_000); // the breaker's open time runs on the proxy's clock: a poll, not a synchronisation
      circuit = SpillwayStats.of(process.adminPort(), SpillwayConfig.SERVING).circuit();
    }
    if (!circuit.equals("CLOSED") && !circuit.equals("unknown")) {
      samples.note("streams-note." + count + ".breaker", String.format("the breaker of %s was still %s when the "
          + "%,d-stream row started (opened by the previous row's errors)", SpillwayConfig.SERVING, circuit, count));
    }
  }

  /** Sockets and files Spillway holds besides the streams' (jars, logs, epoll, listeners, idle upstreams): a margin. */
  static final int OTHER_FILES = 300;

  /**
   * The streams that fit an open-file limit: each holds two sockets in the proxy (the client's and
   * the upstream's), plus {@link #OTHER_FILES}; rounded down to a hundred when fewer than asked.
   */
  static int fitting(int asked, long openFileLimit) {
    long fit = (openFileLimit - OTHER_FILES) / 2;
    return fit >= asked ? asked : (int) Math.max(0, fit / 100 * 100);
  }

  private void measure(int count, int opened, int tokens, Target target, Service jvm) throws Exception {
    String key = "streams." + count + "." + target.name();
    double idle = Double.NaN;
    if (jvm != null) {
      jvm.fullGc();
      idle = jvm.heapUsedMb();
      samples.add(key + ".idleHeapMb", idle);
    }
    double[] live = {Double.NaN};
    long[] sampling = {0, 0}; // the proxy's CPU, and its compilers', spent on the memory reading (a full GC)
    long rowStartMs = System.currentTimeMillis();
    long overflowsBefore = ListenOverflows.now();
    long cpuBefore = jvm == null ? 0 : jvm.cpuNanos();
    long compilingBefore = jvm == null ? 0 : jvm.compilerCpuNanos();
    Streams.Result result = Streams.concurrent(target, opened, tokens, settings.streamsOpenedPerSecond(), () -> {
      if (jvm != null) {
        long cpu = jvm.cpuNanos();
        long compiling = jvm.compilerCpuNanos();
        samples.add(key + ".heapMb", jvm.heapUsedMb());
        samples.add(key + ".rssMb", jvm.rssMb());
        jvm.fullGc();
        live[0] = jvm.heapUsedMb();
        samples.add(key + ".liveHeapMb", live[0]);
        sampling[0] = jvm.cpuNanos() - cpu;
        sampling[1] = jvm.compilerCpuNanos() - compiling;
      }
    });
    if (jvm != null) {
      cpuPerChunk(key, result, tokens, jvm.cpuNanos() - cpuBefore - sampling[0],
          jvm.compilerCpuNanos() - compilingBefore - sampling[1]);
    }
    long overflowsAfter = ListenOverflows.now();
    if (overflowsBefore >= 0 && overflowsAfter >= 0) {
      samples.add(key + ".listenOverflows", overflowsAfter - overflowsBefore);
    }
    if (jvm != null) {
      gcDuringRow(key, count, result, GcPauses.read(jvm.gcLog()), rowStartMs, System.currentTimeMillis());
      samples.add(key + ".perStreamKb", (live[0] - idle) * 1024 / opened);
      samples.add(key + ".openWhenSampled", result.openWhenSampled());
      if (result.openWhenSampled() < opened) {
        samples.note("streams-note." + count + "." + target.name(), (opened - result.openWhenSampled())
            + " streams had ended before memory was read: the per-stream figure is understated");
      }
    }
    samples.add(key + ".p50", Histograms.micros(result.firstToken(), 50));
    samples.add(key + ".p99", Histograms.micros(result.firstToken(), 99));
    samples.add(key + ".errors", result.errors());
    samples.add(key + ".lateP99", Histograms.micros(result.openLateness(), 99));
    samples.add(key + ".lateMax", result.openLateness().getMaxValue() / 1000.0);
    samples.add(key + ".generatorCpu", result.generatorCpu());
    noteErrors(key, result);
    Log.line("  %5d streams %-10s first token p50 %8.1f µs  p99 %9.1f µs  errors %d %s  opened late p99 %.0f µs,"
            + " generator CPU %.0f %% %s",
        opened, target.name(), Histograms.micros(result.firstToken(), 50), Histograms.micros(result.firstToken(), 99),
        result.errors(), result.errorKinds(), Histograms.micros(result.openLateness(), 99), result.generatorCpu() * 100,
        jvm == null ? "" : String.format("heap %.0f MB, live %.0f MB (idle %.0f MB: %.1f KB per open stream), RSS %.0f MB",
            samples.median(key + ".heapMb").orElse(Double.NaN), live[0], idle,
            samples.median(key + ".perStreamKb").orElse(Double.NaN), samples.median(key + ".rssMb").orElse(Double.NaN)));
  }

  /**
   * The proxy's CPU over the row (all its threads, the memory reading's full GC left out) per chunk
   * relayed, the streams' opening included — a figure the box's load does not move, to compare
   * jars by — and how much of that CPU its JIT compilers took: a row that still compiles measures
   * compilation as well as the relay.
   */
  private void cpuPerChunk(String key, Streams.Result result, int tokens, long cpuNanos, long compilingNanos) {
    double chunks = (double) Math.max(1, result.ok()) * tokens;
    samples.add(key + ".cpuPerChunkUs", cpuNanos / 1e3 / chunks);
    samples.add(key + ".compilingMs", compilingNanos / 1e6);
    Log.line("  %-10s CPU %.1f s over the row: %.1f µs a chunk (streams x chunks, opening included), of it JIT"
        + " compilers %.0f ms", "", cpuNanos / 1e9, cpuNanos / 1e3 / chunks, compilingNanos / 1e6);
  }

  /**
   * Spillway's GC pauses while the row ran (the harness's own full GCs for the memory readings left
   * out: they are not the proxy's), and which of the first tokens that missed the target — later
   * than direct's p99 plus {@link #TARGET_OVER_DIRECT_MS} — waited while a pause ran, the
   * harness's full GC included (a wait it stretched was still stopped by a collection): the share
   * says whether the tail is the collector's.
   */
  private void gcDuringRow(String key, int count, Streams.Result result, List<GcPauses.Pause> log, long fromMs,
      long toMs) {
    List<GcPauses.Pause> during = GcPauses.between(log, fromMs, toMs);
    List<GcPauses.Pause> pauses = during.stream().filter(p -> !p.requested()).toList();
    samples.add(key + ".gcPauses", pauses.size());
    samples.add(key + ".gcMaxMs", pauses.stream().mapToDouble(GcPauses.Pause::millis).max().orElse(0));
    samples.add(key + ".gcTotalMs", pauses.stream().mapToDouble(GcPauses.Pause::millis).sum());
    double directP99Us = samples.median("streams." + count + ".direct.p99").orElse(0.0);
    long thresholdNs = (long) (directP99Us * 1_000 + TARGET_OVER_DIRECT_MS * 1_000_000);
    long[] late = lateInPauses(result.waits(), during, thresholdNs);
    samples.add(key + ".late", late[0]);
    samples.add(key + ".lateInGc", late[1]);
    Log.line("  %5d streams %-10s GC pauses %d, longest %.1f ms, total %.1f ms; first tokens over direct's p99 + %.0f ms:"
        + " %d, %d of them during a pause", count, "", pauses.size(), samples.median(key + ".gcMaxMs").orElse(0.0),
        samples.median(key + ".gcTotalMs").orElse(0.0), TARGET_OVER_DIRECT_MS, late[0], late[1]);
  }

  /** The target: first-token p99 at most this much over direct's. */
  static final double TARGET_OVER_DIRECT_MS = 5;

  /** {first tokens later than {@code thresholdNs}, those of them whose wait overlapped a pause}. */
  static long[] lateInPauses(List<Streams.Wait> waits, List<GcPauses.Pause> pauses, long thresholdNs) {
    long late = 0;
    long inPause = 0;
    for (Streams.Wait wait : waits) {
      if (wait.firstTokenNs() > thresholdNs) {
        late++;
        if (pauses.stream().anyMatch(p -> p.overlaps(wait.openedMs(), wait.endMs()))) {
          inPause++;
        }
      }
    }
    return new long[] {late, inPause};
  }

  private void noteErrors(String key, Streams.Result result) {
    if (!result.errorKinds().isEmpty()) {
      samples.note(key, result.errorKinds().toString());
    }
  }
}
