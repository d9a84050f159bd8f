package dev.spillway.proxy.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = "sk-test-abcdefghijklmnop";

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ProviderContext context = new ProviderContext(MAPPER, scheduler, scheduler, Clock.systemUTC());
  private LoopbackHttpServer server;

  @BeforeEach
  void start() {
    server = LoopbackHttpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    scheduler.shutdownNow();
  }

  private AccountConfig account(boolean azure) {
    String base = azure ? server.baseUrl() : server.baseUrl() + "/v1";
    return ConfigBuilder.account("acct", base, TimeoutConfig.DEFAULTS, new SecretRef("s", "k"), azure,
        azure ? "2024-10-21" : null, Map.of("x-org", "spillway"));
  }

  private ProviderCall call(AccountConfig account, String apiKey, boolean stream) throws Exception {
    TargetConfig target = new TargetConfig("acct/gpt-4o", "acct", "gpt-4o", 1, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);
    ObjectNode body = (ObjectNode) MAPPER.readTree(stream ? ProxyClient.streamBody("gpt-4o") : ProxyClient.chatBody("gpt-4o"));
    return new ProviderCall(target, account, body, apiKey, TimeoutConfig.DEFAULTS);
  }

  private Completion complete(AccountConfig account, String apiKey) throws Exception {
    return new OpenAiAdapter(account, context).complete(call(account, apiKey, false)).get(10, TimeUnit.SECONDS);
  }

  private ProviderFailure failure(AccountConfig account) throws Exception {
    CompletableFuture<Completion> result = new OpenAiAdapter(account, context).complete(call(account, KEY, false));
    ExecutionException thrown = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    return (ProviderFailure) thrown.getCause();
  }

  @Test
  void plainCallUsesBearerAuthAndAccountHeaders() throws Exception {
    server.always(Reply.json(200, ProxyClient.completion("hi")));

    Completion completion = complete(account(false), KEY);

    RecordedRequest request = server.lastRequest();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.header("x-org")).isEqualTo("spillway");
    assertThat(MAPPER.readTree(request.body()).get("model").asText()).isEqualTo("gpt-4o");
    assertThat(completion.body().at("/choices/0/message/content").asText()).isEqualTo("hi");
    assertThat(completion.usage().totalTokens()).isEqualTo(5);
  }

  @Test
  void noAuthorizationHeaderWithoutAKey() throws Exception {
    server.always(Reply.json(200, ProxyClient.completion("hi")));
    complete(account(false), null);
    assertThat(server.lastRequest().header("authorization")).isNull();
  }

  @Test
  void azureDeploymentsPutTheModelInThePathAndUseApiKey() throws Exception {
    server.always(Reply.json(200, ProxyClient.completion("hi")));

    complete(account(true), KEY);

    RecordedRequest request = server.lastRequest();
    assertThat(request.path()).isEqualTo("/openai/deployments/gpt-4o/chat/completions");
    assertThat(request.query()).isEqualTo("api-version=2024-10-21");
    assertThat(request.header("api-key")).isEqualTo(KEY);
    assertThat(request.header("authorization")).isNull();
    assertThat(MAPPER.readTree(request.body()).has("model")).isFalse();
  }

  @Test
  void azureGetsTheClientsBytesWithTheModelTakenOutNotTheTreeEncodedAgain() throws Exception {
    server.always(Reply.json(200, ProxyClient.completion("hi")));
    String messages = "\"messages\" : [ {\"role\":\"user\",   \"content\":\"caf\\u00e9 \\/ cr\\u00e8me\"} ]";
    ObjectNode client = dev.spillway.proxy.passthrough.ObjectReading.keepingLongText(dev.spillway.proxy.http.Json.MAPPER)
        .read(("{\"model\":\"gpt-4o\", " + messages + ", \"max_tokens\":16}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .orElseThrow();
    TargetConfig target = new TargetConfig("acct/gpt-4o", "acct", "gpt-4o", 1, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);

    new OpenAiAdapter(account(true), context).complete(new ProviderCall(target, account(true), client, KEY, TimeoutConfig.DEFAULTS))
        .get(10, TimeUnit.SECONDS);

    // The escapes and spacing are the client's (a re-encoding would write é and drop the spaces).
    assertThat(server.lastRequest().body()).isEqualTo("{" + messages + ",\"max_tokens\":16}");
    assertThat(client.get("model").asText()).as("the client's own tree keeps its model").isEqualTo("gpt-4o");
  }

  @Test
  void errorStatusBecomesAFailureWithRetryAfterAndTheProviderError() throws Exception {
    server.always(Reply.json(429, "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
        .header("retry-after", "7"));

    ProviderFailure failure = failure(account(false));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.summary()).isEqualTo("http 429");
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.clientError().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void contextLengthErrorsAreRecognised() throws Exception {
    server.always(Reply.json(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\",\"code\":null}}"));
    assertThat(failure(account(false)).contextLengthExceeded()).isTrue();
  }

  @Test
  void echoedKeysAreScrubbedFromTheClientError() throws Exception {
    server.always(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"type\":\"invalid_request_error\"}}"));

    ProviderFailure failure = failure(account(false));

    assertThat(failure.clientError().toString()).doesNotContain(KEY).doesNotContain("abcdefgh").contains("[redacted]");
  }

  @Test
  void nonJsonErrorBodiesGetASynthesizedOpenAiError() throws Exception {
    server.always(Reply.json(502, "<html>bad gateway</html>"));

    ProviderFailure failure = failure(account(false));

    assertThat(failure.clientError().at("/error/message").asText()).contains("502");
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("upstream_error");
  }

  @Test
  void streamDeliversChunksThenCompletes() throws Exception {
    server.always(Reply.sse(List.of("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}", "data: [DONE]")));
    Recorder recorder = stream();
    assertThat(recorder.await()).isEqualTo("complete");
    assertThat(recorder.chunks).hasSize(1);
    assertThat(server.lastRequest().header("accept")).isEqualTo("text/event-stream");
  }

  @Test
  void streamClosedWithoutDoneIsACut() throws Exception {
    server.always(Reply.sse(List.of("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}")));
    Recorder recorder = stream();
    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.failure.summary()).isEqualTo("stream cut");
  }

  @Test
  void errorEventInAStreamIsAnError() throws Exception {
    server.always(Reply.sse(List.of("data: {\"error\":{\"message\":\"overloaded\",\"code\":\"server_error\"}}", "data: [DONE]")));
    Recorder recorder = stream();
    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.failure.clientError().at("/error/message").asText()).isEqualTo("overloaded");
  }

  @Test
  void streamHttpErrorIsMappedLikeAPlainOne() throws Exception {
    server.always(Reply.json(503, "{\"error\":{\"message\":\"busy\"}}"));
    Recorder recorder = stream();
    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.failure.status()).isEqualTo(503);
  }

  private Recorder stream() throws Exception {
    Recorder recorder = new Recorder();
    AccountConfig account = account(false);
    new OpenAiAdapter(account, context).stream(call(account, KEY, true), recorder);
    return recorder;
  }

  private static final class Recorder implements StreamListener {
    final List<ObjectNode> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> end = new CompletableFuture<>();
    volatile ProviderFailure failure;

    @Override
    public void onChunk(ObjectNode chunk) {
      chunks.add(chunk);
    }

    @Override
    public void onComplete() {
      end.complete("complete");
    }

    @Override
    public void onError(ProviderFailure failure) {
      this.failure = failure;
      end.complete("error");
    }

    String await() throws Exception {
      return end.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void connectionRefusedIsAConnectFailure() throws Exception {
    AccountConfig account = ConfigBuilder.account("acct", "http://127.0.0.1:1/v1", TimeoutConfig.DEFAULTS, null, false, null, Map.of());
    assertThatThrownBy(() -> new OpenAiAdapter(account, context).complete(call(account, null, false)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ProviderFailure.class)
        .cause()
        .satisfies(e -> assertThat(((ProviderFailure) e).kind()).isEqualTo(ProviderFailure.Kind.CONNECT));
  }
}
