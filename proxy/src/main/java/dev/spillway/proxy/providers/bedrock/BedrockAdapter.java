package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.TranslatedStream;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Adapter for Amazon Bedrock's {@code Converse} and {@code ConverseStream} APIs, signed with SigV4.
 * A target's model is a Bedrock model id, a cross-region inference profile id (e.g. {@code
 * us.anthropic.claude-sonnet-4-5-20250929-v1:0}) or an ARN.
 */
public final class BedrockAdapter implements ProviderAdapter {
  private final AccountConfig account;
  private final ProviderContext context;
  private final ObjectMapper mapper;
  private final UpstreamHttp http;
  private final AwsSigner signer;
  private final BedrockErrors errors;
  private final BedrockRequestTranslator requests;
  private final BedrockResponseTranslator responses;

  public BedrockAdapter(AccountConfig account, ProviderContext context) {
    this.account = account;
    this.context = context;
    this.mapper = context.mapper();
    this.http = new UpstreamHttp(account, context);
    this.signer = new AwsSigner(account.region(), context.clock());
    this.errors = new BedrockErrors(mapper);
    this.requests = new BedrockRequestTranslator(mapper);
    this.responses = new BedrockResponseTranslator(mapper, context.clock());
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    UpstreamRequest request;
    try {
      request = request(call, false);
    } catch (ProviderFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    return http.send(request, response -> completion(response, call));
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    BedrockStreamTranslator translator = new BedrockStreamTranslator(
        mapper, responses, call.target().model(), context.clock().instant().getEpochSecond(),
        call.request().path("stream_options").path("include_usage").asBoolean(false));
    TranslatedStream stream = new TranslatedStream(
        mapper, "bedrock", translator, (status, headers, body) -> httpFailure(status, headers, body, call), listener);
    EventStreamFrames frames = new EventStreamFrames(
        mapper, stream, (type, payload) -> errors.fromStreamException(type, payload, call.apiKey()), http::scrub);
    CompletableFuture<UpstreamRequest> request;
    try {
      request = CompletableFuture.completedFuture(request(call, true));
    } catch (ProviderFailure failure) {
      request = CompletableFuture.failedFuture(failure);
    }
    return stream.startWhen(request, ready -> http.streamBytes(ready, frames), context.executor());
  }

  private Completion completion(UpstreamResponse response, ProviderCall call) {
    if (response.statusCode() / 100 != 2) {
      throw httpFailure(response.statusCode(), response.headers(), response.body(), call);
    }
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (IOException notJson) {
      throw ProviderFailure.protocol("bedrock answered 200 with a body that is not JSON");
    }
    ObjectNode completion = responses.toCompletion(body, call.target().model());
    return new Completion(completion, Usage.fromOpenAi(completion.get("usage")));
  }

  private ProviderFailure httpFailure(int status, HttpHeaders headers, byte[] body, ProviderCall call) {
    return errors.fromHttp(status, headers.firstValue("x-amzn-errortype").orElse(null), body,
        RetryAfter.from(headers, context.clock()), call.apiKey());
  }

  /** The signed POST to {@code /model/{modelId}/converse} or {@code /converse-stream}. */
  private UpstreamRequest request(ProviderCall call, boolean stream) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(requests.translate(call.request(), call.target().model()));
    } catch (IllegalArgumentException invalid) {
      throw errors.invalidRequest(invalid.getMessage());
    } catch (JsonProcessingException impossible) {
      throw ProviderFailure.protocol("could not serialise the bedrock request");
    }
    // Model ids carry ':' and ARNs '/': one path segment, percent-encoded.
    String model = URLEncoder.encode(call.target().model(), StandardCharsets.UTF_8).replace("+", "%20");
    URI uri = URI.create(account.baseUrl() + "/model/" + model + (stream ? "/converse-stream" : "/converse"));
    UpstreamRequest.Builder builder = UpstreamRequest.postJson(uri, body);
    account.headers().forEach(builder::header);
    builder.header("accept", stream ? "application/vnd.amazon.eventstream" : "application/json");
    return signer.sign(builder.build(), call.apiKey());
  }
}
