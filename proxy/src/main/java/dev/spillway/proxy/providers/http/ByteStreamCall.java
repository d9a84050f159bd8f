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
 * The body handler of one binary stream over the JDK client: 2xx bodies are handed on buffer by
 * buffer, watched for stalls like SSE bodies ({@link SseCall}); other statuses are collected whole
 * within the limits. Exactly one terminal callback, none after {@link #cancel()}. (How big one
 * frame may get is the frame decoder's bound: the AWS decoder refuses payloads over 24 MiB.)
 */
final class ByteStreamCall implements HttpResponse.BodyHandler<Void> {
  private final ByteStreamHandler handler;
  private final UpstreamLimits limits;
  private final ProgressWatch.Timers timers;
  private final Function<HttpResponse.ResponseInfo, JdkBody> errorBody;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Flow.Subscription subscription;

  ByteStreamCall(
      ByteStreamHandler handler,
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
    return HttpResponse.BodySubscribers.fromSubscriber(new Buffers());
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

  private final class Buffers implements Flow.Subscriber<List<ByteBuffer>> {
    private final ProgressWatch watch = new ProgressWatch(limits.bodyIdleMs(), timers, () -> {
      fail(ProgressWatch.stalled(limits.bodyIdleMs()));
      subscription.cancel();
    });

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
    public void onNext(List<ByteBuffer> buffers) {
      watch.progressed();
      for (ByteBuffer buffer : buffers) {
        if (finished.get()) {
          watch.stop();
          return;
        }
        handler.onBytes(buffer);
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
      if (finished.compareAndSet(false, true)) {
        handler.onEnd();
      }
    }
  }
}
