package dev.spillway.bench;

/**
 * How long each measurement runs: the full run or a quick smoke run. Warm-up: closed-loop samples of
 * {@code warmupSampleSeconds} until steady state, at most {@code warmupCapSeconds} per system.
 */
public record Settings(
    int rounds,
    int sequentialCalls,
    int slowSequentialCalls,
    int wrkSeconds,
    int rateSeconds,
    int ttftStreams,
    int[] concurrentStreams,
    int streamTokens,
    int chunkIntervalMs,
    int streamsOpenedPerSecond,
    int warmupSampleSeconds,
    int warmupCapSeconds) {

  public static Settings full(int rounds) {
    return new Settings(rounds, 5_000, 1_000, 5, 10, 300, new int[] {1_000, 5_000, 10_000}, 40, 250, 1_000, 5, 120);
  }

  /** Warm-up capped at 30 s a system: a smoke run's figures may be taken before steady state. */
  public static Settings quick() {
    return new Settings(1, 1_000, 200, 2, 2, 50, new int[] {1_000, 5_000, 10_000}, 12, 250, 1_000, 3, 30);
  }

  /**
   * How long, after the last of the concurrent streams opens, every stream must still be open: the
   * harness waits a second, then reads the heap, forces a full GC and reads it again (three jcmd
   * runs, a second or more each on a loaded box).
   */
  static final int OPEN_AFTER_RAMP_MS = 8_000;

  /**
   * Chunks per stream for {@code streams} concurrent streams: at least {@link #streamTokens}, and
   * enough that the first stream is still open when memory is read after the last one opened.
   */
  public int tokensFor(int streams) {
    long rampMs = streams * 1000L / streamsOpenedPerSecond;
    return (int) Math.max(streamTokens, (rampMs + OPEN_AFTER_RAMP_MS + chunkIntervalMs - 1) / chunkIntervalMs);
  }

  /** The connection counts of the concurrency series (i). */
  public static final int[] GROWTH_CONNECTIONS = {2, 8, 32, 128, 512};

  /**
   * The prompt series (h) makes each pass's calls of a size in this many blocks a system, the systems
   * taking turns, and pairs each block with the direct path's beside it.
   */
  public static final int PROMPT_BLOCKS = 10;

  /** Spillway's connection count for the fixed-rate runs (as many as the throughput run). */
  public static final int RATE_CONNECTIONS = 16;
}
