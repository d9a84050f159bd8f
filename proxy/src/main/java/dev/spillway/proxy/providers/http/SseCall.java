package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The body handler of one SSE call over the JDK client: 2xx bodies are split into lines and parsed
 * into events within the limits (the JDK's line subscriber has no bound on a line), other statuses
 * are collected whole. Guarantees the handler sees exactly one terminal callback, and none after
 * {@link #cancel()}.
 */
final class SseCall implements HttpResponse.BodyHandler<Void> {
  private final SseHandler handler;
  private final UpstreamLimits limits;
  private final ProgressWatch.Timers timers;
  private final Function<HttpResponse.ResponseInfo, JdkBody> errorBody;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Flow.Subscription subscription;

  /** @param errorBody how a non-2xx body is collected (bounded like any whole body) */
  SseCall(
      SseHandler handler,
      UpstreamLimits limits,
      ProgressWatch.Timers timers,
      Function<HttpResponse.ResponseInfo, JdkBody> errorBody) {
    this.handler = handler;
    this.limits = limits;
    this.timers = timers;
    this.errorBody = errorBody;
  }

  @Override
  public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
    if (info.statusCode() / 100 != 2) {
      return HttpResponse.BodySubscribers.mapping(
          errorBody.apply(info),
          body -> {
            if (finished.compareAndSet(false, true)) {
              handler.onHttpError(info.statusCode(), info.headers(), body);
            }
            return null;
          });
    }
    handler.onOpen(info.headers());
    return HttpResponse.BodySubscribers.fromSubscriber(new Chunks());
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

  /** Receives the body as it arrives; chunks come one at a time (Flow's rule), so no locking. */
  private final class Chunks implements Flow.Subscriber<List<ByteBuffer>> {
    private final SseBytes events =
        new SseBytes(limits, (event, data) -> {
          if (!finished.get()) {
            handler.onEvent(event, data);
          }
        });
    private final ProgressWatch watch =
        new ProgressWatch(limits.bodyIdleMs(), timers, () -> stop(ProgressWatch.stalled(limits.bodyIdleMs())));

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (finished.get()) {
        s.cancel();
        return;
      }
      watch.start();
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
      watch.progressed();
      try {
        for (ByteBuffer chunk : chunks) {
          events.accept(chunk);
        }
      } catch (ProviderFailure overLimit) {
        stop(overLimit);
      }
    }

    @Override
    public void onError(Throwable error) {
      watch.stop();
      fail(Failures.of(error));
    }

    @Override
    public void onComplete() {
      watch.stop();
      try {
        events.end();
      } catch (ProviderFailure overLimit) {
        fail(overLimit);
        return;
      }
      if (finished.compareAndSet(false, true)) {
        handler.onEnd();
      }
    }

    private void stop(ProviderFailure failure) {
      watch.stop();
      fail(failure);
      subscription.cancel();
    }
  }
}
