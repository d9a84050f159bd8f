package dev.spillway.compiler;

import static dev.spillway.compiler.TestResources.route;
import static dev.spillway.compiler.TestResources.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.api.v1alpha1.Capabilities;
import dev.spillway.api.v1alpha1.HealthCheck;
import dev.spillway.api.v1alpha1.Limits;
import dev.spillway.api.v1alpha1.ProviderAccountSpec;
import dev.spillway.api.v1alpha1.SimulatedFault;
import dev.spillway.api.v1alpha1.Simulation;
import dev.spillway.api.v1alpha1.HedgeSpec;
import dev.spillway.api.v1alpha1.PolicyMatch;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.api.v1alpha1.StickinessSpec;
import dev.spillway.api.v1alpha1.Timeouts;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.CallerFallbacksConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.JobsConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.config.StickinessConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCompilerTest {

  private static RouterConfig compileOk(TestResources resources) {
    CompileResult result = resources.compile();
    assertThat(result.problems()).isEmpty();
    return result.config();
  }

  @Test
  void accountsGetTheProvidersDefaults() {
    RouterConfig config = compileOk(TestResources.valid());

    AccountConfig openai = config.account("openai");
    assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(openai.credentials()).isEqualTo(new SecretRef(TestResources.SECRET, "openai"));
    assertThat(openai.apiVersion()).isNull();
    assertThat(openai.timeouts()).isEqualTo(TimeoutConfig.DEFAULTS);
    assertThat(openai.limits()).isNull();
    assertThat(openai.budget()).isNull();
    assertThat(openai.healthCheck()).isEqualTo(HealthCheckConfig.DISABLED);
    assertThat(openai.simulation()).isNull();

    AccountConfig anthropic = config.account("anthropic");
    assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");
    assertThat(anthropic.apiVersion()).isEqualTo("2023-06-01");

    AccountConfig sim = config.account("sim");
    assertThat(sim.baseUrl()).isEqualTo("simulated://sim");
    assertThat(sim.credentials()).isNull();
    assertThat(sim.simulation())
        .isEqualTo(new SimulationConfig(40, 0, 10, 0, 503, SimulationConfig.DEFAULT_REPLY, List.of()));
  }

  @Test
  void givenAccountSettingsAreKeptAndNormalised() {
    TestResources resources = TestResources.valid()
        .account("vllm", ProviderKind.OPENAI_COMPATIBLE, null)
        .account("gemini", ProviderKind.GEMINI, new SecretKeyRef(TestResources.SECRET, "openai"))
        .account("bedrock", ProviderKind.BEDROCK, new SecretKeyRef(TestResources.SECRET, "openai"));
    resources.accountSpec("bedrock").region = "eu-west-3";
    resources.account("vertex", ProviderKind.VERTEX, new SecretKeyRef(TestResources.SECRET, "openai"))
        .account("vertex-global", ProviderKind.VERTEX, new SecretKeyRef(TestResources.SECRET, "openai"));
    resources.accountSpec("vertex").region = "europe-west4";
    resources.accountSpec("vertex-global").region = "global";
    resources.accountSpec("vllm").baseUrl = "http://vllm:8000/v1/";
    resources.accountSpec("vllm").timeouts = new Timeouts();
    resources.accountSpec("vllm").timeouts.connect = "250ms";
    resources.accountSpec("vllm").headers = Map.of("X-Team", "search");

    RouterConfig config = compileOk(resources);

    AccountConfig vllm = config.account("vllm");
    assertThat(vllm.baseUrl()).isEqualTo("http://vllm:8000/v1");
    assertThat(vllm.credentials()).isNull();
    assertThat(vllm.timeouts()).isEqualTo(new TimeoutConfig(250, 30_000, 120_000));
    assertThat(vllm.headers()).containsExactly(Map.entry("X-Team", "search"));
    assertThat(config.account("gemini").baseUrl())
        .isEqualTo("https://generativelanguage.googleapis.com/v1beta");
    assertThat(config.account("bedrock").baseUrl()).isEqualTo("https://bedrock-runtime.eu-west-3.amazonaws.com");
    assertThat(config.account("bedrock").region()).isEqualTo("eu-west-3");
    assertThat(config.account("vertex").baseUrl()).isEqualTo("https://europe-west4-aiplatform.googleapis.com/v1");
    assertThat(config.account("vertex-global").baseUrl()).isEqualTo("https://aiplatform.googleapis.com/v1");
  }

  @Test
  void limitsBudgetHealthChecksAndSimulatedFaultsAreCompiled() {
    TestResources resources = TestResources.valid();
    ProviderAccountSpec openai = resources.accountSpec("openai");
    openai.limits = new Limits();
    openai.limits.requestsPerMinute = 500;
    openai.budget = new Budget();
    openai.budget.amountUsd = 300.0;
    openai.budget.alertAtPercent = List.of(95, 50);
    openai.healthCheck = new HealthCheck();
    openai.healthCheck.interval = "30s";
    openai.healthCheck.probe = "completion";
    Simulation simulation = new Simulation();
    simulation.latency = "0ms";
    simulation.faults = List.of(fault("rateLimit", null), fault("slow", "2s"));
    simulation.faults.get(0).start = "1m";
    simulation.faults.get(0).duration = "10s";
    simulation.faults.get(0).every = "2m";
    resources.accountSpec("sim").simulation = simulation;

    RouterConfig config = compileOk(resources);

    AccountConfig account = config.account("openai");
    assertThat(account.limits()).isEqualTo(new LimitsConfig(500, 0));
    assertThat(account.budget()).isEqualTo(new BudgetConfig(300, "monthly", List.of(50, 95), "deprioritize"));
    assertThat(account.healthCheck()).isEqualTo(new HealthCheckConfig(30_000, 5_000, dev.spillway.config.HealthProbe.COMPLETION));
    SimulationConfig sim = config.account("sim").simulation();
    assertThat(sim.latencyMs()).isZero();
    assertThat(sim.faults()).containsExactly(
        new FaultConfig(FaultKind.RATE_LIMIT, 60_000, 10_000, 120_000, 503, 0),
        new FaultConfig(FaultKind.SLOW, 0, 0, 0, 503, 2_000));
  }

  private static SimulatedFault fault(String kind, String latency) {
    SimulatedFault fault = new SimulatedFault();
    fault.kind = kind;
    fault.latency = latency;
    return fault;
  }

  @Test
  void modelsGetTheirChainsTargetsAndCapabilities() {
    TestResources resources = TestResources.valid();
    resources.modelSpec("chat").capabilities = new Capabilities();
    resources.modelSpec("chat").capabilities.tools = true;
    resources.modelSpec("chat").capabilities.contextWindow = 128_000;
    resources.target("chat", 1).capabilities = new Capabilities();
    resources.target("chat", 1).capabilities.vision = true;
    resources.target("chat", 1).capabilities.reasoning = false;
    resources.target("chat", 1).tier = 2;
    resources.target("chat", 1).pricing = new dev.spillway.api.v1alpha1.Pricing();
    resources.target("chat", 1).pricing.inputPerMTok = 1.0;
    resources.target("chat", 1).pricing.cacheWriteInputPerMTok = 1.25;
    resources.target("chat", 0).pricing = new dev.spillway.api.v1alpha1.Pricing();
    resources.target("chat", 0).pricing.inputPerMTok = 0.15;

    RouterConfig config = compileOk(resources);

    ModelConfig chat = config.model("chat").orElseThrow();
    assertThat(chat.chain()).containsExactly("chat", "backup");
    assertThat(chat.capabilities()).isEqualTo(new CapabilitySet(true, true, false, false, false, 128_000)
        .serving(Set.of(Endpoint.CHAT)));
    assertThat(chat.targets()).extracting(TargetConfig::id)
        .containsExactly("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5");
    TargetConfig claude = chat.targets().get(1);
    assertThat(claude.capabilities()).isEqualTo(new CapabilitySet(true, true, true, false, false, 128_000, false)
        .serving(Set.of(Endpoint.CHAT)));
    assertThat(claude.tier()).isEqualTo(2);
    assertThat(claude.pricing().cacheWriteInputPerMTok()).isEqualTo(1.25);
    assertThat(chat.targets().get(0).pricing().cacheWriteInputPerMTok()).as("unset: the input price").isEqualTo(0.15);
    assertThat(claude.weight()).isEqualTo(1);
    assertThat(chat.targets().get(0).tier()).isEqualTo(1);
    assertThat(config.model("backup").orElseThrow().chain()).containsExactly("backup");
    assertThat(config.model("backup").orElseThrow().capabilities())
        .as("a resource that says nothing serves chat only")
        .isEqualTo(CapabilitySet.DEFAULTS.serving(Set.of(Endpoint.CHAT)));
  }

  @Test
  void targetsAreOrderedByPriorityThenPosition() {
    TestResources resources = TestResources.empty()
        .account("sim", ProviderKind.SIMULATED, null)
        .model("m", target("sim", "a"), target("sim", "b"), target("sim", "c"), target("sim", "d"));
    resources.target("m", 0).priority = 5;
    resources.target("m", 1).priority = 1;
    resources.target("m", 3).priority = 1;

    ModelConfig model = compileOk(resources).model("m").orElseThrow();

    // c keeps its default priority 2 (its index); b and d tie at 1 and keep their list order.
    assertThat(model.targets()).extracting(TargetConfig::model).containsExactly("b", "d", "c", "a");
  }

  @Test
  void policiesAreSortedHighestFirstWithRoutesExpandedAndDeduplicated() {
    TestResources resources = TestResources.valid()
        .model("cheap", target("sim", "sim-cheap"))
        .policy("batch", 1)
        .policy("urgent", 100);
    resources.policySpec("batch").route = route("cheap", "backup", "chat");
    resources.policySpec("urgent").match = new PolicyMatch();
    resources.policySpec("urgent").match.headers = Map.of("X-Priority", "urgent");
    resources.policySpec("urgent").match.models = List.of("chat");

    RouterConfig config = compileOk(resources);

    assertThat(config.policies()).extracting(PolicyConfig::name)
        .containsExactly("urgent", "interactive", "batch");
    assertThat(config.policies().get(1).route()).containsExactly("chat", "backup");
    // backup is already in the route when chat's chain is appended, so only chat is added.
    assertThat(config.policies().get(2).route()).containsExactly("cheap", "backup", "chat");
    PolicyConfig urgent = config.policies().get(0);
    assertThat(urgent.route()).isEmpty();
    assertThat(urgent.match().headers()).containsExactly(Map.entry("x-priority", "urgent"));
    assertThat(urgent.match().models()).containsExactly("chat");
  }

  @Test
  void policyDefaultsAreApplied() {
    PolicyConfig policy = compileOk(TestResources.valid()).policies().get(0);

    assertThat(policy.match()).isEqualTo(MatchConfig.ANY);
    assertThat(policy.maxFallbackDepth()).isNull();
    assertThat(policy.minTier()).isZero();
    assertThat(policy.contentPolicyFallback()).isFalse();
    assertThat(policy.timeouts()).isEqualTo(TimeoutOverrides.NONE);
    assertThat(policy.triggers()).isEqualTo(TriggersConfig.NONE);
    assertThat(policy.circuitBreaker()).isEqualTo(CircuitBreakerConfig.DEFAULTS);
    assertThat(policy.retry()).isEqualTo(RetryConfig.NONE);
    assertThat(policy.hedge()).as("hedging is on by default").isEqualTo(HedgeConfig.DEFAULTS);
    assertThat(policy.stickiness()).isNull();
    assertThat(policy.experiment()).isNull();
    assertThat(policy.scoring()).isEqualTo(ScoringConfig.DEFAULTS);
    assertThat(policy.jobsOrDefaults()).isEqualTo(JobsConfig.DEFAULTS);
    assertThat(policy.callerFallbacksOrDefaults()).isEqualTo(CallerFallbacksConfig.ANY);
  }

  @Test
  void jobDeadlinesAndCallerFallbackLimitsAreCompiled() {
    TestResources resources = TestResources.valid();
    resources.policySpec("interactive").jobs = new dev.spillway.api.v1alpha1.JobsSpec();
    resources.policySpec("interactive").jobs.firstProgress = "45s";
    resources.policySpec("interactive").jobs.total = "10m";
    resources.policySpec("interactive").callerFallbacks = new dev.spillway.api.v1alpha1.CallerFallbacksSpec();
    resources.policySpec("interactive").callerFallbacks.models = List.of("backup");

    PolicyConfig policy = compileOk(resources).policies().get(0);

    assertThat(policy.jobs()).isEqualTo(new JobsConfig(45_000, 600_000, JobsConfig.DEFAULTS.pollIntervalMs()));
    assertThat(policy.callerFallbacks()).isEqualTo(new CallerFallbacksConfig(true, List.of("backup")));
    assertThat(policy.callerFallbacks().permits("backup")).isTrue();
    assertThat(policy.callerFallbacks().permits("chat")).isFalse();
  }

  @Test
  void hedgeAndStickinessAreParsed() {
    // interactive: hedge delay left out (auto), sticky on a header; sticky: a fixed delay, the default
    // user key; auto: the delay spelled out as auto.
    TestResources resources = TestResources.valid().policy("sticky", 20).policy("auto", 30);
    resources.policySpec("auto").hedge = new HedgeSpec();
    resources.policySpec("auto").hedge.after = "auto";
    resources.policySpec("interactive").hedge = new HedgeSpec();
    resources.policySpec("interactive").stickiness = new StickinessSpec();
    resources.policySpec("interactive").stickiness.key = "header:X-User-Id";
    resources.policySpec("sticky").hedge = new HedgeSpec();
    resources.policySpec("sticky").hedge.after = "300ms";
    resources.policySpec("sticky").hedge.maxPercent = 10;
    resources.policySpec("sticky").stickiness = new StickinessSpec();

    RouterConfig config = compileOk(resources);

    assertThat(config.policies().get(0).hedge()).isEqualTo(new HedgeConfig(null, 10));
    PolicyConfig sticky = config.policies().get(1);
    PolicyConfig interactive = config.policies().get(2);
    assertThat(interactive.hedge()).isEqualTo(new HedgeConfig(null, 10));
    assertThat(interactive.stickiness()).isEqualTo(new StickinessConfig("header", "x-user-id"));
    assertThat(sticky.hedge()).isEqualTo(new HedgeConfig(300L, 10));
    assertThat(sticky.stickiness()).isEqualTo(new StickinessConfig("body", "user"));
  }

  @Test
  void theDefaultPolicyRoutesToTheRequestedModel() {
    RouterConfig config = compileOk(TestResources.valid());

    assertThat(config.defaultPolicy()).isEqualTo(new PolicyConfig(
        PolicyConfig.DEFAULT_NAME, Integer.MIN_VALUE, MatchConfig.ANY, List.of(), null, 0,
        TimeoutOverrides.NONE, TriggersConfig.NONE, CircuitBreakerConfig.DEFAULTS, RetryConfig.NONE,
        HedgeConfig.DEFAULTS, null, null, ScoringConfig.DEFAULTS));
    assertThat(config.source()).isEqualTo("test");
    assertThat(config.version()).matches("[0-9a-f]{12}");
  }

  @Test
  void anEmptySetCompilesToAConfigWithOnlyTheDefaultPolicy() {
    RouterConfig config = compileOk(TestResources.empty());

    assertThat(config.accounts()).isEmpty();
    assertThat(config.policies()).isEmpty();
    assertThat(config.defaultPolicy().name()).isEqualTo(PolicyConfig.DEFAULT_NAME);
  }
}
