package dev.spillway.compiler;

import static dev.spillway.compiler.TestResources.route;
import static dev.spillway.compiler.ValidationCase.invalid;

import dev.spillway.api.v1alpha1.CallerFallbacksSpec;
import dev.spillway.api.v1alpha1.Capabilities;
import dev.spillway.api.v1alpha1.CircuitBreakerSpec;
import dev.spillway.api.v1alpha1.ExperimentSpec;
import dev.spillway.api.v1alpha1.HedgeSpec;
import dev.spillway.api.v1alpha1.JobsSpec;
import dev.spillway.api.v1alpha1.PolicyMatch;
import dev.spillway.api.v1alpha1.RetrySpec;
import dev.spillway.api.v1alpha1.ScoringWeights;
import dev.spillway.api.v1alpha1.StickinessSpec;
import dev.spillway.api.v1alpha1.Triggers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per RoutingPolicy rule: the valid set with one field broken. */
class PolicyValidationTest {
  private static final String KIND = "RoutingPolicy";
  private static final String P = "interactive";

  static Stream<ValidationCase> cases() {
    return Stream.of(
        invalid("missing priority", r -> r.policySpec(P).priority = null)
            .expect(KIND, P, "spec.priority", "is required"),
        invalid("missing priority beside a policy at 0", r -> {
              r.policySpec(P).priority = null;
              r.policy("zero", 0);
            })
            .expect(KIND, P, "spec.priority", "is required"),
        invalid("unknown route model", r -> r.policySpec(P).route = route("chta"))
            .expect(KIND, P, "spec.route.model", "unknown LogicalModel \"chta\"", "backup, chat"),
        invalid("route without model", r -> r.policySpec(P).route = route(null, "backup"))
            .expect(KIND, P, "spec.route.model", "is required"),
        invalid("unknown route fallback", r -> r.policySpec(P).route = route("chat", "backup", "gone"))
            .expect(KIND, P, "spec.route.fallbacks[1]", "unknown LogicalModel \"gone\""),
        invalid("unknown matched model", r -> match(r).models = List.of("chat", "nope"))
            .expect(KIND, P, "spec.match.models[1]", "unknown LogicalModel \"nope\""),
        invalid("header given twice", r -> match(r).headers = new TreeMap<>(Map.of("X-Tenant", "a", "x-tenant", "b")))
            .expect(KIND, P, "spec.match.headers.x-tenant", "ignore case", "given twice"),
        invalid("negative maxFallbackDepth", r -> r.policySpec(P).maxFallbackDepth = -1)
            .expect(KIND, P, "spec.maxFallbackDepth", "at least 0, got -1"),
        invalid("minTier 0", r -> r.policySpec(P).minTier = 0)
            .expect(KIND, P, "spec.minTier", "at least 1, got 0"),
        invalid("minTier nothing satisfies", r -> {
              r.target("chat", 0).tier = 3;
              r.target("chat", 1).tier = 2;
              r.target("backup", 0).tier = 4;
              r.policySpec(P).minTier = 1;
            })
            .expect(KIND, P, "spec.minTier", "no routed target has tier 1 or better",
                "openai/gpt-4o-mini has tier 3"),
        invalid("streaming-only onto a model that cannot stream", r -> {
              r.modelSpec("backup").capabilities = new Capabilities();
              r.modelSpec("backup").capabilities.streaming = false;
              r.policySpec(P).route = route("backup");
              match(r).streaming = true;
            })
            .expect(KIND, P, "spec.match.streaming", "only streaming calls", "spec.route.model",
                "LogicalModel \"backup\"", "no streaming-capable target"),
        invalid("streaming-only matching a model that cannot stream", r -> {
              r.modelSpec("backup").capabilities = new Capabilities();
              r.modelSpec("backup").capabilities.streaming = false;
              r.policySpec(P).route = null;
              match(r).models = List.of("chat", "backup");
              match(r).streaming = true;
            })
            .expect(KIND, P, "spec.match.streaming", "spec.match.models[1]", "\"backup\""),
        invalid("a region name with capitals", r -> regions(r).allow = List.of("EU-West-1"))
            .expect(KIND, P, "spec.regions.allow[0]", "\"EU-West-1\" is not a region name"),
        invalid("an empty allow set", r -> regions(r).allow = List.of())
            .expect(KIND, P, "spec.regions.allow", "needs at least one region"),
        invalid("preferring a region the policy does not allow", r -> {
              regions(r).allow = List.of("eu-west-1");
              regions(r).prefer = List.of("local", "us-east-1");
            })
            .expect(KIND, P, "spec.regions.prefer[1]", "\"us-east-1\" is not in spec.regions.allow [eu-west-1]"),
        invalid("latency trigger 0", r -> triggers(r).latencyP95Ms = 0)
            .expect(KIND, P, "spec.triggers.latencyP95Ms", "greater than 0, got 0"),
        invalid("error-rate trigger 0", r -> triggers(r).errorRate = 0.0)
            .expect(KIND, P, "spec.triggers.errorRate", "greater than 0 and at most 1, got 0"),
        invalid("negative drift sigma", r -> triggers(r).qualityDriftSigma = -2.0)
            .expect(KIND, P, "spec.triggers.qualityDriftSigma", "greater than 0, got -2"),
        invalid("an unknown trigger scope", r -> triggers(r).scope = "model")
            .expect(KIND, P, "spec.triggers.scope", "\"model\" is not allowed: use one of target, tier"),
        invalid("failure rate threshold 1.5", r -> breaker(r).failureRateThreshold = 1.5)
            .expect(KIND, P, "spec.circuitBreaker.failureRateThreshold", "greater than 0 and at most 1"),
        invalid("minimumCalls 0", r -> breaker(r).minimumCalls = 0)
            .expect(KIND, P, "spec.circuitBreaker.minimumCalls", "at least 1, got 0"),
        invalid("consecutiveFailures 0", r -> breaker(r).consecutiveFailures = 0)
            .expect(KIND, P, "spec.circuitBreaker.consecutiveFailures", "at least 1, got 0"),
        invalid("bad window", r -> breaker(r).window = "30")
            .expect(KIND, P, "spec.circuitBreaker.window", "\"30\" is not a duration"),
        invalid("bad openFor", r -> breaker(r).openFor = "-1s")
            .expect(KIND, P, "spec.circuitBreaker.openFor", "\"-1s\" is not a duration"),
        invalid("halfOpenProbes 0", r -> breaker(r).halfOpenProbes = 0)
            .expect(KIND, P, "spec.circuitBreaker.halfOpenProbes", "at least 1, got 0"),
        invalid("ramp not increasing", r -> breaker(r).recoveryRamp = List.of(5, 5, 100))
            .expect(KIND, P, "spec.circuitBreaker.recoveryRamp[1]", "greater than the step before (5)"),
        invalid("ramp not ending at 100", r -> breaker(r).recoveryRamp = List.of(1, 50))
            .expect(KIND, P, "spec.circuitBreaker.recoveryRamp", "must end at 100, got [1, 50]"),
        invalid("ramp step above 100", r -> breaker(r).recoveryRamp = List.of(10, 200))
            .expect(KIND, P, "spec.circuitBreaker.recoveryRamp[1]", "between 1 and 100, got 200"),
        invalid("11 attempts", r -> retry(r).attempts = 11)
            .expect(KIND, P, "spec.retry.attempts", "between 1 and 10, got 11"),
        invalid("bad backoff", r -> retry(r).backoff = "soon")
            .expect(KIND, P, "spec.retry.backoff", "\"soon\" is not a duration"),
        invalid("bad retry kind", r -> retry(r).on = List.of("connect", "4xx"))
            .expect(KIND, P, "spec.retry.on[1]", "\"4xx\"", "connect, timeout, 429, 5xx"),
        invalid("bad hedge delay", r -> hedge(r).after = "fast")
            .expect(KIND, P, "spec.hedge.after", "\"fast\" is not a duration"),
        invalid("hedge percent above 100", r -> hedge(r).maxPercent = 101)
            .expect(KIND, P, "spec.hedge.maxPercent", "between 0 and 100, got 101"),
        invalid("bad stickiness key", r -> stickiness(r).key = "cookie:session")
            .expect(KIND, P, "spec.stickiness.key", "\"cookie:session\"", "header:<name>", "body:<field>"),
        invalid("experiment on a target outside the route", r -> experiment(r).weights =
                Map.of("openai/gpt-4o-mini", 90, "openai/gpt-5", 10))
            .expect(KIND, P, "spec.experiment.weights.openai/gpt-5", "\"openai/gpt-5\"",
                "anthropic/claude-haiku-4-5"),
        invalid("experiment with a negative weight", r -> experiment(r).weights =
                Map.of("openai/gpt-4o-mini", 90, "sim/sim-1", -10))
            .expect(KIND, P, "spec.experiment.weights.sim/sim-1", "at least 0, got -10"),
        invalid("experiment with only zero weights", r -> experiment(r).weights =
                Map.of("openai/gpt-4o-mini", 0))
            .expect(KIND, P, "spec.experiment.weights", "at least one target with a weight above 0"),
        invalid("negative scoring weight", r -> {
              r.policySpec(P).scoring = new ScoringWeights();
              r.policySpec(P).scoring.cost = -1.0;
            })
            .expect(KIND, P, "spec.scoring.cost", "at least 0, got -1"),
        invalid("bad policy timeout", r -> {
              r.policySpec(P).timeouts = new dev.spillway.api.v1alpha1.Timeouts();
              r.policySpec(P).timeouts.firstToken = "2 s";
            })
            .expect(KIND, P, "spec.timeouts.firstToken", "\"2 s\" is not a duration"),
        invalid("job firstProgress longer than total", r -> jobs(r, "10m", "5m", null))
            .expect(KIND, P, "spec.jobs.firstProgress", "must not be longer than spec.jobs.total"),
        invalid("job poll interval not shorter than firstProgress", r -> jobs(r, "30s", null, "30s"))
            .expect(KIND, P, "spec.jobs.pollInterval", "must be shorter than spec.jobs.firstProgress"),
        invalid("bad job duration", r -> jobs(r, "soon", null, null))
            .expect(KIND, P, "spec.jobs.firstProgress", "\"soon\" is not a duration"),
        invalid("unknown caller fallback model", r -> callerFallbacks(r, null, "backup", "sora"))
            .expect(KIND, P, "spec.callerFallbacks.models[1]", "unknown LogicalModel \"sora\""),
        invalid("caller fallbacks forbidden and listed", r -> callerFallbacks(r, false, "backup"))
            .expect(KIND, P, "spec.callerFallbacks.models", "allow is false"),
        invalid("missing spec", r -> r.policy("empty", 3).policyResource("empty").setSpec(null))
            .expect(KIND, "empty", "spec", "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheBrokenField(ValidationCase validationCase) {
    validationCase.assertReported();
  }

  private static void jobs(TestResources r, String firstProgress, String total, String pollInterval) {
    r.policySpec(P).jobs = new JobsSpec();
    r.policySpec(P).jobs.firstProgress = firstProgress;
    r.policySpec(P).jobs.total = total;
    r.policySpec(P).jobs.pollInterval = pollInterval;
  }

  private static void callerFallbacks(TestResources r, Boolean allow, String... models) {
    r.policySpec(P).callerFallbacks = new CallerFallbacksSpec();
    r.policySpec(P).callerFallbacks.allow = allow;
    r.policySpec(P).callerFallbacks.models = List.of(models);
  }

  private static PolicyMatch match(TestResources r) {
    if (r.policySpec(P).match == null) {
      r.policySpec(P).match = new PolicyMatch();
    }
    return r.policySpec(P).match;
  }

  private static Triggers triggers(TestResources r) {
    return r.policySpec(P).triggers = new Triggers();
  }

  private static CircuitBreakerSpec breaker(TestResources r) {
    return r.policySpec(P).circuitBreaker = new CircuitBreakerSpec();
  }

  private static RetrySpec retry(TestResources r) {
    return r.policySpec(P).retry = new RetrySpec();
  }

  private static HedgeSpec hedge(TestResources r) {
    HedgeSpec hedge = new HedgeSpec();
    hedge.after = "300ms";
    return r.policySpec(P).hedge = hedge;
  }

  private static StickinessSpec stickiness(TestResources r) {
    return r.policySpec(P).stickiness = new StickinessSpec();
  }

  private static ExperimentSpec experiment(TestResources r) {
    return r.policySpec(P).experiment = new ExperimentSpec();
  }

  private static dev.spillway.api.v1alpha1.RegionsSpec regions(TestResources r) {
    if (r.policySpec(P).regions == null) {
      r.policySpec(P).regions = new dev.spillway.api.v1alpha1.RegionsSpec();
    }
    return r.policySpec(P).regions;
  }
}
