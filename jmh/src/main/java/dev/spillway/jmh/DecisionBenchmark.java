package dev.spillway.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.StickinessConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.resilience.ResilienceEngine;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision of one request: match the policy, plan the candidates, score and rank them
 * (health, latency, quality, cost, headroom; breakers, triggers, limits, budgets, stickiness).
 * Every target has live statistics and every account limits and a budget, so nothing is skipped
 * for lack of data. Sample time, so the percentiles show the tail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
  @Param({"3", "20"})
  public int candidates;

  private RouterConfig config;
  private ResilienceEngine engine;
  private RequestFacts facts;
  private ObjectNode body;

  @Setup
  public void setUp() throws Exception {
    Map<String, AccountConfig> accounts = new LinkedHashMap<>();
    List<TargetConfig> targets = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      String account = "account-" + i;
      accounts.put(account, new AccountConfig(account, ProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:1/v1", null,
          null, null, false, Map.of(), TimeoutConfig.DEFAULTS, new LimitsConfig(1_000_000, 1_000_000_000),
          new BudgetConfig(1_000_000, "monthly", List.of(50, 80), "deprioritize"), HealthCheckConfig.DISABLED, null));
      targets.add(new TargetConfig(TargetConfig.idOf(account, "m"), account, "m", 1, 1 + i % 3,
          CapabilitySet.DEFAULTS, new PricingConfig(0.1 * (1 + i), 0.4 * (1 + i), 0)));
    }
    ModelConfig model = new ModelConfig("chat", null, CapabilitySet.DEFAULTS, DefaultsConfig.NONE, targets, null, List.of("chat"));
    List<PolicyConfig> policies = new ArrayList<>();
    for (int p = 0; p < 5; p++) { // some policies that do not match, then the one that does
      policies.add(policy("other-" + p, 100 - p, new MatchConfig(List.of("step-" + p), List.of(), List.of(), Map.of(), null)));
    }
    policies.add(policy("chat", 10, MatchConfig.ANY));
    PolicyConfig defaultPolicy = policy(PolicyConfig.DEFAULT_NAME, 0, MatchConfig.ANY);
    config = new RouterConfig("bench", "bench", accounts, Map.of("chat", model), policies, defaultPolicy);
    engine = new ResilienceEngine(Clock.systemUTC());
    engine.accept(config);
    facts = new RequestFacts("chat", false, null, null, "user-42", false, false, false, false, 120, Map.of("x-user", "user-42"));
    body = JsonNodeFactory.instance.objectNode().put("model", "chat").put("user", "user-42");
    // Live statistics for every target: a second of calls, then the interval ends.
    Plan plan = decide();
    for (int call = 0; call < 200; call++) {
      for (TargetConfig target : targets) {
        engine.succeeded(plan, target, TimeUnit.MILLISECONDS.toNanos(5 + call % 40), new Usage(100, 50, 0));
      }
    }
    Thread.sleep(1_100);
  }

  private static PolicyConfig policy(String name, int priority, MatchConfig match) {
    return new PolicyConfig(name, priority, match, List.of(), null, 0, TimeoutOverrides.NONE,
        new TriggersConfig(800, 0.02, null), CircuitBreakerConfig.DEFAULTS, null, new HedgeConfig(null, 5),
        new StickinessConfig("header", "x-user"), null, ScoringConfig.DEFAULTS);
  }

  @Benchmark
  public Plan decide() {
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    return engine.arrange(CandidatePlanner.plan(config, policy, facts), facts, body);
  }
}
