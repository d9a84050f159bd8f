package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.QualityDriftSpec;
import dev.spillway.api.v1alpha1.QualityProbeSpec;
import dev.spillway.api.v1alpha1.QualitySpec;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.QualityConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code quality} block of a RoutingPolicy: answer checks and drift detection. */
final class QualityCompiler {
  private static final List<String> CHECK_NAMES = WireNames.of(QualityCheck.class);
  private static final Range MIN_SAMPLES = Range.atLeast(5);
  private static final long MIN_PROBE_INTERVAL_MS = 10_000;

  private QualityCompiler() {}

  /** Null when the policy says nothing, so the proxy applies {@link QualityConfig#DEFAULTS}. */
  static QualityConfig compile(QualitySpec spec, FieldChecker check) {
    if (spec == null) {
      return null;
    }
    QualityConfig defaults = QualityConfig.DEFAULTS;
    Set<QualityCheck> checks = spec.checks == null ? defaults.checks() : checks(spec.checks, check);
    QualityDriftSpec drift = spec.drift == null ? new QualityDriftSpec() : spec.drift;
    return new QualityConfig(
        checks,
        drift.enabled == null ? defaults.driftEnabled() : drift.enabled,
        check.integer("spec.quality.drift.minSamples", drift.minSamples, MIN_SAMPLES, defaults.driftMinSamples()),
        probe(spec.probe, check));
  }

  private static QualityConfig.Probe probe(QualityProbeSpec probe, FieldChecker check) {
    if (probe == null) {
      return null;
    }
    String field = "spec.quality.probe.";
    boolean complete = check.require(field + "interval", probe.interval, "how often to probe, e.g. 60s")
        & check.require(field + "prompt", probe.prompt, "the user message of the probe");
    long intervalMs = check.duration(field + "interval", probe.interval, 0);
    if (complete && intervalMs > 0 && intervalMs < MIN_PROBE_INTERVAL_MS) {
      check.report(field + "interval", "probes at most every 10s: they cost tokens and are not user traffic");
      return null;
    }
    return complete && intervalMs > 0
        ? new QualityConfig.Probe(intervalMs, probe.prompt, probe.expect == null || probe.expect.isBlank() ? null : probe.expect)
        : null;
  }

  private static Set<QualityCheck> checks(List<String> names, FieldChecker check) {
    Set<QualityCheck> checks = EnumSet.noneOf(QualityCheck.class);
    for (int i = 0; i < names.size(); i++) {
      String name = check.oneOf("spec.quality.checks[" + i + "]", names.get(i), CHECK_NAMES, null);
      if (name != null) {
        checks.add(QualityCheck.values()[CHECK_NAMES.indexOf(name)]);
      }
    }
    return checks;
  }
}
