package dev.spillway.operator.testing;

import dev.spillway.operator.AdminPeers;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.SecretScope;
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
    this(cluster, settings(proxyPort, statsInterval, Optional.empty(), SecretScope.everyNamespace()));
  }

  public OperatorHarness(MockCluster cluster, OperatorSettings settings) {
    operator = new SpillwayOperator(cluster.client(), settings, metrics, Clock.systemUTC());
    operator.start();
  }

  /** What the chart would pass, with the test's proxy port and interval. */
  public static OperatorSettings settings(int proxyPort, Duration statsInterval, Optional<AdminPeers> adminPeers,
      SecretScope secretScope) {
    return new OperatorSettings("spillway-proxy:test", statsInterval, proxyPort, Optional.empty(), 0,
        adminPeers, secretScope);
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
