package dev.spillway.proxy.providers.openai;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ChatChunk;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.ChunkReader;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Speech;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.UpstreamRequestId;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedBytes;
import dev.spillway.proxy.passthrough.SplicedObject;
import dev.spillway.proxy.providers.features.ContentPolicy;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.MalformedText;
import dev.spillway.proxy.providers.http.SseHandler;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.MultipartBody;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Adapter for OpenAI and OpenAI-compatible servers (vLLM, Ollama, Azure-style deployments, Gemini's OpenAI endpoint). */
public final class OpenAiAdapter implements ProviderAdapter {
  private static final String CHAT = "/chat/completions";
  private static final HttpClient PROBE_CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final AccountConfig account;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final UpstreamHttp http;
  /** Endpoint URIs by operation path, parsed once (URI parsing showed in the per-request profile). */
  private final Map<String, URI> endpoints = new ConcurrentHashMap<>();
  private final OpenAiErrors errors;
  private final VideoProvider videos;
  /** Compiled once: {@code at(String)} parses its pointer again on every answer. */
  private static final JsonPointer FINISH_REASON = JsonPointer.compile("/choices/0/finish_reason");

  private final ObjectReading answers;
  private final ChunkReader chunks;

  public OpenAiAdapter(AccountConfig account, ProviderContext context) {
    this.account = account;
    this.mapper = context.mapper();
    this.clock = context.clock();
    this.http = new UpstreamHttp(account, context);
    this.errors = new OpenAiErrors(context.mapper());
    this.videos = videos(account, context);
    this.answers = new ObjectReading(context.mapper());
    this.chunks = new ChunkReader(context.mapper());
  }

  /** Azure deployments have no Videos API here (Gemini's Veo is the Gemini adapter's). */
  private VideoProvider videos(AccountConfig account, ProviderContext context) {
    return account.azureDeployments()
        ? VideoProvider.UNSUPPORTED
        : new OpenAiVideos(account, http, errors, context.mapper(), clock);
  }

  @Override
  public VideoProvider videos() {
    return videos;
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return http.send(request(call).build(), response -> completion(response, call));
  }

  @Override
  public CompletableFuture<Completion> embeddings(ProviderCall call) {
    return http.send(request(call, "/embeddings").build(), response -> completion(response, call));
  }

  @Override
  public CompletableFuture<Completion> images(ProviderCall call) {
    return http.send(request(call, "/images/generations").build(), response -> completion(response, call));
  }

  /**
   * {@code POST /audio/transcriptions}: the form the client uploaded, carried as JSON (the file in
   * base64, see media.MultipartForm), sent again as multipart/form-data with the target's model.
   */
  @Override
  public CompletableFuture<Completion> transcriptions(ProviderCall call) {
    MultipartBody form = TranscriptionForm.of(call.request(), !account.azureDeployments());
    UpstreamRequest.Builder post =
        UpstreamRequest.post(uri(call, "/audio/transcriptions"), form.toBytes(), form.contentType());
    return http.send(authorised(post, call).build(), response -> completion(response, call));
  }

  @Override
  public CompletableFuture<Speech> speech(ProviderCall call) {
    return http.send(request(call, "/audio/speech").build(), response -> {
      if (response.statusCode() / 100 != 2) {
        throw httpFailure(response.statusCode(), response.headers(), response.body(), call);
      }
      return new Speech(
          response.body(),
          response.headers().firstValue("content-type").orElse("application/octet-stream"),
          call.request().path("response_format").asText("mp3"));
    });
  }

  /**
   * {@code GET /models}: the free liveness probe of OpenAI-compatible servers. On the JDK client:
   * once per interval per account, off the request path, so it needs none of the event loop's care.
   */
  @Override
  public CompletableFuture<Void> listModels(ProviderCall call) {
    if (account.azureDeployments()) {
      return ProviderAdapter.super.listModels(call); // deployments have no models listing
    }
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(account.baseUrl() + "/models"))
        .timeout(Duration.ofMillis(call.timeouts().requestMs()))
        .GET();
    account.headers().forEach(get::header);
    if (call.apiKey() != null) {
      get.header("authorization", "Bearer " + call.apiKey());
    }
    return PROBE_CLIENT.sendAsync(get.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      if (response.statusCode() / 100 != 2) {
        throw httpFailure(response.statusCode(), response.headers(), response.body(), call);
      }
      return null;
    });
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    ChunkRelay relay = new ChunkRelay(call, listener);
    Cancellable upstream =
        http.streamEvents(request(call, CHAT).header("accept", "text/event-stream").build(), relay);
    relay.upstream.set(upstream);
    return relay::cancel;
  }

  private Completion completion(UpstreamResponse response, ProviderCall call) {
    if (response.statusCode() / 100 != 2) {
      throw httpFailure(response.statusCode(), response.headers(), response.body(), call);
    }
    ObjectNode body;
    try {
      // Read with its bytes kept: an answer nobody changes goes to the client as it came.
      body = answers.read(response.body())
          .orElseThrow(() -> ProviderFailure.protocol("JSON body is not an object"));
    } catch (IOException e) {
      throw ProviderFailure.protocol("malformed JSON body");
    }
    if (ContentPolicy.CODE.equals(body.at(FINISH_REASON).asText())) {
      // Azure's filters answer 200 with the content withheld: a refusal, not an answer to serve.
      throw ContentPolicy.refused(400, "the provider's content filter withheld the answer");
    }
    return new Completion(body, Usage.fromOpenAi(body.get("usage")), UpstreamRequestId.of(response));
  }

  private ProviderFailure httpFailure(int status, HttpHeaders headers, byte[] body, ProviderCall call) {
    return errors.fromHttp(status, RetryAfter.from(headers, clock), body, call.apiKey());
  }

  /** The POST of a chat call: the plain OpenAI path, or an Azure deployment path. */
  UpstreamRequest.Builder request(ProviderCall call) {
    return request(call, CHAT);
  }

  /** The POST for this call to an operation's path (e.g. {@code /embeddings}). */
  UpstreamRequest.Builder request(ProviderCall call, String path) {
    // OpenAI's own API (and Azure's) rejects fields it does not know; other OpenAI-compatible servers
    // get the body as it is (LiteLLM-style servers understand these fields).
    boolean openAi = account.provider() == ProviderKind.OPENAI || account.azureDeployments();
    ObjectNode body = openAi && CHAT.equals(path) ? OpenAiFeatures.apply(call.request()) : call.request();
    if (account.azureDeployments()) {
      // Azure names the model in the path (the deployment), not in the body.
      // A shallow copy: the members are shared, not re-encoded (a deep copy is a plain tree, which
      // would serialise the whole prompt again instead of splicing the client's bytes).
      body = body == call.request() ? SplicedObject.shallowCopy(body) : body;
      body.remove("model");
    }
    return authorised(UpstreamRequest.postJson(uri(call, path), bytes(body)), call);
  }

  private URI uri(ProviderCall call, String path) {
    if (account.azureDeployments()) {
      return URI.create(
          account.baseUrl()
              + "/openai/deployments/"
              + URLEncoder.encode(call.target().model(), StandardCharsets.UTF_8)
              + path
              + "?api-version="
              + URLEncoder.encode(String.valueOf(account.apiVersion()), StandardCharsets.UTF_8));
    }
    return endpoints.computeIfAbsent(path, p -> URI.create(account.baseUrl() + p));
  }

  /** The account's extra headers and the key, as this provider takes it. */
  private UpstreamRequest.Builder authorised(UpstreamRequest.Builder builder, ProviderCall call) {
    account.headers().forEach(builder::header);
    if (call.apiKey() != null) {
      if (account.azureDeployments()) {
        builder.header("api-key", call.apiKey());
      } else {
        builder.header("authorization", "Bearer " + call.apiKey());
      }
    }
    return builder;
  }

  /** The client's bytes with this call's changes spliced in, when the body is the client's. */
  private SplicedBytes bytes(ObjectNode body) {
    return SplicedObject.pieces(body, mapper);
  }

  /** Maps one SSE call onto the listener: chunks, then exactly one of complete or error. */
  private final class ChunkRelay implements SseHandler {
    private final ProviderCall call;
    private final StreamListener listener;
    private final AtomicReference<Cancellable> upstream = new AtomicReference<>();
    private volatile boolean finished;
    /** Whether any answer (text or a tool call) has been relayed: then a filter stop is passed through. */
    private boolean answered;

    ChunkRelay(ProviderCall call, StreamListener listener) {
      this.call = call;
      this.listener = listener;
    }

    @Override
    public void onOpen(HttpHeaders headers) {
      listener.onOpen(UpstreamRequestId.of(headers));
    }

    @Override
    public void onEvent(String event, byte[] data) {
      if (finished) {
        return;
      }
      if (DoneMarker.is(data)) {
        finished = true;
        listener.onComplete();
        return;
      }
      Optional<ChatChunk> chunk;
      try {
        // Scanned, not parsed into a tree: the chunk goes to an OpenAI-format client as these bytes.
        chunk = MalformedText.read(data, chunks::read);
      } catch (IOException e) {
        fail(ProviderFailure.protocol("malformed stream chunk"));
        return;
      }
      if (chunk.isEmpty()) {
        fail(ProviderFailure.protocol("stream chunk is not an object"));
        return;
      }
      ChunkFacts facts = chunk.get().facts();
      ChunkFacts.Choice first = facts.firstChoice();
      if (facts.hasError()) {
        fail(errors.fromStreamEvent(chunk.get().tree(), call.apiKey()));
      } else if (!answered && first != null && ContentPolicy.CODE.equals(first.finishReason())) {
        // The filter withheld the answer before any of it came: a refusal, classified like a plain
        // call's (fails over where the policy allows). Once an answer has started, the stop is
        // relayed as the provider sent it: the client sees where its answer was cut and why.
        fail(ContentPolicy.refused(400, "the provider's content filter withheld the answer"));
      } else {
        answered = answered || hasAnswer(first); // looked at only until the answer starts
        listener.onChunk(chunk.get());
      }
    }

    private static boolean hasAnswer(ChunkFacts.Choice first) {
      return first != null && (first.content() != null && !first.content().isEmpty() || first.toolCalls() != null);
    }

    @Override
    public void onEnd() {
      if (!finished) {
        finished = true;
        listener.onError(ProviderFailure.protocol("stream cut"));
      }
    }

    @Override
    public void onHttpError(int status, HttpHeaders headers, byte[] body) {
      if (!finished) {
        finished = true;
        listener.onError(httpFailure(status, headers, body, call));
      }
    }

    @Override
    public void onFailure(ProviderFailure failure) {
      if (!finished) {
        finished = true;
        listener.onError(failure);
      }
    }

    /** An error found in a 2xx stream: report it and stop reading. */
    private void fail(ProviderFailure failure) {
      finished = true;
      listener.onError(failure);
      cancel();
    }

    void cancel() {
      finished = true;
      Cancellable c = upstream.get();
      if (c != null) {
        c.cancel();
      }
    }
  }
}
