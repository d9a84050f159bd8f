package dev.spillway.operator.stats;

import dev.spillway.stats.StatsView;
import dev.spillway.stats.TransitionsView;

/**
 * One replica's answer to a scrape.
 *
 * @param stats null when the replica did not answer (starting, or gone)
 * @param transitions its transition log after the operator's cursor; null when it did not answer
 */
public record ReplicaSample(String pod, StatsView stats, TransitionsView transitions) {
  /** A replica read for its stats only. */
  public ReplicaSample(String pod, StatsView stats) {
    this(pod, stats, null);
  }

  public String configVersion() {
    return stats == null ? null : stats.configVersion();
  }
}
