package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body handler of one binary stream over the JDK client: 2xx bodies are handed on buffer by
 * buffer, other statuses collected whole. Like {@link SseCall}: exactly one terminal callback, none
 * after {@link #cancel()}.
 */
final class ByteStreamCall implements HttpResponse.BodyHandler<Void> {
  private final ByteStreamHandler handler;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Flow.Subscription subscription;

  ByteStreamCall(ByteStreamHandler handler) {
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
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        if (finished.get()) {
          return;
        }
        handler.onBytes(buffer);
      }
    }

    @Override
    public void onError(Throwable error) {
      fail(Failures.of(error));
    }

    @Override
    public void onComplete() {
      if (finished.compareAndSet(false, true)) {
        handler.onEnd();
      }
    }
  }
}
