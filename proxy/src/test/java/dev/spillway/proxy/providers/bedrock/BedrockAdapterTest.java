package dev.spillway.proxy.providers.bedrock;

import static dev.spillway.proxy.providers.bedrock.BedrockWire.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class BedrockAdapterTest {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final AdapterCalls calls =
      new AdapterCalls(ProviderKind.BEDROCK, server.baseUrl(), "us-east-1", MODEL, BedrockWire.CREDENTIALS);
  private final BedrockAdapter adapter = new BedrockAdapter(calls.account, calls.context);

  @AfterEach
  void stop() {
    calls.close();
    server.close();
  }

  private Completion complete(String request) throws Exception {
    return adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS);
  }

  private ProviderFailure failure(String request) throws Exception {
    return (ProviderFailure) adapter.complete(calls.call(request)).handle((c, e) -> e).get(30, TimeUnit.SECONDS);
  }

  @Test
  void converseCallIsSigV4SignedForTheRegionAndTranslated() throws Exception {
    server.enqueue(Reply.json(200, BedrockWire.response("end_turn", BedrockWire.usage(20, 5, 1000, 200), "{\"text\":\"Hi!\"}")));

    Completion completion = complete("""
        {"model":"m","max_tokens":300,"temperature":0.5,"stop":["END"],
         "messages":[{"role":"system","content":[{"type":"text","text":"Rules.","cache_control":{"type":"ephemeral"}}]},
                     {"role":"user","content":"Hello"}]}""");

    RecordedRequest request = server.lastRequest();
    assertThat(request.path()).isEqualTo("/model/" + MODEL + "/converse");
    assertThat(request.header("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/bedrock/aws4_request, SignedHeaders=");
    assertThat(request.header("x-amz-date")).isEqualTo("20261121T050000Z");
    assertThat(request.header("x-amz-security-token")).isEqualTo("FwoGZXIvYXdzEXAMPLETOKEN");
    assertThat(request.header("authorization")).isEqualTo(expectedSignature(request));
    assertThat(calls.json(request.body())).isEqualTo(calls.json("""
        {"messages":[{"role":"user","content":[{"text":"Hello"}]}],
         "system":[{"text":"Rules."},{"cachePoint":{"type":"default"}}],
         "inferenceConfig":{"maxTokens":300,"temperature":0.5,"stopSequences":["END"]}}"""));
    assertThat(completion.body().at("/choices/0/message/content").asText()).isEqualTo("Hi!");
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(completion.usage()).as("cache writes counted apart, to be priced apart").isEqualTo(new Usage(1220, 5, 1000, 200));
    assertThat(completion.body().at("/usage/cache_creation_input_tokens").asInt()).isEqualTo(200);
  }

  /** What the SDK's signer makes of the request the server received: it must match what was sent. */
  private String expectedSignature(RecordedRequest received) {
    URI uri = URI.create(server.baseUrl());
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
        .host(uri.getHost()).port(uri.getPort())
        .encodedPath("/model/" + URLEncoder.encode(MODEL, StandardCharsets.UTF_8) + "/converse");
    received.headers().forEach((name, value) -> {
      if (name.equals("content-type") || name.equals("accept") || name.equals("x-team")) {
        unsigned.putHeader(name, value);
      }
    });
    return AwsV4HttpSigner.create().sign(r -> r
            .identity(AwsSessionCredentialsIdentity.create(
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLETOKEN"))
            .request(unsigned.build())
            .payload(ContentStreamProvider.fromByteArray(received.body().getBytes(StandardCharsets.UTF_8)))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AdapterCalls.NOW, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElseThrow();
  }

  @Test
  void toolRoundTripUsesToolUseAndToolResultBlocks() throws Exception {
    server.enqueue(Reply.json(200, BedrockWire.response("tool_use", BedrockWire.usage(50, 12, 0, 0),
        "{\"toolUse\":{\"toolUseId\":\"tooluse_2\",\"name\":\"get_weather\",\"input\":{\"city\":\"Oslo\"}}}")));

    Completion completion = complete("""
        {"model":"m","tool_choice":"required",
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
         "messages":[{"role":"user","content":"Paris, then Oslo?"},
           {"role":"assistant","content":null,"tool_calls":[{"id":"tooluse_1","type":"function",
             "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
           {"role":"tool","tool_call_id":"tooluse_1","content":"{\\"temp\\":21}"}]}""");

    JsonNode sent = calls.json(server.lastRequest().body());
    assertThat(sent.path("messages")).isEqualTo(calls.json("""
        [{"role":"user","content":[{"text":"Paris, then Oslo?"}]},
         {"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]},
         {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"json":{"temp":21}}]}}]}]"""));
    assertThat(sent.at("/toolConfig/tools/0/toolSpec/inputSchema/json/properties/city/type").asText()).isEqualTo("string");
    assertThat(sent.at("/toolConfig/toolChoice")).isEqualTo(calls.json("{\"any\":{}}"));
    JsonNode message = completion.body().at("/choices/0/message");
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("tooluse_2");
    assertThat(calls.json(message.at("/tool_calls/0/function/arguments").asText()).path("city").asText()).isEqualTo("Oslo");
  }

  @Test
  void jsonSchemaIsAnsweredThroughAForcedToolAndThinkingIsClaudes() throws Exception {
    server.enqueue(Reply.json(200, BedrockWire.response("tool_use", BedrockWire.usage(9, 9, 0, 0),
        "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Count.\",\"signature\":\"sig-1\"}}}",
        "{\"toolUse\":{\"toolUseId\":\"t\",\"name\":\"json_tool_call\",\"input\":{\"n\":3}}}")));

    Completion completion = complete("""
        {"model":"m","reasoning_effort":"low","response_format":{"type":"json_schema","json_schema":{"name":"n",
           "schema":{"type":"object","properties":{"n":{"type":"integer"}}}}},
         "messages":[{"role":"user","content":[{"type":"text","text":"How many?"},
           {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}]}""");

    JsonNode sent = calls.json(server.lastRequest().body());
    assertThat(sent.at("/toolConfig/tools/0/toolSpec/name").asText()).isEqualTo("json_tool_call");
    assertThat(sent.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("json_tool_call");
    assertThat(sent.at("/additionalModelRequestFields/thinking")).isEqualTo(calls.json(
        "{\"type\":\"enabled\",\"budget_tokens\":1024}"));
    assertThat(sent.at("/messages/0/content/1")).isEqualTo(calls.json(
        "{\"image\":{\"format\":\"jpeg\",\"source\":{\"bytes\":\"/9j/4AAQ\"}}}"));
    JsonNode message = completion.body().at("/choices/0/message");
    assertThat(calls.json(message.path("content").asText()).path("n").asInt()).isEqualTo(3);
    assertThat(message.has("tool_calls")).isFalse();
    assertThat(completion.body().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(message.path("thinking_blocks")).isEqualTo(calls.json(
        "[{\"type\":\"thinking\",\"thinking\":\"Count.\",\"signature\":\"sig-1\"}]"));
  }

  @Test
  void throttlingIsRetryableValidationARejectionAndGuardrailsContentPolicy() throws Exception {
    server.enqueue(Reply.json(429, "{\"message\":\"Too many requests, please wait before trying again.\"}")
        .header("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    server.enqueue(Reply.json(400, "{\"message\":\"Malformed input request: extraneous key [foo] is not permitted\"}")
        .header("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    server.enqueue(Reply.json(400, "{\"message\":\"Input is too long for requested model.\"}")
        .header("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    server.enqueue(Reply.json(200, BedrockWire.response("guardrail_intervened", BedrockWire.usage(5, 3, 0, 0),
        "{\"text\":\"Sorry, the model cannot answer this question.\"}")));
    String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    ProviderFailure throttled = failure(request);
    ProviderFailure invalid = failure(request);
    ProviderFailure tooLong = failure(request);
    ProviderFailure guardrail = failure(request);

    assertThat(FailureClassifier.classify(throttled)).isEqualTo(FailureClass.RETRYABLE);
    assertThat(throttled.clientError().at("/error/code").asText()).isEqualTo("ThrottlingException");
    assertThat(FailureClassifier.classify(invalid)).isEqualTo(FailureClass.REJECTED);
    assertThat(invalid.clientError().at("/error/message").asText()).contains("extraneous key");
    assertThat(FailureClassifier.classify(tooLong)).isEqualTo(FailureClass.CONTEXT_LENGTH);
    assertThat(FailureClassifier.classify(guardrail)).isEqualTo(FailureClass.CONTENT_POLICY);
  }

  @Test
  void badCredentialsFailAsAuthWithoutACall() throws Exception {
    try (AdapterCalls wrong = new AdapterCalls(ProviderKind.BEDROCK, server.baseUrl(), "us-east-1", MODEL, "just-a-key")) {
      ProviderFailure failure = (ProviderFailure) new BedrockAdapter(wrong.account, wrong.context)
          .complete(wrong.call("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
          .handle((c, e) -> e).get(30, TimeUnit.SECONDS);

      assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClass.AUTH);
      assertThat(failure.summary()).doesNotContain("just-a-key");
      assertThat(server.requestCount()).isZero();
    }
  }

  @Test
  void converseStreamDecodesEventStreamFramesIntoChunks() throws Exception {
    BedrockWire wire = new BedrockWire()
        .event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcd\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Hmm.\"}}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"sig-9\"}}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":0}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"Hel\"}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"lo\"}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":1}")
        .event("contentBlockStart", "{\"contentBlockIndex\":2,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_7\",\"name\":\"get_time\"}}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"{\\\"tz\\\":\"}}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"\\\"UTC\\\"}\"}}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":2}")
        .event("messageStop", "{\"stopReason\":\"tool_use\"}")
        .event("metadata", "{\"usage\":" + BedrockWire.usage(30, 8, 4, 0) + ",\"metrics\":{\"latencyMs\":300}}");
    server.enqueue(Reply.bytes(200, EVENT_STREAM, wire.bytes()));
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(calls.call("""
        {"model":"m","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"Hi"}]}"""), listener);
    listener.awaitEnd();

    assertThat(server.lastRequest().path()).isEqualTo("/model/" + MODEL + "/converse-stream");
    assertThat(server.lastRequest().header("authorization")).contains("/us-east-1/bedrock/aws4_request");
    assertThat(listener.completions).hasValue(1);
    assertThat(listener.text()).isEqualTo("Hello");
    assertThat(listener.chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Hmm."));
    assertThat(listener.chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/thinking_blocks/0/signature").asText()).isEqualTo("sig-9"));
    StringBuilder arguments = new StringBuilder();
    listener.chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(t -> arguments.append(t.at("/function/arguments").asText(""))));
    assertThat(calls.json(arguments.toString()).path("tz").asText()).isEqualTo("UTC");
    assertThat(listener.chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
    JsonNode last = listener.chunks.get(listener.chunks.size() - 1);
    assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(34);
    assertThat(last.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void anExceptionFrameOrACutEndsTheStreamWithAFailure() throws Exception {
    server.enqueue(Reply.bytes(200, EVENT_STREAM, new BedrockWire()
        .event("messageStart", "{\"role\":\"assistant\"}")
        .exception("throttlingException", "Too many tokens, please wait before trying again.")
        .bytes()));
    server.enqueue(Reply.bytes(200, EVENT_STREAM, new BedrockWire()
        .event("messageStart", "{\"role\":\"assistant\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}")
        .bytes()));
    server.enqueue(Reply.json(400, "{\"message\":\"The provided model identifier is invalid.\"}")
        .header("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    String request = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    RecordingStreamListener throttled = new RecordingStreamListener();
    RecordingStreamListener cut = new RecordingStreamListener();
    RecordingStreamListener invalid = new RecordingStreamListener();

    adapter.stream(calls.call(request), throttled);
    ProviderFailure throttling = throttled.awaitError();
    adapter.stream(calls.call(request), cut);
    ProviderFailure cutFailure = cut.awaitError();
    adapter.stream(calls.call(request), invalid);
    ProviderFailure validation = invalid.awaitError();

    assertThat(throttling.status()).isEqualTo(429);
    assertThat(FailureClassifier.classify(throttling)).isEqualTo(FailureClass.RETRYABLE);
    assertThat(cutFailure.summary()).contains("stream cut");
    assertThat(FailureClassifier.classify(validation)).isEqualTo(FailureClass.REJECTED);
  }
}
