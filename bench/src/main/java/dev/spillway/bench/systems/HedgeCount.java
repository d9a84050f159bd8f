package dev.spillway.bench.systems;

import java.io.IOException;

/**
 * Hedges Spillway has launched so far, from its Prometheus metrics on the admin port. A call is
 * hedged once it has waited its hedge delay (at least 30 ms by default), so hedges during a
 * fixed-rate run count the calls that stalled past it.
 */
public final class HedgeCount {
  static final String LAUNCHED = "spillway_hedges_total{decision=\"launched\"";

  private HedgeCount() {}

  public static long launched(int adminPort) throws IOException, InterruptedException {
    return sum(AdminEndpoint.get(adminPort, "/metrics"));
  }

  /** The launched hedges over every target in a Prometheus text exposition. */
  static long sum(String exposition) {
    return (long) PrometheusSum.of(exposition, LAUNCHED);
  }
}
