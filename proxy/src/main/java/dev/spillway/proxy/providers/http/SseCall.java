package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body handler of one SSE call: 2xx bodies are split into lines and parsed into events, other
 * statuses are collected whole. Guarantees the handler sees exactly one terminal callback, and none
 * after {@link #cancel()}.
 */
final class SseCall implements HttpResponse.BodyHandler<Void> {
  private final SseHandler handler;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Flow.Subscription subscription;

  SseCall(SseHandler handler) {
    this.handler = handler;
  }

  @Override
  public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
    if (info.statusCode() / 100 != 2) {
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofByteArray(),
          body -> {
            if (finished.compareAndSet(false, true)) {
              handler.onHttpError(info.statusCode(), info.headers(), body);
            }
            return null;
          });
    }
    handler.onOpen(info.headers());
    // A null separator splits like BufferedReader.readLine: \n, \r\n and \r all end a line.
    return HttpResponse.BodySubscribers.fromLineSubscriber(
        new Lines(), s -> null, StandardCharsets.UTF_8, null);
  }

  void fail(ProviderFailure failure) {
    if (finished.compareAndSet(false, true)) {
      handler.onFailure(failure);
    }
  }

  void cancel() {
    finished.set(true);
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  /** Receives the body line by line (the JDK splits and decodes UTF-8 for us). */
  private final class Lines implements Flow.Subscriber<String> {
    private final SseParser parser =
        new SseParser(
            (event, data) -> {
              if (!finished.get()) {
                handler.onEvent(event, data);
              }
            });

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (finished.get()) {
        s.cancel();
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      parser.line(line);
    }

    @Override
    public void onError(Throwable error) {
      fail(Failures.of(error));
    }

    @Override
    public void onComplete() {
      parser.end();
      if (finished.compareAndSet(false, true)) {
        handler.onEnd();
      }
    }
  }
}
