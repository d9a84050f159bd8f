package dev.spillway.bench;

/** How long each measurement runs: the full run (~10-15 min) or a quick smoke run (~3 min). */
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
    int streamsOpenedPerSecond) {

  public static Settings full(int rounds) {
    return new Settings(rounds, 5_000, 1_000, 5, 5, 300, new int[] {1_000, 5_000}, 40, 250, 1_000);
  }

  public static Settings quick() {
    return new Settings(1, 1_000, 200, 2, 2, 50, new int[] {200, 1_000}, 12, 250, 1_000);
  }

  /** Spillway's connection count for the fixed-rate runs (as many as the throughput run). */
  public static final int RATE_CONNECTIONS = 16;
}
