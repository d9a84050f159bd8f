package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.quality.DriftMonitor;
import dev.spillway.proxy.resilience.TargetStatsView;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A raised drift alarm takes the primary's traffic to a healthy peer of the same logical model,
 * under every policy, until the detector clears it; and the breaker hears of it. Both providers
 * answer well throughout, so only drift can move the traffic: the drift monitor is fed verdicts
 * directly, as checks and probes feed it, one by one and without timing.
 */
class DriftDemotionTest extends ProxyTestBase {
  private static final String PRIMARY = "primary/gpt-4o";
  private static final String BACKUP = "backup/gpt-4o-mini";
  private static final int MIN_SAMPLES = 20;

  @Test
  void withoutATriggerTheAlarmItselfDemotesThePrimaryUntilItClears() throws Exception {
    TargetConfig target = load(null, null);

    assertServedBy(PRIMARY);
    raiseDrift(target);
    assertServedBy(BACKUP);
    clearDrift(target);
    assertServedBy(PRIMARY);
  }

  @Test
  void aQualityDriftSigmaTriggerDemotesAtItsThresholdUntilTheAlarmClears() throws Exception {
    TargetConfig target = load(new TriggersConfig(null, null, 3.0), null);

    raiseDrift(target);
    assertThat(drift().driftSigma(PRIMARY)).isGreaterThanOrEqualTo(3.0);
    assertServedBy(BACKUP);
    // Good answers lower the recent failure rate well before the alarm clears: the sigma holds.
    double peak = drift().driftSigma(PRIMARY);
    for (int i = 0; i < 5; i++) {
      drift().record(target, Optional.empty(), MIN_SAMPLES);
    }
    assertThat(drift().drifting(PRIMARY)).isTrue();
    assertThat(drift().driftSigma(PRIMARY)).isEqualTo(peak);
    assertServedBy(BACKUP);
    clearDrift(target);
    assertThat(drift().driftSigma(PRIMARY)).isZero();
    assertServedBy(PRIMARY);
  }

  @Test
  void aTriggerAboveTheAlarmsSigmaIsThePolicysChoiceToKeepThePrimary() throws Exception {
    TargetConfig target = load(new TriggersConfig(null, null, 1_000.0), null);

    raiseDrift(target);

    // Only the quality term sees this drift, and under default weights it stays within the margin.
    assertThat(drift().driftSigma(PRIMARY)).isLessThan(1_000.0);
    assertThat(drift().score(PRIMARY)).isLessThan(1.0);
    assertServedBy(PRIMARY);
  }

  @Test
  void theAlarmCountsAsAFailureTowardThePrimarysBreaker() throws Exception {
    // Two failures in a row trip this breaker: one failed call, then the alarm.
    TargetConfig target = load(null, new CircuitBreakerConfig(0.5, 20, 2, 30_000, 10_000, 1, List.of(100)));
    primary.enqueue(Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"));
    backup.always(Reply.json(200, completion("fine")));
    client.chat(chatBody("chat"));
    assertThat(circuit(PRIMARY)).isEqualTo("CLOSED");

    raiseDrift(target);

    assertThat(circuit(PRIMARY)).isEqualTo("OPEN");
    assertThat(circuit(BACKUP)).isEqualTo("CLOSED");
  }

  /** Two targets of one logical model, both answering well, under one policy. */
  private TargetConfig load(TriggersConfig triggers, CircuitBreakerConfig breaker) {
    primary.always(Reply.json(200, completion("fine")));
    backup.always(Reply.json(200, completion("fine")));
    PolicyConfig p = ConfigBuilder.policy("drift", 10, MatchConfig.ANY, List.of(), null);
    PolicyConfig policy = new PolicyConfig(p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(),
        p.minTier(), p.timeouts(), triggers, breaker, p.retry(), p.hedge(), p.stickiness(), p.experiment(),
        p.scoring(), p.quality());
    RouterConfig config = ConfigBuilder.create()
        .policy(policy)
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build();
    load(config);
    return config.models().get("chat").targets().get(0);
  }

  /** A healthy baseline, then failed verdicts until the alarm is raised. */
  private void raiseDrift(TargetConfig target) {
    for (int i = 0; i < 30; i++) {
      drift().record(target, Optional.empty(), MIN_SAMPLES);
    }
    for (int i = 0; i < 30 && !drift().drifting(PRIMARY); i++) {
      drift().record(target, Optional.of("empty output (stop)"), MIN_SAMPLES);
    }
    assertThat(drift().drifting(PRIMARY)).isTrue();
  }

  /** Passed verdicts (as probes give) until the detector's hysteresis clears the alarm. */
  private void clearDrift(TargetConfig target) {
    for (int i = 0; i < 500 && drift().drifting(PRIMARY); i++) {
      drift().record(target, Optional.empty(), MIN_SAMPLES);
    }
    assertThat(drift().drifting(PRIMARY)).isFalse();
  }

  /** Several calls in a row, all served by the target (so no single lucky call passes). */
  private void assertServedBy(String target) throws Exception {
    for (int i = 0; i < 5; i++) {
      var response = client.chat(chatBody("chat"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue(target);
    }
  }

  private DriftMonitor drift() {
    return proxy.quality().drift();
  }

  private String circuit(String targetId) {
    return proxy.engine().orElseThrow().stats().stream()
        .filter(v -> v.target().equals(targetId))
        .map(TargetStatsView::circuit)
        .findFirst()
        .orElseThrow();
  }
}
