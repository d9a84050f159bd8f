package dev.spillway.proxy.providers.gemini;

import static dev.spillway.proxy.providers.gemini.GeminiBodies.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.FailureClassifier;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.testing.AdapterCalls;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.RecordingStreamListener;
import dev.spillway.proxy.testing.Reply;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {
  private static final String KEY = "AIzaSyGeminiKeyThatMustNeverLeak0123";
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final AdapterCalls calls = new AdapterCalls(ProviderKind.GEMINI, server.baseUrl() + "/v1beta", null, MODEL, KEY);
  private final GeminiAdapter adapter = new GeminiAdapter(calls.account, calls.context);

  @AfterEach
  void stop() {
    calls.close();
    server.close();
  }

  /** One SSE event: Gemini sends each response on one line. */
  private String data(String json) {
    return "data: " + calls.json(json);
  }

  private Completion complete(String request) throws Exception {
    return adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS);
  }

  private ProviderFailure failure(String request) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProviderFailure.class);
    return (ProviderFailure) thrown.getCause();
  }

  @Test
  void plainCallSendsGenerateContentWithTheKeyHeaderSystemInstructionAndConfig() throws Exception {
    server.enqueue(Reply.json(200, GeminiBodies.response("STOP", GeminiBodies.usage(12, 5, 8, 0), GeminiBodies.text("Hi there"))));

    Completion completion = complete("""
        {"model":"gemini-2.5-flash","temperature":0.3,"top_p":0.9,"top_k":40,"max_tokens":100,"stop":"END","seed":7,
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}]}""");

    RecordedRequest request = server.lastRequest();
    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
    assertThat(request.header("x-team")).isEqualTo("search");
    assertThat(calls.json(request.body())).isEqualTo(calls.json("""
        {"systemInstruction":{"parts":[{"text":"Be brief."}]},
         "contents":[{"role":"user","parts":[{"text":"Hello"}]}],
         "generationConfig":{"temperature":0.3,"topP":0.9,"topK":40,"seed":7,"maxOutputTokens":100,"stopSequences":["END"]}}"""));
    assertThat(completion.body().at("/choices/0/message/content").asText()).isEqualTo("Hi there");
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(completion.body().path("object").asText()).isEqualTo("chat.completion");
    assertThat(completion.usage()).isEqualTo(new Usage(12, 5, 8));
  }

  @Test
  void toolRoundTripSendsFunctionResponsesByNameAndReturnsToolCalls() throws Exception {
    server.enqueue(Reply.json(200, GeminiBodies.response(
        "STOP", GeminiBodies.usage(40, 9, 0, 0), GeminiBodies.functionCall("get_weather", "{\"city\":\"Oslo\"}"))));

    Completion completion = complete("""
        {"model":"m","tool_choice":"required",
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"additionalProperties":false}}}],
         "messages":[{"role":"user","content":"Weather in Paris, then Oslo?"},
           {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
             "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
           {"role":"tool","tool_call_id":"call_1","content":"{\\"temp\\":21}"}]}""");

    JsonNode sent = calls.json(server.lastRequest().body());
    assertThat(sent.path("contents")).isEqualTo(calls.json("""
        [{"role":"user","parts":[{"text":"Weather in Paris, then Oslo?"}]},
         {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
         {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":21}}}]}]"""));
    assertThat(sent.at("/tools/0/functionDeclarations/0/parametersJsonSchema/additionalProperties").asBoolean(true)).isFalse();
    assertThat(sent.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
    JsonNode message = completion.body().at("/choices/0/message");
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(message.path("content").isNull()).isTrue();
    assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(calls.json(message.at("/tool_calls/0/function/arguments").asText())).isEqualTo(calls.json("{\"city\":\"Oslo\"}"));
    assertThat(message.at("/tool_calls/0/id").asText()).startsWith("call_");
  }

  @Test
  void aThoughtSignatureOnAFunctionCallComesBackAndIsSentBackOnTheNextTurn() throws Exception {
    // Gemini 3 signs a function call without sending thoughts (they were not asked for).
    server.enqueue(Reply.json(200, GeminiBodies.response(
        "STOP", GeminiBodies.usage(40, 9, 0, 0), GeminiBodies.functionCall("get_weather", "{\"city\":\"Oslo\"}"))));
    String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

    JsonNode first = complete("{\"model\":\"m\",\"tools\":" + tools
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}]}").body().at("/choices/0/message");

    assertThat(first.at("/thinking_blocks/0/signature").asText()).isEqualTo("c2lnLTE=");
    // The client sends the assistant message back as it got it, with the tool's result.
    server.enqueue(Reply.json(200, GeminiBodies.response("STOP", GeminiBodies.usage(50, 5, 0, 0), GeminiBodies.text("Cold."))));
    String callId = first.at("/tool_calls/0/id").asText();
    complete("{\"model\":\"m\",\"tools\":" + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"},"
        + first + ",{\"role\":\"tool\",\"tool_call_id\":\"" + callId + "\",\"content\":\"-3 C\"}]}");

    JsonNode model = calls.json(server.lastRequest().body()).at("/contents/1");
    assertThat(model.path("role").asText()).isEqualTo("model");
    assertThat(model.at("/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
    assertThat(model.at("/parts/0/thoughtSignature").asText()).isEqualTo("c2lnLTE=");
  }

  @Test
  void jsonSchemaAndImagesUseGeminisNativeFields() throws Exception {
    server.enqueue(Reply.json(200, GeminiBodies.response("STOP", GeminiBodies.usage(3, 4, 0, 0), GeminiBodies.text("{\\\"n\\\":1}"))));

    Completion completion = complete("""
        {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"n","strict":true,
           "schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}},
         "messages":[{"role":"user","content":[{"type":"text","text":"Count"},
           {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
           {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

    JsonNode sent = calls.json(server.lastRequest().body());
    assertThat(sent.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
    assertThat(sent.at("/generationConfig/responseJsonSchema/required/0").asText()).isEqualTo("n");
    assertThat(sent.at("/contents/0/parts/1")).isEqualTo(calls.json(
        "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
    assertThat(sent.at("/contents/0/parts/2")).isEqualTo(calls.json(
        "{\"fileData\":{\"mimeType\":\"image/jpeg\",\"fileUri\":\"https://example.com/cat.jpg\"}}"));
    assertThat(calls.json(completion.body().at("/choices/0/message/content").asText()).path("n").asInt()).isEqualTo(1);
  }

  @Test
  void reasoningEffortBecomesAThinkingBudgetAndThoughtsComeBackAsReasoning() throws Exception {
    server.enqueue(Reply.json(200, GeminiBodies.response(
        "STOP", GeminiBodies.usage(10, 6, 0, 30), GeminiBodies.thought("Let me think."), GeminiBodies.text("42"))));

    Completion completion = complete("""
        {"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"Answer?"}]}""");

    assertThat(calls.json(server.lastRequest().body()).at("/generationConfig/thinkingConfig"))
        .isEqualTo(calls.json("{\"thinkingBudget\":4096,\"includeThoughts\":true}"));
    JsonNode message = completion.body().at("/choices/0/message");
    assertThat(message.path("content").asText()).isEqualTo("42");
    assertThat(message.path("reasoning_content").asText()).isEqualTo("Let me think.");
    assertThat(message.at("/thinking_blocks/0/thinking").asText()).isEqualTo("Let me think.");
    // Thinking tokens are billed as output.
    assertThat(completion.usage()).isEqualTo(new Usage(10, 36, 0));
  }

  @Test
  void safetyFinishAndBlockedPromptsAreContentPolicyFailures() {
    server.enqueue(Reply.json(200, GeminiBodies.response("SAFETY", GeminiBodies.usage(5, 0, 0, 0))));
    server.enqueue(Reply.json(200,
        "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":5}}"));
    String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    ProviderFailure withheld = failure(request);
    ProviderFailure blocked = failure(request);

    assertThat(withheld.contentPolicy()).isTrue();
    assertThat(FailureClassifier.classify(withheld)).isEqualTo(FailureClass.CONTENT_POLICY);
    assertThat(withheld.clientError().at("/error/code").asText()).isEqualTo("content_filter");
    assertThat(withheld.clientError().at("/error/message").asText()).contains("SAFETY");
    assertThat(blocked.contentPolicy()).isTrue();
    assertThat(blocked.clientError().at("/error/message").asText()).contains("PROHIBITED_CONTENT");
  }

  @Test
  void errorsKeepTheirStatusRetryAfterAndLoseTheKey() {
    server.enqueue(Reply.json(429, GeminiBodies.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for key " + KEY))
        .header("retry-after", "7"));
    server.enqueue(Reply.json(400, GeminiBodies.error(400, "INVALID_ARGUMENT",
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).")));
    String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    ProviderFailure quota = failure(request);
    ProviderFailure tooLong = failure(request);

    assertThat(quota.status()).isEqualTo(429);
    assertThat(quota.retryAfter()).hasSeconds(7);
    assertThat(quota.clientError().toString()).doesNotContain(KEY).contains("resource_exhausted");
    assertThat(FailureClassifier.classify(tooLong)).isEqualTo(FailureClass.CONTEXT_LENGTH);
  }

  @Test
  void requestsGeminiCannotExpressFailAs400WithoutACall() {
    ProviderFailure failure = failure("""
        {"model":"m","messages":[{"role":"tool","tool_call_id":"nope","content":"x"}]}""");

    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.clientError().at("/error/message").asText()).contains("nope");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void streamTranslatesThoughtsTextToolCallsAndUsage() throws Exception {
    server.enqueue(Reply.sse(List.of(
        data(GeminiBodies.piece(GeminiBodies.thought("Hmm."))),
        data(GeminiBodies.piece(GeminiBodies.text("Hel"))),
        data(GeminiBodies.piece(GeminiBodies.text("lo"), GeminiBodies.functionCall("get_time", "{}"))),
        data(GeminiBodies.response("STOP", GeminiBodies.usage(9, 4, 2, 0))))));
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(calls.call("""
        {"model":"m","stream":true,"stream_options":{"include_usage":true},"reasoning_effort":"low",
         "messages":[{"role":"user","content":"Hi"}]}"""), listener);
    listener.awaitEnd();

    assertThat(server.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(server.lastRequest().query()).isEqualTo("alt=sse");
    assertThat(listener.completions).hasValue(1);
    assertThat(listener.text()).isEqualTo("Hello");
    assertThat(listener.chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(listener.chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Hmm."));
    assertThat(listener.chunks).anySatisfy(c -> {
      assertThat(c.at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
      assertThat(c.at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("get_time");
    });
    assertThat(listener.chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
    JsonNode last = listener.chunks.get(listener.chunks.size() - 1);
    assertThat(last.path("choices")).isEmpty();
    assertThat(last.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(2);
    assertThat(listener.chunks).allSatisfy(c -> assertThat(c.path("id").asText()).isEqualTo("chatcmpl-resp-2"));
  }

  @Test
  void streamSafetyStopAndCutStreamAreErrors() throws Exception {
    server.enqueue(Reply.sse(List.of(
        data(GeminiBodies.piece(GeminiBodies.text("Well"))),
        data(GeminiBodies.response("SAFETY", GeminiBodies.usage(9, 1, 0, 0))))));
    server.enqueue(Reply.sse(List.of(data(GeminiBodies.piece(GeminiBodies.text("Hel"))))));
    RecordingStreamListener blocked = new RecordingStreamListener();
    RecordingStreamListener cut = new RecordingStreamListener();
    String request = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    adapter.stream(calls.call(request), blocked);
    assertThat(blocked.awaitError().contentPolicy()).isTrue();
    adapter.stream(calls.call(request), cut);

    assertThat(cut.awaitError().summary()).contains("stream cut");
  }

  @Test
  void streamHttpErrorIsReportedOnce() throws Exception {
    server.enqueue(Reply.json(503, GeminiBodies.error(503, "UNAVAILABLE", "The model is overloaded.")));
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(calls.call("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), listener);

    ProviderFailure failure = listener.awaitError();
    assertThat(failure.status()).isEqualTo(503);
    assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClass.RETRYABLE);
    assertThatThrownBy(() -> { throw failure; }).hasMessage("http 503");
  }
}
