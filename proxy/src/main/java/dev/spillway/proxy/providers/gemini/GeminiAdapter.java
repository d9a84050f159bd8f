package dev.spillway.proxy.providers.gemini;

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
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.openai.OpenAiErrors;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Adapter for Gemini's native API ({@code generateContent} / {@code streamGenerateContent}),
 * translating to and from the OpenAI shape; with a Vertex endpoint, for Gemini on Vertex AI too.
 */
public final class GeminiAdapter implements ProviderAdapter {
  private final AccountConfig account;
  private final ProviderContext context;
  private final ObjectMapper mapper;
  private final UpstreamHttp http;
  private final GeminiEndpoint endpoint;
  private final GeminiErrors errors;
  private final GeminiRequestTranslator requests;
  private final GeminiResponseTranslator responses;
  private final VideoProvider videos;

  /** The Gemini API with an API key, at the account's base URL. */
  public GeminiAdapter(AccountConfig account, ProviderContext context) {
    this(account, context, GeminiEndpoint.apiKey(account.baseUrl()));
  }

  public GeminiAdapter(AccountConfig account, ProviderContext context, GeminiEndpoint endpoint) {
    this.account = account;
    this.context = context;
    this.mapper = context.mapper();
    this.http = new UpstreamHttp(account, context);
    this.endpoint = endpoint;
    this.errors = new GeminiErrors(mapper);
    this.requests = new GeminiRequestTranslator(mapper);
    this.responses = new GeminiResponseTranslator(mapper, context.clock());
    this.videos = new VeoVideos(account, http, new OpenAiErrors(mapper), mapper, context.clock());
  }

  /** Veo video jobs, through the same native API. */
  @Override
  public VideoProvider videos() {
    return videos;
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return AfterAuth.then(request(call, false), request -> http.send(request, response -> completion(response, call)));
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    GeminiStreamTranslator translator =
        new GeminiStreamTranslator(
            responses,
            call.target().model(),
            call.request().path("stream_options").path("include_usage").asBoolean(false));
    TranslatedStream stream =
        new TranslatedStream(
            mapper,
            "gemini",
            new TranslatedStream.Translator() {
              @Override
              public List<ObjectNode> onEvent(String event, JsonNode data) {
                return translator.onEvent(data);
              }

              @Override
              public boolean finished() {
                return translator.finished();
              }
            },
            (status, headers, body) ->
                errors.fromHttp(status, body, RetryAfter.from(headers, context.clock()), call.apiKey()),
            listener);
    return stream.startWhen(request(call, true), request -> http.streamEvents(request, stream), context.executor());
  }

  private Completion completion(UpstreamResponse response, ProviderCall call) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromHttp(
          response.statusCode(), response.body(), RetryAfter.from(response.headers(), context.clock()), call.apiKey());
    }
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (IOException notJson) {
      throw ProviderFailure.protocol("gemini answered 200 with a body that is not JSON");
    }
    ObjectNode completion = responses.toCompletion(body, call.target().model());
    return new Completion(completion, Usage.fromOpenAi(completion.get("usage")));
  }

  private CompletableFuture<UpstreamRequest> request(ProviderCall call, boolean stream) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(requests.translate(call.request()));
    } catch (IllegalArgumentException invalid) {
      return CompletableFuture.failedFuture(errors.invalidRequest(invalid.getMessage()));
    } catch (JsonProcessingException impossible) {
      return CompletableFuture.failedFuture(ProviderFailure.protocol("could not serialise the gemini request"));
    }
    return endpoint.address(call.target().model(), stream, call.apiKey()).thenApply(address -> {
      UpstreamRequest.Builder builder = UpstreamRequest.postJson(address.uri(), body);
      account.headers().forEach(builder::header);
      address.authHeaders().forEach(builder::header);
      if (stream) {
        builder.header("accept", "text/event-stream");
      }
      return builder.build();
    });
  }

}
