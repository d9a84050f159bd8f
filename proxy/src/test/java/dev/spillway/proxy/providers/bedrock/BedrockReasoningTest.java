package dev.spillway.proxy.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import org.junit.jupiter.api.Test;

/** Each Bedrock family's reasoning dial in additionalModelRequestFields, and the ones without. */
class BedrockReasoningTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode fields(String modelId, String request) throws Exception {
    ObjectNode body = MAPPER.createObjectNode();
    BedrockReasoning.apply(body, modelId, MAPPER.readTree(request));
    return body.path("additionalModelRequestFields");
  }

  @Test
  void eachFamilyGetsItsOwnDial() throws Exception {
    String high = "{\"reasoning_effort\":\"high\"}";
    String budget = "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1500}}";

    assertThat(fields("us.anthropic.claude-sonnet-4-5-20250929-v1:0", high).at("/thinking/budget_tokens").asInt())
        .isEqualTo(4096);
    assertThat(fields("openai.gpt-oss-120b-1:0", high).path("reasoning_effort").asText()).isEqualTo("high");
    assertThat(fields("openai.gpt-oss-20b-1:0", budget).path("reasoning_effort").asText()).isEqualTo("medium");
    assertThat(fields("us.amazon.nova-2-lite-v1:0", "{\"reasoning_effort\":\"minimal\"}").path("reasoningConfig"))
        .isEqualTo(MAPPER.readTree("{\"type\":\"enabled\",\"maxReasoningEffort\":\"low\"}"));
    assertThat(fields("us.deepseek.r1-v1:0", high).isMissingNode()).as("R1 always reasons; no dial").isTrue();
  }

  @Test
  void aModelWithoutReasoningRefusesSoTheCallMovesOnAndNoAskAddsNothing() throws Exception {
    assertThatThrownBy(() -> fields("mistral.mistral-large-2407-v1:0", "{\"reasoning_effort\":\"low\"}"))
        .isInstanceOf(ProviderFailure.class).hasMessageContaining("mistral.mistral-large-2407-v1:0");
    assertThat(fields("mistral.mistral-large-2407-v1:0", "{\"reasoning_effort\":\"none\"}").isMissingNode()).isTrue();
    assertThat(fields("openai.gpt-oss-120b-1:0", "{}").isMissingNode()).isTrue();
  }
}
