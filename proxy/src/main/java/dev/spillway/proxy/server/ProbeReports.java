package dev.spillway.proxy.server;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.resilience.health.AccountProbes;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.resilience.ResilienceEngine;
import dev.spillway.stats.TransitionKind;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where the accounts' health checks are reported: each probe in the metrics and (its tokens) in
 * the spend, each account that starts failing in the transition log (a log line, an Event).
 */
final class ProbeReports implements AccountProbes.Listener {
  private final MeterRegistry registry;
  private final ResilienceEngine engine;
  private final TransitionLog transitions;

  ProbeReports(MeterRegistry registry, ResilienceEngine engine, TransitionLog transitions) {
    this.registry = registry;
    this.engine = engine;
    this.transitions = transitions;
  }

  @Override
  public void probed(TargetConfig target, boolean passed, Usage usage) {
    registry.counter("spillway.health.checks", "account", target.account(), "result", passed ? "pass" : "fail")
        .increment();
    engine.probeSpent(target, usage);
  }

  @Override
  public void failing(TargetConfig target, String reason) {
    transitions.record(TransitionKind.HEALTH_CHECK_FAILED, target.account(), target.id(),
        "account " + target.account() + " failed its health check (" + reason + "): skipped until it passes");
  }
}
