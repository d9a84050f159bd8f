/**
 * Live per-target statistics: latency and time-to-first-token percentiles from HdrHistogram
 * interval histograms in a ring, and windowed call, failure and 429 counters. Recording is
 * lock-free and allocation-free; percentiles are computed once per interval, off the request path.
 */
package dev.spillway.proxy.resilience.health;
