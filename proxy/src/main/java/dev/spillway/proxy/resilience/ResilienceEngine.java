package dev.spillway.proxy.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.breaker.BreakerState;
import dev.spillway.proxy.budget.AccountBudget;
import dev.spillway.proxy.budget.BudgetListener;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.budget.BudgetRegistry;
import dev.spillway.proxy.budget.Spend;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.HealthMarks;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.health.HealthSnapshot;
import dev.spillway.proxy.health.ProbeResults;
import dev.spillway.proxy.hedging.HedgeBudget;
import dev.spillway.proxy.hedging.HedgeDelay;
import dev.spillway.proxy.limits.AccountLimits;
import dev.spillway.proxy.limits.LimitsRegistry;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.scoring.Triggers;
import dev.spillway.stats.StatsView;
import java.time.Clock;
import java.time.Duration;
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
  private final HealthMarks marks;
  private final QualitySignal quality;
  private final LimitsRegistry limits;
  private final BudgetRegistry budgets;
  private final Decider decider = new Decider(this);
  private final Map<String, TargetRuntime> targets = new ConcurrentHashMap<>();
  private final Map<String, String> incumbents = new ConcurrentHashMap<>();
  private final Map<String, HedgeBudget> hedgeBudgets = new ConcurrentHashMap<>();
  private final ProbeResults probes = new ProbeResults();
  private volatile RouterConfig config;
  private volatile TransitionLog transitions = TransitionLog.discarding();

  public ResilienceEngine(Clock clock, QualitySignal quality) {
    this.clock = clock;
    this.marks = new HealthMarks(clock);
    this.quality = quality;
    this.limits = new LimitsRegistry(clock);
    this.budgets = new BudgetRegistry(clock);
  }

  public ResilienceEngine(Clock clock) {
    this(clock, QualitySignal.NONE);
  }

  /** Breaker transitions and budget alerts go to this log from now on. */
  public void publishTransitionsTo(TransitionLog log) {
    transitions = log;
    budgets.addListener(log::budget);
  }

  /** Budget alerts go to this listener too (metrics, telemetry, Kubernetes Events). */
  public void addBudgetListener(BudgetListener listener) {
    budgets.addListener(listener);
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
    limits.retain(newConfig);
    budgets.retain(newConfig);
  }

  @Override
  public Plan arrange(Plan plan, RequestFacts facts, ObjectNode body) {
    return decider.decide(plan, facts, body);
  }

  @Override
  public Optional<Refusal> admit(Plan plan, TargetConfig target) {
    CandidateScore decided = plan.decision() == null ? null : plan.decision().score(target.id());
    if (decided != null && decided.standing() == CandidateScore.Standing.REFUSED) {
      return Optional.of(new Refusal(decided.reason(), null));
    }
    Optional<Refusal> resting = marks.refusal(target);
    if (resting.isPresent()) {
      return resting;
    }
    AccountConfig account = account(target);
    long tokens = estimatedTokens(plan);
    AccountBudget budget = budgets.of(account);
    double estimate = Spend.estimate(tokens, target.pricing());
    if (budget != null && !budget.reserve(estimate, clock.instant())) {
      return Optional.of(new Refusal("budget of account " + account.name() + " exhausted (block)", null));
    }
    AccountLimits accountLimits = limits.of(account);
    if (accountLimits != null) {
      Duration wait = accountLimits.tryAdmit(tokens);
      if (!wait.isZero()) {
        if (budget != null) {
          budgets.settle(budget, estimate, 0);
        }
        return Optional.of(new Refusal(
            "no rate-limit headroom on account " + account.name() + " for " + wait.toMillis() + " ms", wait));
      }
    }
    return Optional.empty();
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
    return AdaptiveTimeouts.of(configured, plan.policy().triggers(), health(plan, target), streaming(plan));
  }

  @Override
  public long typicalLatencyMs(Plan plan, TargetConfig target) {
    HealthSnapshot health = health(plan, target);
    boolean stream = streaming(plan);
    return health.latencySamples(stream) < Triggers.MIN_SAMPLES ? 0 : (long) health.p50Ms(stream);
  }

  @Override
  public long hedgeDelayMs(Plan plan, TargetConfig target) {
    PolicyConfig policy = plan.policy();
    return HedgeDelay.ms(policy.hedgeOrDefaults(), policy.triggers(), health(plan, target), streaming(plan));
  }

  @Override
  public boolean shunned(Plan plan, TargetConfig target) {
    TargetRuntime runtime = runtime(target.id());
    if (runtime.breaker.state() == BreakerState.OPEN || probes.failing(target.account()).isPresent()) {
      return true;
    }
    return Triggers.fired(plan.policy().triggers(), health(plan, target), streaming(plan),
        quality.driftSigma(target.id()), quality.drifting(target.id())) != null;
  }

  @Override
  public boolean tryHedge(Plan plan) {
    return plan.policy().hedgeOrDefaults().enabled() && hedgeBudget(plan.policy()).tryHedge();
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
    AccountBudget budget = budgets.of(account(target));
    if (budget != null) {
      budgets.settle(budget, 0, spent);
    }
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
    long estimated = estimatedTokens(plan);
    AccountConfig account = account(target);
    AccountLimits accountLimits = limits.of(account);
    if (accountLimits != null) {
      accountLimits.settle(estimated, usage.totalTokens());
    }
    double spent = Spend.of(usage, target.pricing());
    runtime(target.id()).spentUsd.add(spent);
    AccountBudget budget = budgets.of(account);
    if (budget != null) {
      budgets.settle(budget, Spend.estimate(estimated, target.pricing()), spent);
    }
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
    return targets.computeIfAbsent(targetId, id -> new TargetRuntime(state -> transitions.circuit(id, state)));
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

  RouterConfig config() {
    return config;
  }

  long nowMs() {
    return clock.millis();
  }

  Clock clock() {
    return clock;
  }

  HealthMarks marks() {
    return marks;
  }

  QualitySignal quality() {
    return quality;
  }

  LimitsRegistry limits() {
    return limits;
  }

  BudgetRegistry budgets() {
    return budgets;
  }
}
