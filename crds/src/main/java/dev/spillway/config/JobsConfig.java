package dev.spillway.config;

/**
 * Deadlines of a long-running job (video generation) at one target, in milliseconds.
 *
 * @param firstProgressMs from submission to the first sign of work (leaving the queue, or progress)
 * @param totalMs from submission to the target's finished job
 * @param pollIntervalMs between status polls of the provider
 */
public record JobsConfig(long firstProgressMs, long totalMs, long pollIntervalMs) {
  /** Real video models queue for a while and render for minutes; these allow for it. */
  public static final JobsConfig DEFAULTS = new JobsConfig(120_000, 900_000, 5_000);
}
