package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.http.MalformedText;
import dev.spillway.proxy.providers.http.SseHandler;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Connects one native provider's event stream to a {@link StreamListener}: parses each event's
 * JSON, hands it to the provider's translator, and makes sure the listener hears exactly one
 * ending — {@code onComplete} only once the translator saw the provider's own end, {@code onError}
 * for everything else — and nothing after a cancel. Used for server-sent events and, fed by a
 * frame decoder, for AWS event streams.
 */
public final class TranslatedStream implements SseHandler, Cancellable {

  /** One provider's stream events to OpenAI chunks. Stateful: one per stream. */
  public interface Translator {
    /**
     * @param event the event's type ({@code event:} field or frame header), or null
     * @throws ProviderFailure for an error event, or content the provider withheld
     */
    List<ObjectNode> onEvent(String event, JsonNode data);

    /** Whether the provider's end of stream was seen. */
    boolean finished();
  }

  /** A non-2xx answer to the stream's request as a failure. */
  @FunctionalInterface
  public interface HttpErrors {
    ProviderFailure fromHttp(int status, HttpHeaders headers, byte[] body);
  }

  private final ObjectMapper mapper;
  private final String provider;
  private final Translator translator;
  private final HttpErrors errors;
  private final StreamListener listener;
  private final AtomicBoolean done = new AtomicBoolean();
  private final AtomicReference<Cancellable> upstream = new AtomicReference<>();
  private volatile boolean opened;

  /** @param provider the provider's name for failure summaries, e.g. "gemini" */
  public TranslatedStream(
      ObjectMapper mapper, String provider, Translator translator, HttpErrors errors, StreamListener listener) {
    this.mapper = mapper;
    this.provider = provider;
    this.translator = translator;
    this.errors = errors;
    this.listener = listener;
  }

  /**
   * Starts the upstream call once its request is ready (a token may have to be fetched first). A
   * request that could not be built ends the stream with its failure, off the caller's thread like
   * every other stream callback.
   */
  public TranslatedStream startWhen(
      CompletableFuture<UpstreamRequest> request, Function<UpstreamRequest, Cancellable> call, Executor executor) {
    if (request.isDone() && !request.isCompletedExceptionally()) {
      attach(call.apply(request.join())); // an API key: no extra hop on the hot path
      return this;
    }
    request.whenCompleteAsync((ready, error) -> {
      if (error != null) {
        fail(AfterAuth.failure(error));
      } else {
        attach(call.apply(ready));
      }
    }, executor);
    return this;
  }

  /** The upstream call to abort when the stream fails on our side or the caller cancels. */
  public void attach(Cancellable call) {
    upstream.set(call);
    if (done.get()) {
      call.cancel();
    }
  }

  @Override
  public void cancel() {
    done.set(true);
    abortUpstream();
  }

  @Override
  public void onOpen(HttpHeaders headers) {
    opened = true;
    listener.onOpen(UpstreamRequestId.of(headers));
  }

  @Override
  public void onEvent(String event, byte[] data) {
    if (done.get()) {
      return;
    }
    JsonNode json;
    try {
      json = MalformedText.read(data, mapper::readTree);
    } catch (IOException notJson) {
      fail(ProviderFailure.protocol(provider + " sent a stream event that is not JSON"));
      return;
    }
    onEvent(event, json);
  }

  /** An event whose payload is already parsed (frame decoders call this). */
  public void onEvent(String event, JsonNode data) {
    if (done.get()) {
      return;
    }
    List<ObjectNode> chunks;
    try {
      chunks = translator.onEvent(event, data == null ? mapper.missingNode() : data);
    } catch (ProviderFailure failure) {
      fail(failure);
      return;
    } catch (RuntimeException unexpected) {
      fail(ProviderFailure.protocol(
          "could not read a " + provider + " stream event: " + unexpected.getClass().getSimpleName()));
      return;
    }
    chunks.forEach(listener::onChunk);
    if (translator.finished() && done.compareAndSet(false, true)) {
      listener.onComplete();
    }
  }

  @Override
  public void onEnd() {
    fail(ProviderFailure.protocol("stream cut: " + provider + " closed the stream before its end"));
  }

  @Override
  public void onHttpError(int status, HttpHeaders headers, byte[] body) {
    fail(errors.fromHttp(status, headers, body));
  }

  @Override
  public void onFailure(ProviderFailure failure) {
    // Once events flow, a broken connection is a cut stream, not a failure to connect.
    boolean cut = opened && failure.kind() == ProviderFailure.Kind.CONNECT;
    fail(cut ? ProviderFailure.protocol("stream cut: " + failure.summary()) : failure);
  }

  /** Ends the stream with a failure found on our side (e.g. the request could not be built). */
  public void fail(ProviderFailure failure) {
    if (done.compareAndSet(false, true)) {
      abortUpstream();
      listener.onError(failure);
    }
  }

  private void abortUpstream() {
    Cancellable call = upstream.get();
    if (call != null) {
      call.cancel();
    }
  }
}
