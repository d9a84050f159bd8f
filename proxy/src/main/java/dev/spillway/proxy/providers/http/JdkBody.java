package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A whole body for the JDK client within the limits: the JDK's own {@code ofByteArray} has no
 * bound and no idle deadline, so an endless or stalled answer would hold memory or the attempt.
 */
final class JdkBody implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteCollector bytes;
  private final ProgressWatch watch;
  private volatile Flow.Subscription subscription;

  JdkBody(UpstreamLimits limits, ProgressWatch.Timers timers, long declaredLength) {
    this.bytes = new ByteCollector(declaredLength, limits.maxBodyBytes());
    this.watch = new ProgressWatch(limits.bodyIdleMs(), timers, () -> stop(ProgressWatch.stalled(limits.bodyIdleMs())));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    watch.start();
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    watch.progressed();
    try {
      synchronized (bytes) {
        for (ByteBuffer item : items) {
          bytes.append(item);
        }
      }
    } catch (ProviderFailure tooLarge) {
      stop(tooLarge);
    }
  }

  @Override
  public void onError(Throwable error) {
    watch.stop();
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    watch.stop();
    synchronized (bytes) {
      result.complete(bytes.toArray());
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  private void stop(ProviderFailure failure) {
    watch.stop();
    if (result.completeExceptionally(failure)) {
      subscription.cancel();
    }
  }
}
