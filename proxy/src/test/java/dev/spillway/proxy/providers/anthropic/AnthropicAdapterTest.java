package dev.spillway.proxy.providers.anthropic;

import static dev.spillway.proxy.providers.anthropic.AnthropicTestCalls.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicAdapterTest {
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final AnthropicTestCalls calls = new AnthropicTestCalls(server.baseUrl());
  private final AnthropicAdapter adapter = calls.adapter();

  @AfterEach
  void stop() {
    calls.close();
    server.close();
  }

  @Test
  void sendsAMessagesRequestWithTheKeyVersionAndAccountHeaders() throws Exception {
    server.enqueue(Reply.json(200, AnthropicBodies.textMessage("Hi")));

    adapter.complete(calls.call("""
        {"model":"claude-sonnet-4-5","stream":true,"temperature":0.2,
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}]}"""))
        .get(30, TimeUnit.SECONDS);

    RecordedRequest request = server.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo(API_KEY);
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.header("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("authorization")).isNull();
    assertThat(calls.json(request.body())).isEqualTo(calls.json("""
        {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"Be brief.",
         "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}],"temperature":0.2}"""));
  }

  @Test
  void successBecomesAChatCompletionWithUsage() throws Exception {
    server.enqueue(Reply.json(200, AnthropicBodies.textMessage("Hello there")));

    Completion completion = adapter.complete(calls.hello(false)).get(30, TimeUnit.SECONDS);

    assertThat(completion.body().at("/choices/0/message/content").asText()).isEqualTo("Hello there");
    assertThat(completion.body().get("object").asText()).isEqualTo("chat.completion");
    assertThat(completion.body().get("created").asLong()).isEqualTo(AnthropicTestCalls.NOW.getEpochSecond());
    assertThat(completion.usage()).isEqualTo(new Usage(12, 7, 0));
  }

  @Test
  void overloadedIs529WithTheAnthropicTypeAsCode() throws Exception {
    server.enqueue(Reply.json(529, AnthropicBodies.error("overloaded_error", "Overloaded")));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
    assertThat(failure.status()).isEqualTo(529);
    assertThat(failure.summary()).isEqualTo("http 529");
    assertThat(failure.retryAfter()).isNull();
    assertThat(failure.contextLengthExceeded()).isFalse();
    assertThat(failure.clientError()).isEqualTo(calls.json("""
        {"error":{"message":"Overloaded","type":"overloaded_error","code":"overloaded_error"}}"""));
  }

  @Test
  void rateLimitCarriesRetryAfter() throws Exception {
    server.enqueue(
        Reply.json(429, AnthropicBodies.error("rate_limit_error", "Number of requests has exceeded your rate limit"))
            .header("retry-after", "17"));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void invalidRequestGivesAnOpenAiShapedClientError() throws Exception {
    server.enqueue(Reply.json(400, AnthropicBodies.error("invalid_request_error", "messages: field required")));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.contextLengthExceeded()).isFalse();
    assertThat(failure.clientError()).isEqualTo(calls.json("""
        {"error":{"message":"messages: field required","type":"invalid_request_error","code":"invalid_request_error"}}"""));
  }

  @Test
  void promptTooLongIsContextLengthExceeded() throws Exception {
    server.enqueue(Reply.json(400, AnthropicBodies.error(
        "invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum")));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.contextLengthExceeded()).isTrue();
    assertThat(failure.clientError().at("/error/code").asText()).isEqualTo("context_length_exceeded");
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void anEchoedKeyNeverReachesTheFailure() throws Exception {
    server.enqueue(Reply.json(401, AnthropicBodies.error(
        "authentication_error", "invalid x-api-key: " + API_KEY + " (" + API_KEY.substring(0, 12) + "...)")));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.status()).isEqualTo(401);
    String everything = failure.summary() + failure.getMessage() + failure.clientError();
    assertThat(everything).doesNotContain(API_KEY).doesNotContain(API_KEY.substring(0, 8))
        .doesNotContain(API_KEY.substring(API_KEY.length() - 8));
    assertThat(failure.clientError().at("/error/message").asText()).startsWith("invalid x-api-key: [redacted]");
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void anErrorBodyThatIsNotJsonStillGivesASensibleFailure() throws Exception {
    server.enqueue(Reply.json(502, "<html><body>Bad gateway</body></html>"));

    ProviderFailure failure = failureOf(calls.hello(false));

    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("api_error");
    assertThat(failure.clientError().at("/error/message").asText()).contains("http 502").contains("Bad gateway");
  }

  @Test
  void aSuccessThatIsNotAMessageIsAProtocolFailure() throws Exception {
    server.enqueue(Reply.json(200, "{\"hello\":\"world\"}"));
    server.enqueue(Reply.json(200, "not json at all"));

    assertThat(failureOf(calls.hello(false)).kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL);
    assertThat(failureOf(calls.hello(false)).kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL);
  }

  @Test
  void aRequestAnthropicCannotExpressFailsWithoutACall() throws Exception {
    ProviderFailure failure = failureOf(calls.call("""
        {"model":"m","n":3,"messages":[{"role":"user","content":"x"}]}"""));

    assertThat(failure.status()).isEqualTo(400);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aRefusedConnectionIsAConnectFailure() throws Exception {
    String deadUrl = server.baseUrl();
    server.close();
    try (AnthropicTestCalls dead = new AnthropicTestCalls(deadUrl)) {
      ProviderFailure failure =
          dead.adapter().complete(dead.hello(false)).handle((c, e) -> (ProviderFailure) e).get(30, TimeUnit.SECONDS);
      assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CONNECT);
    }
  }

  /** The failure the future completed with: the ProviderFailure itself, not a wrapper. */
  private ProviderFailure failureOf(ProviderCall call) throws Exception {
    Throwable error = adapter.complete(call).handle((c, e) -> e).get(30, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ProviderFailure.class);
    return (ProviderFailure) error;
  }

}
