package dev.spillway.proxy.quality;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quality in metrics: {@code spillway_quality_check_failures_total{target}} counts answers that
 * failed a check (user traffic only, never probes), and per target {@code
 * spillway_quality_drift_sigma} and {@code spillway_quality_score} show what drift detection feeds
 * routing. Reasons stay out of labels (they carry free text); they are in traces and
 * {@code GET /v1/spillway/quality}.
 */
public final class QualityMetrics implements QualityEvents {
  private final MeterRegistry registry;
  private final DriftMonitor drift;
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();

  private QualityMetrics(MeterRegistry registry, DriftMonitor drift) {
    this.registry = registry;
    this.drift = drift;
  }

  /** Reports the monitor's targets into the registry from now on. */
  public static void register(MeterRegistry registry, DriftMonitor drift) {
    drift.subscribe(new QualityMetrics(registry, drift));
  }

  @Override
  public void checkFailed(String targetId, String reason) {
    gauges(targetId);
    failures
        .computeIfAbsent(targetId, id ->
            Counter.builder("spillway.quality.check.failures")
                .description("Answers that failed a quality check and were not served")
                .tag("target", id)
                .register(registry))
        .increment();
  }

  @Override
  public void driftChanged(String targetId, DriftState state) {
    gauges(targetId);
  }

  private void gauges(String targetId) {
    if (gauged.add(targetId)) {
      Gauge.builder("spillway.quality.drift.sigma", drift, d -> d.driftSigma(targetId))
          .description("How far the target's check failure rate is above its baseline while drifting")
          .tag("target", targetId)
          .register(registry);
      Gauge.builder("spillway.quality.score", drift, d -> d.score(targetId))
          .description("Recent answer quality relative to the target's baseline (1 as good)")
          .tag("target", targetId)
          .register(registry);
    }
  }
}
