package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.AfterAuth;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.TranslatedStream;
import dev.spillway.proxy.providers.UpstreamRequestId;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Adapter for the Anthropic Messages API, translating to and from the OpenAI shape; with a Vertex
 * endpoint, for Claude on Vertex AI too.
 */
public final class AnthropicAdapter implements ProviderAdapter {
  static final String DEFAULT_API_VERSION = "2023-06-01";

  private final AccountConfig account;
  private final ProviderContext context;
  private final ObjectMapper mapper;
  private final UpstreamHttp http;
  private final AnthropicEndpoint endpoint;
  private final AnthropicErrors errors;
  private final AnthropicRequestTranslator requests;
  private final AnthropicResponseTranslator responses;

  public AnthropicAdapter(AccountConfig account, ProviderContext context) {
    this(account, context, AnthropicEndpoint.direct(account.baseUrl(), account.apiVersion()));
  }

  public AnthropicAdapter(AccountConfig account, ProviderContext context, AnthropicEndpoint endpoint) {
    this.account = account;
    this.context = context;
    this.mapper = context.mapper();
    this.http = new UpstreamHttp(account, context);
    this.endpoint = endpoint;
    this.errors = new AnthropicErrors(mapper);
    this.requests = new AnthropicRequestTranslator(mapper, errors);
    this.responses = new AnthropicResponseTranslator(mapper, context.clock());
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return AfterAuth.then(httpRequest(call, false), request -> http.send(
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
        }));
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    AnthropicStreamTranslator translator =
        new AnthropicStreamTranslator(
            mapper,
            responses,
            context.clock().instant().getEpochSecond(),
            call.request().path("stream_options").path("include_usage").asBoolean(false));
    TranslatedStream stream = new TranslatedStream(
        mapper,
        "anthropic",
        new TranslatedStream.Translator() {
          @Override
          public List<ObjectNode> onEvent(String event, JsonNode data) {
            String type = data.path("type").asText(event == null ? "" : event);
            if (type.equals("error")) {
              throw errors.fromEvent(data, call.apiKey());
            }
            return translator.onEvent(type, data);
          }

          @Override
          public boolean finished() {
            return translator.stopped();
          }
        },
        (status, headers, body) ->
            errors.fromHttp(status, body, RetryAfter.from(headers, context.clock()), call.apiKey()),
        listener);
    return stream.startWhen(httpRequest(call, true), request -> http.streamEvents(request, stream), context.executor());
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
    return new Completion(body, Usage.fromOpenAi(body.get("usage")), UpstreamRequestId.of(response));
  }

  private CompletableFuture<UpstreamRequest> httpRequest(ProviderCall call, boolean stream) {
    byte[] bytes;
    try {
      ObjectNode body = requests.translate(call.request(), stream);
      endpoint.shape(body);
      bytes = mapper.writeValueAsBytes(body);
    } catch (ProviderFailure failure) {
      return CompletableFuture.failedFuture(failure);
    } catch (JsonProcessingException impossible) {
      return CompletableFuture.failedFuture(ProviderFailure.protocol("could not serialise the anthropic request"));
    }
    return endpoint.address(call.target().model(), stream, call.apiKey()).thenApply(address -> {
      UpstreamRequest.Builder builder = UpstreamRequest.postJson(address.uri(), bytes);
      account.headers().forEach(builder::header);
      address.authHeaders().forEach(builder::header);
      return builder.build();
    });
  }

}
