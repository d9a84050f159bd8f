package dev.spillway.proxy.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.proxy.resilience.breaker.Admission;
import dev.spillway.proxy.resilience.budget.AccountBudget;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.cohorts.Rendezvous;
import dev.spillway.proxy.cohorts.StickyKey;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import dev.spillway.proxy.resilience.limits.AccountLimits;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.CandidateScore.Standing;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.resilience.scoring.CandidateScorer;
import dev.spillway.proxy.resilience.scoring.Ranking;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one request's routing decision: scores every candidate, applies breakers, triggers,
 * rate-limit headroom and budgets (which demote or refuse), then ranks, honouring recovery probes,
 * experiment arms and sticky users. Runs on the request thread, in memory only.
 */
final class Decider {
  private final ResilienceEngine engine;

  Decider(ResilienceEngine engine) {
    this.engine = engine;
  }

  Plan decide(Plan plan, RequestFacts facts, ObjectNode body) {
    PolicyConfig policy = plan.policy();
    RouterConfig config = engine.config();
    long now = engine.clock().millis();
    CircuitBreakerConfig breakerConfig = ResilienceEngine.breakerConfig(policy);
    engine.hedgeBudget(policy).onCall(policy.hedgeOrDefaults().maxPercent());
    List<Candidate> candidates = plan.candidates();
    double cheapest = Double.MAX_VALUE;
    for (Candidate c : candidates) {
      cheapest = Math.min(cheapest, Spend.blendedPrice(c.target().pricing()));
    }
    List<CandidateScore> scores = new ArrayList<>(candidates.size());
    Map<String, Integer> groups = new HashMap<>();
    String probe = null;
    boolean anyPreferred = false;
    for (int i = 0; i < candidates.size() && !anyPreferred; i++) { // not a stream: this runs on every call
      anyPreferred = preferred(policy, config, candidates.get(i));
    }
    List<HealthSnapshot> healths = new ArrayList<>(candidates.size());
    // Only the latency trigger reads the ages of calls in flight, and only those over its threshold.
    Integer latencyTrigger = policy.triggers() == null ? null : policy.triggers().latencyP95Ms();
    long agesOverMs = latencyTrigger == null ? Long.MAX_VALUE : latencyTrigger;
    for (Candidate candidate : candidates) {
      TargetRuntime runtime = engine.runtime(candidate.id());
      healths.add(runtime.health.snapshot(now, errorWindowMs(runtime, breakerConfig, now), agesOverMs));
    }
    ScopedTriggers triggers = new ScopedTriggers(policy.triggers(), candidates, healths, facts.stream(), engine.quality());
    for (int i = 0; i < candidates.size(); i++) {
      Candidate candidate = candidates.get(i);
      int index = i;
      TargetRuntime runtime = engine.runtime(candidate.id());
      HealthSnapshot health = healths.get(i);
      AccountConfig account = config == null ? null : config.account(candidate.target().account());
      AccountLimits limits = engine.limits().of(account);
      double headroom = limits == null ? 1 : limits.headroom();
      CandidateScore score =
          CandidateScorer.score(
              candidate.id(), i, groups.computeIfAbsent(candidate.model().name(), name -> index), policy.scoring(), policy.triggers(), health, facts.stream(),
              engine.quality().score(candidate.id()), cheapest, Spend.blendedPrice(candidate.target().pricing()),
              headroom, runtime.breaker.state().name());
      Admission admission = runtime.breaker.admit(breakerConfig, now);
      if (admission.kind() == Admission.Kind.PROBE && probe == null) {
        probe = candidate.id();
      }
      CandidateScore standing = standing(score, admission, () -> triggers.fired(index), candidate, account);
      if (anyPreferred && standing.standing() == Standing.ELIGIBLE && !preferred(policy, config, candidate)) {
        // Another region serves only when every preferred one is degraded: ranked after them.
        standing = standing.withStanding(Standing.DEMOTED, "region " + (account == null ? null : account.region())
            + " is not preferred (policy '" + policy.name() + "' regions.prefer " + policy.regionsOrDefaults().prefer()
            + ", router region " + engine.region() + ")");
      }
      scores.add(standing);
    }
    String key = StickyKey.of(policy.stickiness(), facts.headers(), body);
    String arm = experimentArm(policy, scores, key);
    String sticky = arm == null ? stickyTarget(plan, scores, key) : null;
    String preferred = probe != null ? probe : arm != null ? arm : sticky;
    String why = probe != null ? "recovery probe" : arm != null ? "experiment arm" : sticky != null ? "sticky user" : null;
    String route = policy.name() + '|' + (candidates.isEmpty() ? "" : candidates.get(0).id());
    ScoringConfig weights = policy.scoring() != null ? policy.scoring() : ScoringConfig.DEFAULTS;
    String incumbent = engine.incumbent(route);
    Ranking.Ranked ranked = Ranking.rank(scores, weights.switchMargin(), incumbent, preferred, why);
    // Written only when the leader changes: a write on every request would lock the map's bin.
    if (preferred == null && ranked.leader() != null && !ranked.leader().equals(incumbent)) {
      engine.lead(route, ranked.leader());
    }
    Map<String, Candidate> byId = new HashMap<>();
    candidates.forEach(c -> byId.put(c.id(), c));
    List<Candidate> order = new ArrayList<>(candidates.size());
    ranked.order().forEach(s -> order.add(byId.get(s.target())));
    RoutingDecision decision =
        new RoutingDecision(policy.name(), ranked.order(), plan.skipped(), ranked.leader(), ranked.reason(),
            sticky, arm, facts.stream(), facts.promptTokenEstimate());
    return plan.decided(order, decision);
  }

  private boolean preferred(PolicyConfig policy, RouterConfig config, Candidate candidate) {
    return config != null && policy.regionsOrDefaults()
        .prefers(CandidatePlanner.region(config, candidate.target()), engine.region());
  }

  /** The breaker's window, but no further back than the breaker's last recovery. */
  static long errorWindowMs(TargetRuntime runtime, CircuitBreakerConfig breakerConfig, long now) {
    return Math.max(1, Math.min(breakerConfig.windowMs(), now - runtime.breaker.closedSinceMs()));
  }

  private CandidateScore standing(
      CandidateScore score,
      Admission admission,
      Supplier<String> firedTrigger,
      Candidate candidate,
      AccountConfig account) {
    if (admission.kind() == Admission.Kind.REFUSE) {
      return score.withStanding(Standing.REFUSED, admission.waitMs() > 0
          ? "circuit open, next probe in " + admission.waitMs() + " ms"
          : "circuit half-open, probes in flight");
    }
    long openElsewhere = engine.elsewhere().openElsewhereMs(candidate.id());
    if (openElsewhere > 0 && admission.kind() != Admission.Kind.PROBE) {
      return score.withStanding(Standing.REFUSED,
          "circuit opened by another replica, next probe in " + openElsewhere + " ms");
    }
    Optional<String> probeFailure = account == null ? Optional.empty() : engine.probes().failing(account.name());
    if (probeFailure.isPresent()) {
      return score.withStanding(Standing.REFUSED,
          "account " + account.name() + " failing its health check (" + probeFailure.get() + ")");
    }
    AccountBudget budget = engine.budgets().of(account);
    boolean exhausted = budget != null && budget.exhausted(engine.clock().instant());
    if (exhausted && budget.blocks()) {
      return score.withStanding(Standing.REFUSED, "budget of account " + account.name() + " exhausted (block)");
    }
    if (admission.kind() == Admission.Kind.DEFER) {
      return score.withStanding(Standing.DEMOTED, "recovering: outside the ramp's traffic share");
    }
    // While a breaker ramps a target back, the ramp decides its share: a trigger would starve the ramp.
    String trigger = admission.kind() == Admission.Kind.ADMIT && score.circuit().equals("CLOSED")
        ? firedTrigger.get()
        : null;
    if (trigger != null) {
      return score.withStanding(Standing.DEMOTED, trigger);
    }
    if (score.headroom() <= 0) { // not a single request or token left this minute
      return score.withStanding(Standing.DEMOTED, "no rate-limit headroom on account " + account.name());
    }
    if (exhausted) {
      return score.withStanding(Standing.DEMOTED, "budget of account " + account.name() + " exhausted (deprioritize)");
    }
    return score;
  }

  /** The experiment arm for this request: sticky per user when there is a key, else drawn at random. */
  private static String experimentArm(PolicyConfig policy, List<CandidateScore> scores, String key) {
    if (policy.experiment() == null || policy.experiment().weights().isEmpty()) {
      return null;
    }
    Map<String, Integer> weights = policy.experiment().weights();
    List<CandidateScore> arms = new ArrayList<>();
    for (CandidateScore s : scores) {
      if (s.standing() == Standing.ELIGIBLE && weights.getOrDefault(s.target(), 0) > 0) {
        arms.add(s);
      }
    }
    String user = key != null ? key : Long.toHexString(ThreadLocalRandom.current().nextLong());
    CandidateScore arm = Rendezvous.pick(user, arms, CandidateScore::target, s -> weights.get(s.target()));
    return arm == null ? null : arm.target();
  }

  /** The sticky user's target among the eligible targets of the requested (first) model. */
  private static String stickyTarget(Plan plan, List<CandidateScore> scores, String key) {
    if (key == null || plan.candidates().isEmpty()) {
      return null;
    }
    String firstModel = plan.candidates().get(0).model().name();
    List<Candidate> pool = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      Candidate c = plan.candidates().get(i);
      if (scores.get(i).standing() == Standing.ELIGIBLE && c.model().name().equals(firstModel)) {
        pool.add(c);
      }
    }
    Candidate chosen = Rendezvous.pick(key, pool, Candidate::id, c -> Math.max(1, c.target().weight()));
    return chosen == null ? null : chosen.id();
  }
}
