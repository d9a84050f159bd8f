package dev.spillway.compiler;

import static dev.spillway.compiler.TestResources.route;
import static dev.spillway.compiler.TestResources.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spillway.api.v1alpha1.ProviderKind;
import org.junit.jupiter.api.Test;

/** Problems that involve several resources, and many problems at once. */
class CrossResourceProblemsTest {

  @Test
  void aFallbackCycleIsReportedOnEveryModelInItShowingTheCycle() {
    TestResources resources = TestResources.valid().model("extra", target("sim", "sim-2"));
    resources.modelSpec("backup").fallback = "chat";
    resources.modelSpec("extra").fallback = "chat";

    CompileResult result = resources.compile();

    // extra only leads into the cycle: it is not part of it, so it is not blamed.
    assertThat(result.problems())
        .extracting(Problem::kind, Problem::name, Problem::field, Problem::message)
        .containsExactly(
            tuple("LogicalModel", "backup", "spec.fallback", "fallback cycle: backup -> chat -> backup"),
            tuple("LogicalModel", "chat", "spec.fallback", "fallback cycle: chat -> backup -> chat"));
  }

  @Test
  void aDuplicatePriorityIsReportedOnEachPolicyNamingTheOthers() {
    TestResources resources = TestResources.valid().policy("batch", 10).policy("bulk", 10).policy("other", 5);

    CompileResult result = resources.compile();

    assertThat(result.problems())
        .extracting(Problem::name, Problem::field, Problem::message)
        .containsExactly(
            tuple("batch", "spec.priority", "duplicate priority 10, also used by RoutingPolicy \"bulk\","
                + " RoutingPolicy \"interactive\": priorities must be unique"),
            tuple("bulk", "spec.priority", "duplicate priority 10, also used by RoutingPolicy \"batch\","
                + " RoutingPolicy \"interactive\": priorities must be unique"),
            tuple("interactive", "spec.priority", "duplicate priority 10, also used by RoutingPolicy"
                + " \"batch\", RoutingPolicy \"bulk\": priorities must be unique"));
  }

  @Test
  void everyProblemIsReportedAtOnceAndNoConfigIsProduced() {
    TestResources resources = TestResources.valid().policy("batch", 10);
    resources.accountSpec("openai").baseUrl = "not a url";
    resources.target("chat", 1).account = "antropic";
    resources.modelSpec("backup").fallback = "missing";
    resources.policySpec("batch").route = route("chat", "nope");
    resources.policySpec("interactive").maxFallbackDepth = -2;

    CompileResult result = resources.compile();

    assertThat(result.ok()).isFalse();
    assertThat(result.configIfOk()).isEmpty();
    assertThat(result.problems())
        .extracting(Problem::kind, Problem::name, Problem::field)
        .containsExactly(
            tuple("ProviderAccount", "openai", "spec.baseUrl"),
            tuple("LogicalModel", "chat", "spec.targets[1].account"),
            tuple("LogicalModel", "backup", "spec.fallback"),
            tuple("RoutingPolicy", "batch", "spec.route.fallbacks[0]"),
            tuple("RoutingPolicy", "interactive", "spec.maxFallbackDepth"),
            tuple("RoutingPolicy", "batch", "spec.priority"),
            tuple("RoutingPolicy", "interactive", "spec.priority"));
  }

  @Test
  void aModelUsingABrokenAccountIsNotBlamedForIt() {
    TestResources resources = TestResources.valid()
        .account("vllm", ProviderKind.OPENAI_COMPATIBLE, null)
        .model("local", target("vllm", "llama"));

    CompileResult result = resources.compile();

    assertThat(result.problems()).extracting(Problem::kind, Problem::field)
        .containsExactly(tuple("ProviderAccount", "spec.baseUrl"));
  }

  @Test
  void problemsReadAsOneLine() {
    TestResources resources = TestResources.valid();
    resources.policySpec("interactive").maxFallbackDepth = -1;

    assertThat(resources.compile().problems()).singleElement().hasToString(
        "RoutingPolicy/interactive spec.maxFallbackDepth: must be at least 0, got -1");
  }
}
