package dev.spillway.operator.testing;

import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.SpillwayOperator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The operator in process against a {@link MockCluster}, scraping proxies on the given port. */
public final class OperatorHarness implements AutoCloseable {
  private final SpillwayOperator operator;
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  public OperatorHarness(MockCluster cluster, int proxyPort, Duration statsInterval) {
    operator = new SpillwayOperator(cluster.client(),
        new OperatorSettings("spillway-proxy:test", statsInterval, proxyPort, Optional.empty(), 0),
        metrics, Clock.systemUTC());
    operator.start();
  }

  public SimpleMeterRegistry metrics() {
    return metrics;
  }

  /** The Routers the operator keeps state for. */
  public java.util.Set<String> rememberedRouters() {
    return operator.memory().remembered();
  }

  public boolean healthy() {
    return operator.healthy();
  }

  @Override
  public void close() {
    operator.close();
  }
}
