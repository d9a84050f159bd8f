package dev.spillway.proxy.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import org.junit.jupiter.api.Test;

class AnthropicRequestTranslatorTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final AnthropicRequestTranslator translator =
      new AnthropicRequestTranslator(mapper, new AnthropicErrors(mapper));

  @Test
  void systemAndDeveloperMessagesBecomeTheTopLevelSystemPrompt() throws Exception {
    JsonNode body = translate("""
        {"model":"claude","messages":[
          {"role":"system","content":"You are terse."},
          {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
          {"role":"user","content":"Hi"}]}""");

    assertThat(body.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.");
    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Hi"}]}]"""));
    assertThat(body.get("model").asText()).isEqualTo("claude");
  }

  @Test
  void consecutiveSameRoleMessagesMergeSoTurnsAlternate() throws Exception {
    JsonNode body = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"one"},{"role":"user","content":"two"},
          {"role":"assistant","content":"three"},{"role":"assistant","content":[{"type":"text","text":"four"}]},
          {"role":"user","content":"five"}]}""");

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
         {"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},
         {"role":"user","content":[{"type":"text","text":"five"}]}]"""));
  }

  @Test
  void imagesFromDataUrlsAndHttpUrls() throws Exception {
    JsonNode body = translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"text","text":"What is this?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]}""");

    assertThat(body.at("/messages/0/content")).isEqualTo(json("""
        [{"type":"text","text":"What is this?"},
         {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
         {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]"""));
  }

  @Test
  void imageThatIsNeitherBase64NorHttpIsAnInvalidRequest() {
    assertThatThrownBy(() -> translate("""
        {"model":"m","messages":[{"role":"user","content":[
          {"type":"image_url","image_url":{"url":"file:///etc/passwd"}}]}]}"""))
        .isInstanceOfSatisfying(ProviderFailure.class, f -> {
          assertThat(f.status()).isEqualTo(400);
          assertThat(f.clientError().at("/error/type").asText()).isEqualTo("invalid_request_error");
        });
  }

  @Test
  void toolsToolChoiceAndParallelToolCalls() throws Exception {
    String tools = """
        "tools":[{"type":"function","function":{"name":"weather","description":"Weather now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                 {"type":"function","function":{"name":"noargs"}}]""";
    JsonNode body = translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + "}");

    assertThat(body.get("tools")).isEqualTo(json("""
        [{"name":"weather","description":"Weather now",
          "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
         {"name":"noargs","input_schema":{"type":"object"}}]"""));
    assertThat(body.has("tool_choice")).isFalse();

    assertThat(toolChoice(tools, "\"tool_choice\":\"auto\"")).isEqualTo(json("{\"type\":\"auto\"}"));
    assertThat(toolChoice(tools, "\"tool_choice\":\"none\"")).isEqualTo(json("{\"type\":\"none\"}"));
    assertThat(toolChoice(tools, "\"tool_choice\":\"required\"")).isEqualTo(json("{\"type\":\"any\"}"));
    assertThat(toolChoice(tools, "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}"))
        .isEqualTo(json("{\"type\":\"tool\",\"name\":\"weather\"}"));
    assertThat(toolChoice(tools, "\"tool_choice\":\"required\",\"parallel_tool_calls\":false"))
        .isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    assertThat(toolChoice(tools, "\"parallel_tool_calls\":false"))
        .isEqualTo(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
  }

  @Test
  void assistantToolCallsAndToolResultsBecomeToolUseAndToolResultBlocks() throws Exception {
    JsonNode body = translate("""
        {"model":"m","messages":[
          {"role":"user","content":"Weather in Paris and Rome?"},
          {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"toolu_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
          {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
          {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"22C"}]},
          {"role":"user","content":"Thanks"}]}""");

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
         {"role":"assistant","content":[
           {"type":"text","text":"Let me check."},
           {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}},
           {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Rome"}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
           {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"22C"}]},
           {"type":"text","text":"Thanks"}]}]"""));
  }

  @Test
  void assistantWithOnlyToolCallsHasNoEmptyTextBlock() throws Exception {
    JsonNode body = translate("""
        {"model":"m","messages":[{"role":"user","content":"go"},
          {"role":"assistant","content":"","tool_calls":[
            {"id":"t1","type":"function","function":{"name":"ping","arguments":""}}]}]}""");

    assertThat(body.at("/messages/1/content")).isEqualTo(json("""
        [{"type":"tool_use","id":"t1","name":"ping","input":{}}]"""));
  }

  @Test
  void maxTokensDefaultsAndPrefersMaxCompletionTokens() throws Exception {
    assertThat(translate(minimal("")).get("max_tokens").asInt())
        .isEqualTo(AnthropicRequestTranslator.DEFAULT_MAX_TOKENS);
    assertThat(translate(minimal(",\"max_tokens\":100")).get("max_tokens").asInt()).isEqualTo(100);
    assertThat(translate(minimal(",\"max_tokens\":100,\"max_completion_tokens\":200")).get("max_tokens").asInt())
        .isEqualTo(200);
  }

  @Test
  void samplingStopUserAndStreamAreMappedAndUnknownFieldsDropped() throws Exception {
    JsonNode body = translator.translate(json(minimal("""
        ,"temperature":1.7,"top_p":0.9,"stop":"END","user":"u-42","stream":true,
         "logprobs":true,"seed":7,"frequency_penalty":0.5,"n":1,"metadata":{"purpose":"chat"}""")), true);

    assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("stop_sequences")).isEqualTo(json("[\"END\"]"));
    assertThat(body.get("metadata")).isEqualTo(json("{\"user_id\":\"u-42\"}"));
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.has("logprobs") || body.has("seed") || body.has("frequency_penalty") || body.has("n")).isFalse();

    JsonNode list = translate(minimal(",\"stop\":[\"a\",\"b\"],\"temperature\":0.3"));
    assertThat(list.get("stop_sequences")).isEqualTo(json("[\"a\",\"b\"]"));
    assertThat(list.get("temperature").asDouble()).isEqualTo(0.3);
    assertThat(list.has("stream")).isFalse();
  }

  @Test
  void jsonModeAddsAnInstructionToTheSystemPrompt() throws Exception {
    JsonNode body = translate("""
        {"model":"m","response_format":{"type":"json_object"},
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"x"}]}""");

    assertThat(body.get("system").asText())
        .isEqualTo("Be brief.\n\n" + AnthropicRequestTranslator.JSON_ONLY);
  }

  @Test
  void jsonSchemaUsesNativeStructuredOutputsWithoutAnInstruction() throws Exception {
    JsonNode body = translate("""
        {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"n",
           "schema":{"type":"object","properties":{"n":{"type":"integer"}}}}},
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"x"}]}""");

    assertThat(body.get("output_config")).isEqualTo(json("""
        {"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}"""));
    assertThat(body.get("system").asText()).isEqualTo("Be brief.");
  }

  @Test
  void reasoningEffortBecomesAThinkingBudgetAndLeavesRoomForTheAnswer() throws Exception {
    JsonNode effort = translate(minimal(",\"reasoning_effort\":\"medium\""));
    JsonNode thinking = translate(minimal(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":8000},\"max_tokens\":9000"));
    JsonNode minimal = translate(minimal(",\"reasoning_effort\":\"minimal\""));
    JsonNode off = translate(minimal(",\"thinking\":{\"type\":\"disabled\"}"));

    assertThat(effort.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
    assertThat(effort.get("max_tokens").asInt()).isEqualTo(2048 + AnthropicRequestTranslator.DEFAULT_MAX_TOKENS);
    assertThat(thinking.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":8000}"));
    assertThat(thinking.get("max_tokens").asInt()).isEqualTo(9000);
    assertThat(minimal.at("/thinking/budget_tokens").asInt()).isEqualTo(AnthropicRequestTranslator.MIN_THINKING_BUDGET);
    assertThat(off.has("thinking")).isFalse();
  }

  @Test
  void thinkingBlocksGoBackFirstWithTheirSignatures() throws Exception {
    JsonNode body = translate("""
        {"model":"m","thinking":{"type":"enabled","budget_tokens":2000},"messages":[
          {"role":"user","content":"Weather?"},
          {"role":"assistant","content":"Checking.","reasoning_content":"Need a tool.",
           "thinking_blocks":[{"type":"thinking","thinking":"Need a tool.","signature":"EqQBsig"},
                              {"type":"redacted_thinking","data":"opaque"}],
           "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"w","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"toolu_1","content":"sunny"}]}""");

    assertThat(body.at("/messages/1/content")).isEqualTo(json("""
        [{"type":"thinking","thinking":"Need a tool.","signature":"EqQBsig"},
         {"type":"redacted_thinking","data":"opaque"},
         {"type":"text","text":"Checking."},
         {"type":"tool_use","id":"toolu_1","name":"w","input":{}}]"""));
  }

  @Test
  void cacheControlMarkersAreKeptOnSystemPartsContentPartsMessagesAndTools() throws Exception {
    JsonNode body = translate("""
        {"model":"m",
         "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"},"strict":true},
                   "cache_control":{"type":"ephemeral"}}],
         "messages":[
          {"role":"system","content":[{"type":"text","text":"Long rules.","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
          {"role":"user","content":[{"type":"text","text":"Doc","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Q?"}]},
          {"role":"assistant","content":"A."},
          {"role":"user","content":"More?","cache_control":{"type":"ephemeral"}}]}""");

    assertThat(body.get("system")).isEqualTo(json("""
        [{"type":"text","text":"Long rules.","cache_control":{"type":"ephemeral","ttl":"1h"}}]"""));
    assertThat(body.at("/messages/0/content")).isEqualTo(json("""
        [{"type":"text","text":"Doc","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Q?"}]"""));
    assertThat(body.at("/messages/2/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
    assertThat(body.at("/tools/0/cache_control/type").asText()).isEqualTo("ephemeral");
    assertThat(body.at("/tools/0/strict").asBoolean()).isTrue();
  }

  @Test
  void moreThanOneChoiceCannotBeExpressed() {
    assertThatThrownBy(() -> translate(minimal(",\"n\":2")))
        .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.status()).isEqualTo(400));
  }

  @Test
  void theRequestIsNotModified() throws Exception {
    ObjectNode request = (ObjectNode) json("""
        {"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}],
         "tools":[{"type":"function","function":{"name":"t"}}],"tool_choice":"auto"}""");
    ObjectNode copy = request.deepCopy();

    translator.translate(request, true);

    assertThat(request).isEqualTo(copy);
  }

  private JsonNode toolChoice(String tools, String choice) throws Exception {
    return translate("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + "," + choice + "}")
        .get("tool_choice");
  }

  private static String minimal(String extra) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]" + extra + "}";
  }

  private JsonNode translate(String request) throws Exception {
    return translator.translate(json(request), false);
  }

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }
}
