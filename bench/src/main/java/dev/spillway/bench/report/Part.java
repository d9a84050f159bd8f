package dev.spillway.bench.report;

/** The parts of a run, as {@code --only} names them (lower case). */
public enum Part {
  /** (a) */
  SEQUENTIAL,
  /** (b) */
  THROUGHPUT,
  /** (e) */
  FAILOVER,
  /** (f) */
  TRACING,
  /** (c), at fractions of Spillway's 16-connection throughput (measured anew when (b) is not run). */
  RATES,
  /** (d) */
  STREAMS,
  /** (g) */
  JMH,
  /** (h) sequential latency over the prompt's size */
  PROMPTS,
  /** (i) throughput over the number of connections */
  CONCURRENCY
}
