package dev.spillway.proxy.live;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.live.Panel.ModelPanel;
import dev.spillway.proxy.live.Panel.Replica;
import dev.spillway.proxy.live.Panel.TargetPanel;
import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.resilience.TargetStatsView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads the config in force, the engine's live stats, drift and the feed into one {@link Panel}. */
public final class PanelBuilder {
  private final Supplier<Optional<RouterConfig>> config;
  private final Supplier<List<TargetStatsView>> stats;
  private final QualitySignal quality;
  private final LiveFeed feed;
  private final Clock clock;
  private final String instance;
  private final String host;
  private final long startedAtMs;
  private final String traceUrlTemplate;

  /**
   * @param stats each target's live state (empty when the gate keeps none)
   * @param traceUrlTemplate where trace ids link, or null
   */
  public PanelBuilder(Supplier<Optional<RouterConfig>> config, Supplier<List<TargetStatsView>> stats,
      QualitySignal quality, LiveFeed feed, Clock clock, String instance, String host, String traceUrlTemplate) {
    this.config = config;
    this.stats = stats;
    this.quality = quality;
    this.feed = feed;
    this.clock = clock;
    this.instance = instance;
    this.host = host;
    this.startedAtMs = clock.millis();
    this.traceUrlTemplate = traceUrlTemplate;
  }

  /** @param cluster the operator's figures as last read, shown beside this replica's */
  public Panel build(ClusterView cluster) {
    Optional<RouterConfig> current = config.get();
    Map<String, TargetStatsView> live =
        stats.get().stream().collect(Collectors.toMap(TargetStatsView::target, Function.identity(), (a, b) -> a));
    List<ModelPanel> models = new ArrayList<>();
    current.ifPresent(routerConfig -> routerConfig.models().values()
        .forEach(model -> models.add(model(routerConfig, model, live))));
    Replica replica = new Replica(instance, host, startedAtMs,
        current.map(RouterConfig::version).orElse(null), current.map(RouterConfig::source).orElse(null));
    return new Panel(clock.millis(), replica, models, feed.recentDecisions(), feed.recentEvents(), feed.stats(),
        traceUrlTemplate, cluster);
  }

  private ModelPanel model(RouterConfig routerConfig, ModelConfig model, Map<String, TargetStatsView> live) {
    DecisionView last = feed.lastDecision(model.name());
    PolicyConfig policy = last == null ? routerConfig.defaultPolicy() : routerConfig.policies().stream()
        .filter(each -> each.name().equals(last.policy())).findFirst().orElse(routerConfig.defaultPolicy());
    TriggersConfig triggers = policy.triggers() == null ? TriggersConfig.NONE : policy.triggers();
    CircuitBreakerConfig breaker = policy.circuitBreaker() == null ? CircuitBreakerConfig.DEFAULTS : policy.circuitBreaker();
    long modelCalls = model.targets().stream().map(target -> live.get(target.id()))
        .mapToLong(view -> view == null ? 0 : view.calls()).sum();
    List<TargetPanel> targets = new ArrayList<>();
    for (TargetConfig target : model.targets()) {
      targets.add(target(routerConfig.account(target.account()), target, target == model.targets().get(0),
          live.get(target.id()), modelCalls, triggers, breaker));
    }
    return new ModelPanel(model.name(), policy.name(), triggers, targets, last);
  }

  private TargetPanel target(AccountConfig account, TargetConfig target, boolean primary, TargetStatsView view,
      long modelCalls, TriggersConfig triggers, CircuitBreakerConfig breaker) {
    Double budget = account == null || account.budget() == null ? null : account.budget().amountUsd();
    double sigma = quality.driftSigma(target.id());
    if (view == null) {
      return new TargetPanel(target.id(), target.account(), primary, 0, 0, 0, false, 0, false, sigma,
          quality.drifting(target.id()), "CLOSED", 100, null, budget, budget, 1);
    }
    boolean overLatency = triggers.latencyP95Ms() != null && view.calls() > 0 && view.p95Ms() > triggers.latencyP95Ms();
    boolean overErrors = triggers.errorRate() != null && view.calls() > 0 && view.errorRate() > triggers.errorRate();
    return new TargetPanel(target.id(), target.account(), primary,
        modelCalls == 0 ? 0 : 100.0 * view.calls() / modelCalls, view.calls(), view.p95Ms(), overLatency,
        view.errorRate(), overErrors, sigma, quality.drifting(target.id()), view.circuit(),
        view.trafficSharePercent(), rampStep(view, breaker), budget, view.budgetRemainingUsd(), view.headroom());
  }

  /** Which step of the recovery ramp a recovering circuit is on, e.g. {@code 2/4}. */
  private static String rampStep(TargetStatsView view, CircuitBreakerConfig breaker) {
    if (!BreakerState.RECOVERING.name().equals(view.circuit())) {
      return null;
    }
    int step = breaker.recoveryRamp().indexOf(view.trafficSharePercent());
    return step < 0 ? null : (step + 1) + "/" + breaker.recoveryRamp().size();
  }
}
