package dev.spillway.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.TestResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared compiler's problems, mapped onto conditions (also pins the compiler's ref wording). */
class ResourceVerdictsTest {

  private static Condition condition(List<Condition> conditions, String type) {
    return Conditions.find(conditions, type);
  }

  @Test
  void aValidSetIsAcceptedResolvedAndProgrammedInTheNewVersion() {
    TestResources resources = TestResources.valid();
    CompileResult result = resources.compile();
    HasMetadata policy = resources.toSet().policies().get(0);

    List<Condition> conditions = new ResourceVerdicts(result, "old").of(policy).conditions();

    assertThat(conditions).extracting(Condition::getStatus).containsOnly("True");
    assertThat(condition(conditions, "Programmed").getMessage()).contains(result.config().version());
  }

  @Test
  void aMissingSecretIsResolvedRefsFalseNamingTheFieldWhileOthersKeepServing() {
    TestResources resources = TestResources.valid()
        .account("extra", ProviderKind.OPENAI, new SecretKeyRef("nowhere", "api-key"));
    CompileResult result = resources.compile();
    ResourceVerdicts verdicts = new ResourceVerdicts(result, "v-last");

    List<Condition> account = verdicts.of(resources.accountResource("extra")).conditions();
    assertThat(condition(account, "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(account, "ResolvedRefs").getStatus()).isEqualTo("False");
    assertThat(condition(account, "ResolvedRefs").getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(account, "ResolvedRefs").getMessage()).startsWith("spec.credentialsSecretRef.name:");
    assertThat(condition(account, "Programmed").getReason()).isEqualTo("ConfigRejected");

    HasMetadata bystander = resources.toSet().policies().get(0);
    Condition programmed = condition(verdicts.of(bystander).conditions(), "Programmed");
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getMessage()).contains("ProviderAccount/extra").contains("v-last");
  }

  @Test
  void anUnknownModelIsARefProblemAndABadValueIsAnAcceptedOne() {
    TestResources resources = TestResources.valid();
    String policyName = resources.toSet().policies().get(0).getMetadata().getName();
    resources.policySpec(policyName).route = TestResources.route("no-such-model");
    resources.policySpec(policyName).maxFallbackDepth = -1;
    CompileResult result = resources.compile();

    List<Condition> conditions = new ResourceVerdicts(result, null).of(resources.policyResource(policyName)).conditions();

    assertThat(condition(conditions, "ResolvedRefs").getReason()).isEqualTo("RefNotFound");
    assertThat(condition(conditions, "ResolvedRefs").getMessage()).contains("spec.route.model");
    assertThat(condition(conditions, "Accepted").getReason()).isEqualTo("Invalid");
    assertThat(condition(conditions, "Accepted").getMessage()).contains("spec.maxFallbackDepth");
    assertThat(condition(conditions, "Programmed").getMessage()).contains("no config has been published yet");
  }
}
