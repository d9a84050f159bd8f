package dev.spillway.proxy.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.FailureClassifier;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.AdapterCalls;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.RecordingStreamListener;
import dev.spillway.proxy.testing.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The internal body's provider features as an OpenAI server receives them, and OpenAI's refusals. */
class OpenAiFeaturesTest {
  private static final String ANSWER =
      "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o4-mini\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},\"finish_reason\":\"%s\"}],"
          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}";
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final AdapterCalls calls =
      new AdapterCalls(ProviderKind.OPENAI, server.baseUrl() + "/v1", null, "o4-mini", "sk-test-abcdefghijklmnop");
  private final OpenAiAdapter adapter = new OpenAiAdapter(calls.account, calls.context);

  @AfterEach
  void stop() {
    calls.close();
    server.close();
  }

  @Test
  void aThinkingBudgetBecomesReasoningEffortAndAnthropicOnlyFieldsAreDropped() throws Exception {
    server.enqueue(Reply.json(200, ANSWER.formatted("42", "stop")));

    var completion = adapter.complete(calls.call("""
        {"model":"o4-mini","thinking":{"type":"enabled","budget_tokens":3000},"top_k":40,
         "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"}},"cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"system","content":[{"type":"text","text":"Rules","cache_control":{"type":"ephemeral"}}]},
           {"role":"user","content":"Q"},
           {"role":"assistant","content":"A","reasoning_content":"r","thinking_blocks":[{"type":"thinking","thinking":"r","signature":"s"}]},
           {"role":"user","content":"Q2","cache_control":{"type":"ephemeral"}}]}"""))
        .get(30, TimeUnit.SECONDS);

    JsonNode sent = calls.json(server.lastRequest().body());
    assertThat(sent.path("reasoning_effort").asText()).isEqualTo("high");
    assertThat(sent.has("thinking")).isFalse();
    assertThat(sent.has("top_k")).as("Anthropic's sampling knob: OpenAI refuses it").isFalse();
    assertThat(sent.toString()).doesNotContain("cache_control").doesNotContain("thinking_blocks").doesNotContain("reasoning_content");
    assertThat(sent.at("/messages/0/content/0/text").asText()).isEqualTo("Rules");
    assertThat(completion.usage().cachedPromptTokens()).isEqualTo(2);
  }

  @Test
  void aPlainRequestIsSentAsItIs() throws Exception {
    server.enqueue(Reply.json(200, ANSWER.formatted("hi", "stop")));
    String request = "{\"model\":\"o4-mini\",\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}";

    adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS);

    assertThat(calls.json(server.lastRequest().body())).isEqualTo(calls.json(request));
  }

  @Test
  void contentFilterErrorsAndFilteredAnswersAreContentPolicyFailures() {
    server.enqueue(Reply.json(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering"
        + " Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\"}}"));
    server.enqueue(Reply.json(200, ANSWER.formatted("", "content_filter")));
    String request = "{\"model\":\"o4-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}";

    ProviderFailure refused = (ProviderFailure) adapter.complete(calls.call(request)).handle((c, e) -> e).join();
    ProviderFailure filtered = (ProviderFailure) adapter.complete(calls.call(request)).handle((c, e) -> e).join();

    assertThat(FailureClassifier.classify(refused)).isEqualTo(FailureClass.CONTENT_POLICY);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.clientError().at("/error/param").asText()).isEqualTo("prompt");
    assertThat(FailureClassifier.classify(filtered)).isEqualTo(FailureClass.CONTENT_POLICY);
    assertThat(filtered.clientError().at("/error/code").asText()).isEqualTo("content_filter");
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
        + delta + ",\"finish_reason\":" + finish + "}]}";
  }

  @Test
  void aStreamFilteredBeforeAnyAnswerIsARefusalAndOneCutMidAnswerIsRelayedAsSent() throws Exception {
    String request = "{\"model\":\"o4-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}";
    server.enqueue(Reply.sse(java.util.List.of(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
        chunk("{}", "\"content_filter\""), "data: [DONE]")));
    server.enqueue(Reply.sse(java.util.List.of(chunk("{\"role\":\"assistant\",\"content\":\"Once upon\"}", "null"),
        chunk("{}", "\"content_filter\""), "data: [DONE]")));

    RecordingStreamListener refused = new RecordingStreamListener();
    adapter.stream(calls.call(request), refused);
    ProviderFailure failure = refused.awaitError();
    RecordingStreamListener cut = new RecordingStreamListener();
    adapter.stream(calls.call(request), cut);
    cut.awaitEnd();

    assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClass.CONTENT_POLICY);
    assertThat(failure.clientError().at("/error/code").asText()).isEqualTo("content_filter");
    assertThat(cut.errors).isEmpty();
    assertThat(cut.completions.get()).isEqualTo(1);
    assertThat(cut.chunks).extracting(c -> c.at("/choices/0/finish_reason").asText())
        .containsExactly("null", "content_filter");
  }
}
