package dev.spillway.bench.systems;

/** Sums of series in a Prometheus text exposition (Spillway's {@code /metrics} on its admin port). */
final class PrometheusSum {
  private PrometheusSum() {}

  /**
   * The sum of every sample whose line starts with {@code series}: a metric name, or a name and the
   * start of its labels ({@code spillway_hedges_total{decision="launched"}) to add over the rest.
   */
  static double of(String exposition, String series) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
