package dev.spillway.operator.stats;

import dev.spillway.stats.StatsView;

/**
 * One replica's answer to a scrape.
 *
 * @param stats null when the replica did not answer (starting, or gone)
 */
public record ReplicaSample(String pod, StatsView stats) {
  public String configVersion() {
    return stats == null ? null : stats.configVersion();
  }
}
