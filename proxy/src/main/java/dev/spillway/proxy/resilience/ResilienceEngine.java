package dev.spillway.proxy.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.config.TriggersConfig;
import dev.spillway.config.TriggerScope;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.resilience.budget.BudgetListener;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.resilience.budget.BudgetRegistry;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.HealthMarks;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import dev.spillway.proxy.resilience.health.LatencyPercentiles;
import dev.spillway.proxy.resilience.health.ProbeResults;
import dev.spillway.proxy.resilience.hedging.HedgeBudget;
import dev.spillway.proxy.resilience.hedging.HedgeDelay;
import dev.spillway.proxy.resilience.limits.LimitsRegistry;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.quality.DriftState;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.resilience.scoring.Triggers;
import dev.spillway.proxy.shared.SharedMarks;
import dev.spillway.proxy.shared.SharedState;
import dev.spillway.stats.StatsView;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's {@link TargetGate}: orders each request's candidates by live score (see {@link
 * Decider}), admits them through breakers, rate limits and budgets, and learns from every outcome.
 * It composes {@link HealthMarks}, which keeps resting targets on 429 until their Retry-After and
 * accounts whose credential was refused. Per-target state is keyed by target id outside the config
 * snapshot: it survives reloads, and is dropped for targets a new config no longer has.
 */
public final class ResilienceEngine implements TargetGate, ConfigSink {
  /** Error window of the stats view. */
  static final long STATS_WINDOW_MS = 60_000;

  private final Clock clock;
  private final SharedState shared;
  private final String region;
  private final SharedMarksView elsewhere;
  private final HealthMarks marks;
  private final QualitySignal quality;
  private final AccountQuotas quotas;
  private final Decider decider = new Decider(this);
  private final Map<String, TargetRuntime> targets = new ConcurrentHashMap<>();
  private final Map<String, String> incumbents = new ConcurrentHashMap<>();
  private final Map<String, HedgeBudget> hedgeBudgets = new ConcurrentHashMap<>();
  private final ProbeResults probes = new ProbeResults();
  private volatile RouterConfig config;
  private volatile TransitionLog transitions = TransitionLog.discarding();

  public ResilienceEngine(Clock clock, QualitySignal quality) {
    this(clock, quality, null, null);
  }

  /**
   * @param shared where limits, budgets, open circuits, health marks and drift alarms are shared
   *     with the other replicas, or null to keep them on this replica
   * @param region the router's own region (what a policy's {@code regions.prefer: [local]} means), or null
   */
  public ResilienceEngine(Clock clock, QualitySignal quality, SharedState shared, String region) {
    this.clock = clock;
    this.region = region;
    this.shared = shared;
    SharedMarks sharedMarks = shared == null ? null : shared.marks();
    this.marks = new HealthMarks(clock, HealthMarks.DEFAULT_AUTH_COOL_DOWN, sharedMarks);
    this.elsewhere = new SharedMarksView(sharedMarks, quality, clock);
    this.quality = elsewhere;
    this.quotas = new AccountQuotas(clock, shared);
  }

  public ResilienceEngine(Clock clock) {
    this(clock, QualitySignal.NONE);
  }

  /** Breaker transitions and budget alerts go to this log from now on. */
  public void publishTransitionsTo(TransitionLog log) {
    transitions = log;
    quotas.budgets().addListener(log::budget);
  }

  /** Budget alerts go to this listener too (metrics, telemetry, Kubernetes Events). */
  public void addBudgetListener(BudgetListener listener) {
    quotas.budgets().addListener(listener);
  }

  @Override
  public void accept(RouterConfig newConfig) {
    config = newConfig;
    Set<String> ids = new HashSet<>();
    for (ModelConfig model : newConfig.models().values()) {
      model.targets().forEach(t -> ids.add(t.id()));
    }
    targets.keySet().retainAll(ids);
    incumbents.clear();
    Set<String> policies = new HashSet<>();
    newConfig.policies().forEach(p -> policies.add(p.name()));
    policies.add(newConfig.defaultPolicy().name());
    hedgeBudgets.keySet().retainAll(policies);
    quotas.retain(newConfig);
  }

  @Override
  public Plan arrange(Plan plan, RequestFacts facts, ObjectNode body) {
    return decider.decide(plan, facts, body);
  }

  @Override
  public Optional<Refusal> admit(Plan plan, TargetConfig target) {
    CandidateScore refused = plan.refusal(target.id());
    if (refused != null) {
      return Optional.of(new Refusal(refused.reason(), null));
    }
    Optional<Refusal> resting = marks.refusal(target);
    if (resting.isPresent()) {
      return resting;
    }
    return quotas.admit(account(target), estimatedTokens(plan), target.pricing());
  }

  @Override
  public void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
    long now = clock.millis();
    TargetRuntime runtime = runtime(target.id());
    // A stream's duration says how long its answer was, not how fast the target is: its first token does.
    runtime.health.record(now, streaming(plan) ? -1 : latencyNanos, false, false);
    runtime.breaker.onSuccess(breakerConfig(plan.policy()), now);
    marks.recordSuccess(target);
    settle(plan, target, usage);
  }

  @Override
  public void failed(Plan plan, TargetConfig target, long elapsedNanos, FailureClass failureClass, ProviderFailure failure) {
    long now = clock.millis();
    TargetRuntime runtime = runtime(target.id());
    marks.recordFailure(target, failureClass, failure);
    if (!failureClass.countsAgainstTarget()) {
      runtime.health.record(now, -1, false, false); // the request was at fault, not the target
    } else {
      boolean rateLimited = failure.status() == 429;
      long latency = failure.kind() == ProviderFailure.Kind.TIMEOUT ? elapsedNanos : -1;
      // A 429 counts in the rate-limit rate, not the error rate: the target is busy, not broken.
      runtime.health.record(now, latency, !rateLimited, rateLimited);
      if (!rateLimited) { // a 429 rests the target until its Retry-After; it is not a broken target
        long retryAfter = failure.retryAfter() == null ? 0 : failure.retryAfter().toMillis();
        runtime.breaker.onFailure(breakerConfig(plan.policy()), now, retryAfter);
      }
    }
    settle(plan, target, Usage.NONE);
  }

  @Override
  public void abandoned(Plan plan, TargetConfig target, long elapsedNanos, boolean lostHedge) {
    if (lostHedge) {
      // Overtaken by its hedge: as slow as it was when cancelled, and a strike against its breaker
      // (a hanging target trips it this way), but not an error of the window.
      long now = clock.millis();
      TargetRuntime runtime = runtime(target.id());
      runtime.health.record(now, streaming(plan) ? -1 : elapsedNanos, false, false);
      runtime.breaker.onFailure(breakerConfig(plan.policy()), now, 0);
    }
    settle(plan, target, Usage.NONE);
  }

  @Override
  public void firstToken(Plan plan, TargetConfig target, long nanos) {
    runtime(target.id()).health.recordFirstToken(clock.millis(), nanos);
  }

  @Override
  public void started(Plan plan, TargetConfig target, long startedNanos) {
    runtime(target.id()).health.started(startedNanos);
  }

  @Override
  public void ended(Plan plan, TargetConfig target, long startedNanos) {
    runtime(target.id()).health.ended(startedNanos);
  }

  @Override
  public TimeoutConfig attemptTimeouts(Plan plan, TargetConfig target, TimeoutConfig configured, boolean lastResort) {
    if (lastResort) {
      return configured; // nowhere else to go: cutting it short gains nothing
    }
    return AdaptiveTimeouts.of(configured, plan.policy().triggers(), typical(plan, target), streaming(plan));
  }

  @Override
  public long typicalLatencyMs(Plan plan, TargetConfig target) {
    LatencyPercentiles typical = typical(plan, target);
    return typical.known() ? (long) typical.p50Ms() : 0;
  }

  @Override
  public long hedgeDelayMs(Plan plan, TargetConfig target) {
    PolicyConfig policy = plan.policy();
    return HedgeDelay.ms(policy.hedgeOrDefaults(), policy.triggers(), typical(plan, target));
  }

  @Override
  public boolean shunned(Plan plan, TargetConfig target) {
    TargetRuntime runtime = runtime(target.id());
    if (runtime.breaker.state() == BreakerState.OPEN || elsewhere.openElsewhereMs(target.id()) > 0
        || probes.failing(target.account()).isPresent()) {
      return true;
    }
    TriggersConfig triggers = plan.policy().triggers();
    if (triggers == null || triggers.scope() == TriggerScope.TARGET) {
      return Triggers.fired(triggers, health(plan, target), streaming(plan),
          quality.driftSigma(target.id()), quality.drifting(target.id())) != null;
    }
    // A tier is judged on its targets' pooled health: read every candidate's, then ask for this one.
    List<Candidate> candidates = plan.candidates();
    List<HealthSnapshot> healths = candidates.stream().map(c -> health(plan, c.target())).toList();
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i).id().equals(target.id())) {
        return new ScopedTriggers(triggers, candidates, healths, streaming(plan), quality).fired(i) != null;
      }
    }
    return false;
  }

  @Override
  public boolean tryHedge(Plan plan) {
    return plan.policy().hedgeOrDefaults().enabled() && hedgeBudget(plan.policy()).tryHedge();
  }

  private LatencyPercentiles typical(Plan plan, TargetConfig target) {
    return runtime(target.id()).health.typical(clock.millis(), streaming(plan));
  }

  private HealthSnapshot health(Plan plan, TargetConfig target) {
    return runtime(target.id()).health.snapshot(clock.millis(), breakerConfig(plan.policy()).windowMs());
  }

  // The plain TargetGate methods, for callers without a plan: the marks alone.
  @Override
  public Optional<Refusal> refusal(TargetConfig target) {
    return marks.refusal(target);
  }

  @Override
  public void recordSuccess(TargetConfig target) {
    marks.recordSuccess(target);
  }

  /**
   * A failure seen outside a planned call (today: a raised drift alarm). It counts toward the
   * target's breaker like a failed call, under the top policy's breaker settings (there is no
   * request to name a policy); as in {@link #failed}, a 429 and a request-side fault do not. It is
   * not a call, so the error window of scoring does not see it.
   */
  @Override
  public void recordFailure(TargetConfig target, FailureClass failureClass, ProviderFailure failure) {
    marks.recordFailure(target, failureClass, failure);
    RouterConfig current = config;
    boolean targetAtFault = failureClass.countsAgainstTarget() && failure.status() != 429;
    if (current != null && targetAtFault) {
      long retryAfter = failure.retryAfter() == null ? 0 : failure.retryAfter().toMillis();
      runtime(target.id()).breaker.onFailure(breakerConfigOf(current), clock.millis(), retryAfter);
    }
  }

  /** A drift alarm of this replica's detector: every replica demotes the target while it holds. */
  public void driftChanged(TargetConfig target, DriftState state) {
    elsewhere.drift(target, state);
  }

  /** Where state is shared with the other replicas; empty when this replica keeps its own. */
  public Optional<SharedState> shared() {
    return Optional.ofNullable(shared);
  }

  /** What the accounts' active health checks found: written by the probes, read by every decision. */
  public ProbeResults probes() {
    return probes;
  }

  /**
   * A health probe's tokens: spend like any other (budgets and the target's spend see it), but
   * not a call — scoring, breakers and policy stats never see probes.
   */
  public void probeSpent(TargetConfig target, Usage usage) {
    double spent = Spend.of(usage, target.pricing());
    if (spent <= 0) {
      return;
    }
    runtime(target.id()).spentUsd.add(spent);
    quotas.spent(account(target), spent);
  }

  /** Each target's live state in the shape the stats endpoint serves, by target id. */
  public Map<String, StatsView.LiveStats> liveStats() {
    return new EngineStats(this).live();
  }

  /** Each target's live state: for the stats endpoint, metrics and the operator. */
  public List<TargetStatsView> stats() {
    return new EngineStats(this).targets();
  }

  private void settle(Plan plan, TargetConfig target, Usage usage) {
    runtime(target.id()).spentUsd.add(quotas.settle(account(target), estimatedTokens(plan), usage, target.pricing()));
  }

  /** The breaker settings failures outside a call are weighed with, and the stats report: the top policy's. */
  static CircuitBreakerConfig breakerConfigOf(RouterConfig current) {
    return breakerConfig(current.policies().isEmpty() ? current.defaultPolicy() : current.policies().get(0));
  }

  static CircuitBreakerConfig breakerConfig(PolicyConfig policy) {
    return policy.circuitBreaker() != null ? policy.circuitBreaker() : CircuitBreakerConfig.DEFAULTS;
  }

  private static long estimatedTokens(Plan plan) {
    return plan.decision() == null ? 0 : plan.decision().estimatedTokens();
  }

  private static boolean streaming(Plan plan) {
    return plan.decision() != null && plan.decision().stream();
  }

  private AccountConfig account(TargetConfig target) {
    RouterConfig current = config;
    return current == null ? null : current.account(target.account());
  }

  TargetRuntime runtime(String targetId) {
    return targets.computeIfAbsent(targetId, id -> new TargetRuntime((breaker, state) -> {
      transitions.circuit(id, state);
      elsewhere.circuit(id, state, breaker.remainingOpenMs(clock.millis()));
    }));
  }

  HedgeBudget hedgeBudget(PolicyConfig policy) {
    return hedgeBudgets.computeIfAbsent(policy.name(), name -> new HedgeBudget());
  }

  String incumbent(String route) {
    return incumbents.get(route);
  }

  void lead(String route, String target) {
    incumbents.put(route, target);
  }

  String region() {
    return region;
  }

  RouterConfig config() {
    return config;
  }

  Clock clock() {
    return clock;
  }

  SharedMarksView elsewhere() {
    return elsewhere;
  }

  HealthMarks marks() {
    return marks;
  }

  QualitySignal quality() {
    return quality;
  }

  LimitsRegistry limits() {
    return quotas.limits();
  }

  BudgetRegistry budgets() {
    return quotas.budgets();
  }
}
