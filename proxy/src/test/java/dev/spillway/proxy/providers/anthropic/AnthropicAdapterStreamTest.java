package dev.spillway.proxy.providers.anthropic;

import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.blockStop;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.event;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.jsonDelta;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.messageDelta;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.messageStart;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.messageStop;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.textDelta;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.textStart;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.textStream;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.toolStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.RecordingStreamListener;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicAdapterStreamTest {
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final AnthropicTestCalls calls = new AnthropicTestCalls(server.baseUrl());
  private final AnthropicAdapter adapter = calls.adapter();
  private final RecordingStreamListener listener = new RecordingStreamListener();

  @AfterEach
  void stop() {
    calls.close();
    server.close();
  }

  @Test
  void textStreamBecomesChunksInOrderThenComplete() throws InterruptedException {
    server.enqueue(Reply.sse(textStream("Hel", "lo", " there")));

    adapter.stream(calls.hello(true), listener);
    listener.awaitEnd();

    assertThat(listener.completions).hasValue(1);
    assertThat(listener.errors).isEmpty();
    List<ObjectNode> chunks = listener.chunks;
    assertThat(chunks.get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
    assertThat(listener.text()).isEqualTo("Hello there");
    assertThat(chunks).hasSize(5);
    ObjectNode last = chunks.get(4);
    assertThat(last.at("/choices/0/delta")).isEqualTo(json("{}"));
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(chunks.subList(0, 4)).allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.get("id").asText()).isEqualTo("msg_stream1");
      assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.get("model").asText()).isEqualTo(AnthropicBodies.MODEL);
      assertThat(c.get("created").asLong()).isEqualTo(AnthropicTestCalls.NOW.getEpochSecond());
    });
    JsonNode sent = json(server.lastRequest().body());
    assertThat(sent.get("stream").asBoolean()).isTrue();
    assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
  }

  @Test
  void toolUseStreamBecomesToolCallDeltas() throws InterruptedException {
    server.enqueue(Reply.sse(List.of(
        messageStart(40),
        textStart(0), textDelta(0, "Checking."), blockStop(0),
        toolStart(1, "toolu_01", "weather"),
        jsonDelta(1, ""), jsonDelta(1, "{\"city\": "), jsonDelta(1, "\"Paris\"}"), blockStop(1),
        toolStart(2, "toolu_02", "clock"), blockStop(2),
        messageDelta("tool_use", 30), messageStop())));

    adapter.stream(calls.hello(true), listener);
    listener.awaitEnd();

    assertThat(listener.completions).hasValue(1);
    List<JsonNode> toolDeltas = new ArrayList<>();
    listener.chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(toolDeltas::add));
    assertThat(toolDeltas).containsExactly(
        json("{\"index\":0,\"id\":\"toolu_01\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}"),
        json("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \"}}"),
        json("{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}"),
        json("{\"index\":1,\"id\":\"toolu_02\",\"type\":\"function\",\"function\":{\"name\":\"clock\",\"arguments\":\"\"}}"),
        json("{\"index\":1,\"function\":{\"arguments\":\"{}\"}}"));
    assertThat(listener.text()).isEqualTo("Checking.");
    assertThat(listener.chunks.get(listener.chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");
  }

  @Test
  void includeUsageAddsAFinalUsageChunk() throws InterruptedException {
    server.enqueue(Reply.sse(textStream("Hi")));

    adapter.stream(calls.call("""
        {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"Hello"}]}"""), listener);
    listener.awaitEnd();

    assertThat(listener.completions).hasValue(1);
    ObjectNode last = listener.chunks.get(listener.chunks.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(json(last.get("usage").toString())).isEqualTo(json("""
        {"prompt_tokens":28,"completion_tokens":15,"total_tokens":43,"cache_creation_input_tokens":0,"prompt_tokens_details":{"cached_tokens":3}}"""));
  }

  @Test
  void withoutIncludeUsageThereIsNoUsageChunk() throws InterruptedException {
    server.enqueue(Reply.sse(textStream("Hi")));

    adapter.stream(calls.hello(true), listener);
    listener.awaitEnd();

    assertThat(listener.chunks).noneMatch(c -> c.has("usage"));
  }

  @Test
  void errorEventMidStreamIsAnHttpFailure() throws InterruptedException {
    server.enqueue(Reply.sse(List.of(
        messageStart(10), textStart(0), textDelta(0, "Part"),
        event("error", AnthropicBodies.error("overloaded_error", "Overloaded")))));

    adapter.stream(calls.hello(true), listener);
    ProviderFailure failure = listener.awaitError();

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
    assertThat(failure.status()).isEqualTo(529);
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(listener.text()).isEqualTo("Part");
  }

  @Test
  void cutConnectionMidStreamIsAProtocolFailureNeverAComplete() throws InterruptedException {
    server.enqueue(Reply.sse(textStream("a", "b", "c", "d")).cutAfter(4));

    adapter.stream(calls.hello(true), listener);
    ProviderFailure failure = listener.awaitError();

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL);
    assertThat(failure.summary()).startsWith("stream cut");
    assertThat(listener.text()).isEqualTo("a");
  }

  @Test
  void cleanCloseBeforeMessageStopIsAProtocolFailure() throws InterruptedException {
    List<String> events = new ArrayList<>(textStream("a", "b"));
    events.remove(events.size() - 1);
    server.enqueue(Reply.sse(events));

    adapter.stream(calls.hello(true), listener);
    ProviderFailure failure = listener.awaitError();

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL);
    assertThat(failure.summary()).startsWith("stream cut");
  }

  @Test
  void httpErrorBeforeTheStreamCarriesStatusAndRetryAfter() throws InterruptedException {
    server.enqueue(Reply.json(429, AnthropicBodies.error("rate_limit_error", "slow down")).header("retry-after", "3"));

    adapter.stream(calls.hello(true), listener);
    ProviderFailure failure = listener.awaitError();

    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(failure.clientError().at("/error/message").asText()).isEqualTo("slow down");
    assertThat(listener.chunks).isEmpty();
  }

  @Test
  void aRequestAnthropicCannotExpressFailsTheStreamWithoutACall() throws InterruptedException {
    adapter.stream(calls.call("""
        {"model":"m","stream":true,"n":2,"messages":[{"role":"user","content":"x"}]}"""), listener);
    ProviderFailure failure = listener.awaitError();

    assertThat(failure.status()).isEqualTo(400);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void cancelStopsCallbacks() throws InterruptedException {
    String[] pieces = new String[40];
    Arrays.fill(pieces, "x");
    server.enqueue(Reply.sse(textStream(pieces)).every(Duration.ofMillis(50)));

    Cancellable call = adapter.stream(calls.hello(true), listener);
    await().atMost(Duration.ofSeconds(30)).until(() -> listener.chunks.size() >= 2);
    call.cancel();
    int seen = listener.chunks.size();

    // The server would have sent the rest within ~2 s; nothing more may arrive, and no ending.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> listener.chunks.size() == seen && listener.completions.get() == 0 && listener.errors.isEmpty());
  }

  private JsonNode json(String text) {
    return calls.json(text);
  }
}
