package dev.spillway.proxy.providers.anthropic;

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
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Adapter for the Anthropic Messages API, translating to and from the OpenAI shape. */
public final class AnthropicAdapter implements ProviderAdapter {
  static final String DEFAULT_API_VERSION = "2023-06-01";

  private final AccountConfig account;
  private final ProviderContext context;
  private final ObjectMapper mapper;
  private final UpstreamHttp http;
  private final URI endpoint;
  private final AnthropicErrors errors;
  private final AnthropicRequestTranslator requests;
  private final AnthropicResponseTranslator responses;

  public AnthropicAdapter(AccountConfig account, ProviderContext context) {
    this.account = account;
    this.context = context;
    this.mapper = context.mapper();
    this.http = new UpstreamHttp(account, context);
    this.endpoint = URI.create(account.baseUrl() + "/v1/messages");
    this.errors = new AnthropicErrors(mapper);
    this.requests = new AnthropicRequestTranslator(mapper, errors);
    this.responses = new AnthropicResponseTranslator(mapper, context.clock());
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    UpstreamRequest request;
    try {
      request = httpRequest(call, requests.translate(call.request(), false));
    } catch (ProviderFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    return http.send(
        request,
        response -> {
          try {
            return completion(response, call.apiKey());
          } catch (ProviderFailure failure) {
            throw failure;
          } catch (RuntimeException unexpected) {
            throw ProviderFailure.protocol(
                "could not read the anthropic response: " + unexpected.getClass().getSimpleName());
          }
        });
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    JsonNode openAi = call.request();
    AnthropicStreamTranslator translator =
        new AnthropicStreamTranslator(
            mapper,
            responses,
            context.clock().instant().getEpochSecond(),
            openAi.path("stream_options").path("include_usage").asBoolean(false));
    AnthropicStreamHandler handler =
        new AnthropicStreamHandler(
            mapper, translator, errors, listener, call.apiKey(), context.clock());
    UpstreamRequest request;
    try {
      request = httpRequest(call, requests.translate(openAi, true));
    } catch (ProviderFailure failure) {
      // Off the caller's thread, like every other stream callback.
      context.executor().execute(() -> handler.onFailure(failure));
      return handler;
    }
    handler.attach(http.streamEvents(request, handler));
    return handler;
  }

  private Completion completion(UpstreamResponse response, String apiKey) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromHttp(
          response.statusCode(),
          response.body(),
          RetryAfter.from(response.headers(), context.clock()),
          apiKey);
    }
    JsonNode message;
    try {
      message = mapper.readTree(response.body());
    } catch (IOException notJson) {
      throw ProviderFailure.protocol("anthropic answered 200 with a body that is not JSON");
    }
    ObjectNode body = responses.toCompletion(message);
    return new Completion(body, Usage.fromOpenAi(body.get("usage")), response.headers().firstValue("request-id").orElse(null));
  }

  private UpstreamRequest httpRequest(ProviderCall call, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException impossible) {
      throw ProviderFailure.protocol("could not serialise the anthropic request");
    }
    UpstreamRequest.Builder builder = UpstreamRequest.postJson(endpoint, bytes);
    account.headers().forEach(builder::header);
    String version = account.apiVersion() != null ? account.apiVersion() : DEFAULT_API_VERSION;
    builder.header("anthropic-version", version);
    if (call.apiKey() != null) {
      builder.header("x-api-key", call.apiKey());
    }
    return builder.build();
  }
}
