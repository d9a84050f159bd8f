package dev.spillway.compiler;

import static dev.spillway.compiler.ValidationCase.invalid;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.api.v1alpha1.HealthCheck;
import dev.spillway.api.v1alpha1.Limits;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.api.v1alpha1.SimulatedFault;
import dev.spillway.api.v1alpha1.Simulation;
import dev.spillway.api.v1alpha1.Timeouts;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per ProviderAccount rule: the valid set with one field broken. */
class AccountValidationTest {
  private static final String KIND = "ProviderAccount";

  static Stream<ValidationCase> cases() {
    return Stream.of(
        invalid("missing provider", r -> r.accountSpec("openai").provider = null)
            .expect(KIND, "openai", "spec.provider", "is required", "openai-compatible"),
        invalid("openai-compatible without baseUrl", r -> r.account("vllm", ProviderKind.OPENAI_COMPATIBLE, null))
            .expect(KIND, "vllm", "spec.baseUrl", "is required for provider openai-compatible"),
        invalid("bedrock without region",
                r -> r.account("aws", ProviderKind.BEDROCK, new SecretKeyRef(TestResources.SECRET, "openai")))
            .expect(KIND, "aws", "spec.region", "is required", "us-east-1"),
        invalid("vertex without region",
                r -> r.account("gcp", ProviderKind.VERTEX, new SecretKeyRef(TestResources.SECRET, "openai")))
            .expect(KIND, "gcp", "spec.region", "is required", "us-central1"),
        invalid("relative baseUrl", r -> r.accountSpec("openai").baseUrl = "api.example.com/v1")
            .expect(KIND, "openai", "spec.baseUrl", "\"api.example.com/v1\"", "absolute http(s) URL"),
        invalid("ftp baseUrl", r -> r.accountSpec("openai").baseUrl = "ftp://example.com")
            .expect(KIND, "openai", "spec.baseUrl", "\"ftp://example.com\""),
        invalid("missing credentials", r -> r.accountSpec("anthropic").credentialsSecretRef = null)
            .expect(KIND, "anthropic", "spec.credentialsSecretRef", "is required for provider anthropic"),
        invalid("credentials without key",
                r -> r.accountSpec("openai").credentialsSecretRef = new SecretKeyRef(TestResources.SECRET, null))
            .expect(KIND, "openai", "spec.credentialsSecretRef.key", "is required"),
        invalid("credentials without name",
                r -> r.accountSpec("openai").credentialsSecretRef = new SecretKeyRef(" ", "openai"))
            .expect(KIND, "openai", "spec.credentialsSecretRef.name", "is required"),
        invalid("missing Secret",
                r -> r.accountSpec("openai").credentialsSecretRef = new SecretKeyRef("nope", "openai"))
            .expect(KIND, "openai", "spec.credentialsSecretRef.name", "Secret \"nope\" does not exist"),
        invalid("missing Secret key",
                r -> r.accountSpec("openai").credentialsSecretRef = new SecretKeyRef(TestResources.SECRET, "gemini"))
            .expect(KIND, "openai", "spec.credentialsSecretRef.key",
                "Secret \"llm-keys\" has no key \"gemini\""),
        invalid("bad duration", r -> timeouts(r).firstToken = "10 seconds")
            .expect(KIND, "openai", "spec.timeouts.firstToken", "\"10 seconds\" is not a duration", "250ms"),
        invalid("zero duration", r -> timeouts(r).request = "0s")
            .expect(KIND, "openai", "spec.timeouts.request", "greater than 0", "\"0s\""),
        invalid("zero rate limit", r -> limits(r).requestsPerMinute = 0)
            .expect(KIND, "openai", "spec.limits.requestsPerMinute", "greater than 0, got 0"),
        invalid("negative token limit", r -> limits(r).tokensPerMinute = -5)
            .expect(KIND, "openai", "spec.limits.tokensPerMinute", "greater than 0, got -5"),
        invalid("budget without amount", r -> budget(r).amountUsd = null)
            .expect(KIND, "openai", "spec.budget.amountUsd", "is required"),
        invalid("NaN budget", r -> budget(r).amountUsd = Double.NaN)
            .expect(KIND, "openai", "spec.budget.amountUsd", "greater than 0, got NaN"),
        invalid("bad budget period", r -> budget(r).period = "yearly")
            .expect(KIND, "openai", "spec.budget.period", "\"yearly\"", "daily, weekly, monthly"),
        invalid("alert over 100%", r -> budget(r).alertAtPercent = List.of(50, 120))
            .expect(KIND, "openai", "spec.budget.alertAtPercent[1]", "between 1 and 100, got 120"),
        invalid("bad onExhausted", r -> budget(r).onExhausted = "panic")
            .expect(KIND, "openai", "spec.budget.onExhausted", "\"panic\"", "deprioritize, block"),
        invalid("bad probe", r -> health(r).probe = "ping")
            .expect(KIND, "openai", "spec.healthCheck.probe", "\"ping\"", "models, completion"),
        invalid("bad health interval", r -> health(r).interval = "often")
            .expect(KIND, "openai", "spec.healthCheck.interval", "\"often\" is not a duration"),
        invalid("simulation on a real provider", r -> r.accountSpec("openai").simulation = new Simulation())
            .expect(KIND, "openai", "spec.simulation", "only allowed with provider simulated, got openai"),
        invalid("simulated error rate above 1", r -> simulation(r).errorRate = 1.5)
            .expect(KIND, "sim", "spec.simulation.errorRate", "between 0 and 1, got 1.5"),
        invalid("simulated error status 200", r -> simulation(r).errorStatus = 200)
            .expect(KIND, "sim", "spec.simulation.errorStatus", "between 400 and 599, got 200"),
        invalid("unknown fault kind", r -> fault(r, "explode"))
            .expect(KIND, "sim", "spec.simulation.faults[0].kind", "\"explode\"", "rateLimit"),
        invalid("slow fault without latency", r -> fault(r, "slow"))
            .expect(KIND, "sim", "spec.simulation.faults[0].latency", "is required"),
        invalid("azure without apiVersion", r -> r.accountSpec("openai").azureDeployments = true)
            .expect(KIND, "openai", "spec.apiVersion", "required with azureDeployments"),
        invalid("azure on anthropic", r -> {
              r.accountSpec("anthropic").azureDeployments = true;
              r.accountSpec("anthropic").apiVersion = "2024-10-21";
            })
            .expect(KIND, "anthropic", "spec.azureDeployments", "openai or openai-compatible"),
        invalid("API key in a header", r -> r.accountSpec("openai").headers = Map.of("Authorization", "Bearer x"))
            .expect(KIND, "openai", "spec.headers.Authorization", "carries credentials", "credentialsSecretRef"),
        invalid("missing name", r -> r.account("spare", ProviderKind.SIMULATED, null)
                .accountResource("spare").getMetadata().setName(null))
            .expect(KIND, "(unnamed)", "metadata.name", "is required"),
        invalid("duplicate name", r -> r.duplicateAccount("openai", ProviderKind.SIMULATED))
            .expect(KIND, "openai", "metadata.name", "duplicate name", "\"openai\""),
        invalid("missing spec", r -> r.accountResource("openai").setSpec(null))
            .expect(KIND, "openai", "spec", "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheBrokenField(ValidationCase validationCase) {
    validationCase.assertReported();
  }

  private static Timeouts timeouts(TestResources r) {
    return r.accountSpec("openai").timeouts = new Timeouts();
  }

  private static Limits limits(TestResources r) {
    return r.accountSpec("openai").limits = new Limits();
  }

  private static Budget budget(TestResources r) {
    Budget budget = new Budget();
    budget.amountUsd = 100.0;
    return r.accountSpec("openai").budget = budget;
  }

  private static HealthCheck health(TestResources r) {
    return r.accountSpec("openai").healthCheck = new HealthCheck();
  }

  private static Simulation simulation(TestResources r) {
    return r.accountSpec("sim").simulation = new Simulation();
  }

  private static void fault(TestResources r, String kind) {
    SimulatedFault fault = new SimulatedFault();
    fault.kind = kind;
    simulation(r).faults = List.of(fault);
  }
}
