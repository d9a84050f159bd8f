package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.SseHandler;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects one upstream event stream to a {@link StreamListener}: parses events, hands them to the
 * translator, and makes sure the listener hears exactly one ending — {@code onComplete} only after
 * {@code message_stop}, {@code onError} for everything else — and nothing after a cancel.
 */
final class AnthropicStreamHandler implements SseHandler, Cancellable {
  private final ObjectMapper mapper;
  private final AnthropicStreamTranslator translator;
  private final AnthropicErrors errors;
  private final StreamListener listener;
  private final String apiKey;
  private final Clock clock;
  private final AtomicBoolean done = new AtomicBoolean();
  private final AtomicReference<Cancellable> upstream = new AtomicReference<>();
  private volatile boolean opened;

  AnthropicStreamHandler(
      ObjectMapper mapper,
      AnthropicStreamTranslator translator,
      AnthropicErrors errors,
      StreamListener listener,
      String apiKey,
      Clock clock) {
    this.mapper = mapper;
    this.translator = translator;
    this.errors = errors;
    this.listener = listener;
    this.apiKey = apiKey;
    this.clock = clock;
  }

  /** The upstream call to abort when the stream fails on our side or the caller cancels. */
  void attach(Cancellable call) {
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
  }

  @Override
  public void onEvent(String event, String data) {
    if (done.get()) {
      return;
    }
    JsonNode json;
    try {
      json = mapper.readTree(data);
    } catch (IOException notJson) {
      fail(ProviderFailure.protocol("anthropic sent a stream event that is not JSON"));
      return;
    }
    String type = json.path("type").asText(event == null ? "" : event);
    if (type.equals("error")) {
      fail(errors.fromEvent(json, apiKey));
      return;
    }
    translator.onEvent(type, json).forEach(listener::onChunk);
    if (translator.stopped() && done.compareAndSet(false, true)) {
      listener.onComplete();
    }
  }

  @Override
  public void onEnd() {
    fail(ProviderFailure.protocol("stream cut: anthropic closed the stream before message_stop"));
  }

  @Override
  public void onHttpError(int status, HttpHeaders headers, byte[] body) {
    fail(errors.fromHttp(status, body, RetryAfter.from(headers, clock), apiKey));
  }

  @Override
  public void onFailure(ProviderFailure failure) {
    // Once events flow, a broken connection is a cut stream, not a failure to connect.
    boolean cut = opened && failure.kind() == ProviderFailure.Kind.CONNECT;
    fail(cut ? ProviderFailure.protocol("stream cut: " + failure.summary()) : failure);
  }

  private void fail(ProviderFailure failure) {
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
