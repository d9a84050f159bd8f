package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Triggers;
import dev.spillway.config.TriggerScope;
import org.junit.jupiter.api.Test;

class TriggerScopeCompileTest {

  @Test
  void tierScopeCompilesAndTargetIsTheDefault() {
    TestResources tier = TestResources.valid();
    tier.policySpec("interactive").triggers = new Triggers();
    tier.policySpec("interactive").triggers.errorRate = 0.05;
    tier.policySpec("interactive").triggers.scope = "tier";
    assertThat(policy(tier).triggers().scope()).isEqualTo(TriggerScope.TIER);

    TestResources unset = TestResources.valid();
    unset.policySpec("interactive").triggers = new Triggers();
    unset.policySpec("interactive").triggers.errorRate = 0.05;
    assertThat(policy(unset).triggers().scope()).isEqualTo(TriggerScope.TARGET);
  }

  private static dev.spillway.config.PolicyConfig policy(TestResources set) {
    return set.compile().config().policies().stream().filter(p -> p.name().equals("interactive")).findFirst()
        .orElseThrow();
  }
}
