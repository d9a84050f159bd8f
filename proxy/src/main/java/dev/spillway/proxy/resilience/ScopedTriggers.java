package dev.spillway.proxy.resilience;

import dev.spillway.config.TriggerScope;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.resilience.scoring.Triggers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's triggers over one decision's candidates, in the policy's {@link TriggerScope}: each
 * target judged on its own health, or each tier on the pooled health of its targets (computed once
 * per tier and decision).
 */
final class ScopedTriggers {
  private final TriggersConfig triggers;
  private final List<Candidate> candidates;
  private final List<HealthSnapshot> health;
  private final boolean stream;
  private final QualitySignal quality;
  private final Map<Integer, Optional<String>> byTier = new HashMap<>();

  /** @param health each candidate's health, in the candidates' order */
  ScopedTriggers(TriggersConfig triggers, List<Candidate> candidates, List<HealthSnapshot> health, boolean stream,
      QualitySignal quality) {
    this.triggers = triggers;
    this.candidates = candidates;
    this.health = health;
    this.stream = stream;
    this.quality = quality;
  }

  /** Which trigger fired for the candidate at this index, or null. */
  String fired(int index) {
    String id = candidates.get(index).id();
    if (triggers == null || triggers.scope() == TriggerScope.TARGET) {
      return Triggers.fired(triggers, health.get(index), stream, quality.driftSigma(id), quality.drifting(id));
    }
    int tier = candidates.get(index).target().tier();
    return byTier.computeIfAbsent(tier, this::firedForTier).orElse(null);
  }

  /** The tier's calls pooled; its drift the mean of its targets' sigmas, drifting when most of its targets are. */
  private Optional<String> firedForTier(int tier) {
    List<HealthSnapshot> pooled = new ArrayList<>();
    double sigma = 0;
    int drifting = 0;
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i).target().tier() == tier) {
        String id = candidates.get(i).id();
        pooled.add(health.get(i));
        sigma += quality.driftSigma(id);
        drifting += quality.drifting(id) ? 1 : 0;
      }
    }
    String fired = Triggers.fired(triggers, HealthSnapshot.pooled(pooled), stream, sigma / pooled.size(),
        drifting * 2 > pooled.size());
    return Optional.ofNullable(fired).map(reason -> "tier " + tier + ": " + reason);
  }
}
