package dev.spillway.bench.report;

import static dev.spillway.bench.report.Report.f;

import dev.spillway.bench.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The concurrent-streams table of (d): first tokens direct and through Spillway side by side, and
 * Spillway's memory with every stream open, per open stream.
 */
final class StreamReport {
  private final Samples s;
  private final Settings settings;
  private final StringBuilder md;

  StreamReport(Samples samples, Settings settings, StringBuilder md) {
    this.s = samples;
    this.settings = settings;
    this.md = md;
  }

  /**
   * Live heap per open stream (KB): Spillway's live heap after a full GC with the streams open,
   * less the same with none open just before, over the streams open.
   */
  static Optional<Double> perStreamKb(Samples s, int count) {
    return s.median("streams." + count + ".spillway.perStreamKb");
  }

  /**
   * The live heap {@code count} streams would take: the idle live heap plus the measured per-stream
   * figure times {@code count} (from the largest row measured, when {@code count} did not fit the
   * open-file limit and fewer were opened).
   */
  static Optional<Double> projectedLiveMb(Samples s, int count) {
    String k = "streams." + count + ".spillway.";
    return s.median(k + "idleHeapMb").flatMap(idle -> perStreamKb(s, count).map(kb -> idle + kb * count / 1024));
  }

  /** How many streams were opened for the {@code count} row (fewer when the open-file limit is lower). */
  static Optional<Double> opened(Samples s, int count) {
    return s.median("streams." + count + ".opened");
  }

  void concurrent() {
    md.append("\nConcurrent slow streams (one chunk per ").append(settings.chunkIntervalMs())
        .append(" ms, each stream long enough to outlast the ramp and the memory reading: \"chunks\"; opened at ")
        .append(settings.streamsOpenedPerSecond())
        .append("/s from one NIO thread, all open when memory is read; Spillway runs with -Xmx512m. ")
        .append("\"idle live heap\": Spillway's live heap after a full GC just before the streams open; ")
        .append("\"per open stream\": (live heap with the streams open − idle live heap) ÷ streams open. ")
        .append("\"opened late\": how far behind its schedule the generator opened streams, its own lag; ")
        .append("\"generator CPU\": its thread's CPU time over the run's wall time; ")
        .append("\"GC pauses\": Spillway's stop-the-world pauses and allocation stalls (a thread waiting for the collector) while the row ran (its GC log; the full GC for the ")
        .append("memory reading left out), count / longest / total; \"late first tokens\": those over direct's p99 + 5 ms, ")
        .append("all / those whose wait overlapped one of these pauses; \"CPU a chunk\": Spillway's CPU time over the ")
        .append("row (all threads, `/proc`; the memory reading's full GC left out) ÷ chunks relayed, the streams' ")
        .append("opening included: what the load of the box does not move; \"compiling\": of that CPU, its JIT ")
        .append("compiler threads' (ms): a row that still compiles measures compilation too; ")
        .append("\"listen overflows\": handshakes the kernel ")
        .append("dropped on a full accept queue during the row, machine-wide (`TcpExtListenOverflows`): each is a first ")
        .append("token a second or more late):\n\n")
        .append("| streams | chunks | system | first token p50 (µs) | p99 (µs) | p99 over direct | errors ")
        .append("| heap used (MB) | live heap after GC (MB) | idle live heap (MB) | per open stream (KB) | RSS (MB) ")
        .append("| opened late p99 / max (µs) | generator CPU | GC pauses (ms) | late first tokens / in a GC pause "
            + "| CPU a chunk (µs) / compiling (ms) | listen overflows |\n")
        .append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int count : settings.concurrentStreams()) {
      String streams = opened(s, count).filter(n -> n < count)
          .map(n -> String.format("%,.0f (of %,d asked)", n, count)).orElse(String.format("%,d", count));
      for (String system : List.of("direct", "spillway")) {
        String k = "streams." + count + "." + system;
        md.append("| ").append(streams).append(" | ").append(s.median("streams." + count + ".tokens").map(t -> String.format("%.0f", t)).orElse("–")).append(" | ")
            .append(system).append(" | ").append(f(s.median(k + ".p50"))).append(" | ").append(f(s.median(k + ".p99")))
            .append(" | ").append(Report.over(s, k + ".p99", "streams." + count + ".direct.p99")).append(" | ")
            .append(f(s.median(k + ".errors"))).append(" | ").append(f(s.median(k + ".heapMb"))).append(" | ")
            .append(f(s.median(k + ".liveHeapMb"))).append(" | ").append(f(s.median(k + ".idleHeapMb"))).append(" | ")
            .append(f(s.median(k + ".perStreamKb"))).append(" | ").append(f(s.median(k + ".rssMb"))).append(" | ")
            .append(f(s.median(k + ".lateP99"))).append(" / ").append(f(s.median(k + ".lateMax"))).append(" | ")
            .append(s.median(k + ".generatorCpu").map(c -> String.format("%.0f %%", c * 100)).orElse("–")).append(" | ")
            .append(gcPauses(k)).append(" | ").append(count(k + ".late")).append(" / ")
            .append(count(k + ".lateInGc")).append(" | ").append(cpu(k)).append(" | ")
            .append(count(k + ".listenOverflows")).append(" |\n");
      }
    }
    s.notesUnder("streams-note.").values().forEach(note -> md.append("\n").append(note).append('\n'));
  }

  /** "count / longest / total" of the row's GC pauses, or – when the system has no GC log (direct). */
  private String gcPauses(String k) {
    return s.median(k + ".gcPauses").map(n -> String.format("%s / %s / %s", count(k + ".gcPauses"),
        f(s.median(k + ".gcMaxMs")), f(s.median(k + ".gcTotalMs")))).orElse("–");
  }

  /** "CPU a chunk / compiling", or – for a system whose CPU is not read (direct). */
  private String cpu(String k) {
    return s.median(k + ".cpuPerChunkUs").map(us -> String.format("%.1f / %s", us, count(k + ".compilingMs")))
        .orElse("–");
  }

  private String count(String key) {
    return s.median(key).map(n -> String.format("%,.0f", n)).orElse("–");
  }
}
