package dev.spillway.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator in its pod: settings from the environment, the API from the service account. */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnv(System.getenv());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    KubernetesClient client = new KubernetesClientBuilder().build();
    SpillwayOperator operator = new SpillwayOperator(client, settings, metrics, Clock.systemUTC());
    HealthServer health = new HealthServer(settings.healthPort(), operator::healthy, metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      health.close();
      client.close();
      stopped.countDown();
    }, "spillway-operator-shutdown"));
    operator.start();
    LOG.info("spillway-operator started: proxy image {}, stats every {}s, leader election {}",
        settings.proxyImage(), settings.statsInterval().toSeconds(),
        settings.leaseNamespace().map(ns -> "in " + ns).orElse("off"));
    stopped.await();
  }
}
