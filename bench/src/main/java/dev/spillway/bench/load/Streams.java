package dev.spillway.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Streaming calls through the JDK HttpClient (asynchronous, so thousands can be open with a few
 * threads): time to first body bytes (the first token; Spillway holds headers back until then) and
 * whether each stream ended with {@code [DONE]}.
 */
public final class Streams implements AutoCloseable {
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();

  public record Result(Histogram firstToken, long ok, long errors) {}

  /** Sample of the system while the streams are open. */
  public interface WhileOpen {
    void sample() throws Exception;
  }

  /** {@code count} one-token streams one after the other: time to first token, nothing else going on. */
  public Result sequential(Target target, int count) {
    Histogram ttft = Histograms.create();
    long errors = 0;
    for (int i = 0; i < count; i++) {
      Outcome outcome = open(target, 1).join();
      if (outcome.ok()) {
        ttft.recordValue(outcome.firstTokenNs());
      } else {
        errors++;
      }
    }
    return new Result(ttft, count - errors, errors);
  }

  /**
   * Opens {@code count} streams at {@code openPerSecond}, samples the system once all are open
   * (the mock keeps each open for seconds), then waits for all to end.
   */
  public Result concurrent(Target target, int count, int tokens, int openPerSecond, WhileOpen sample) throws Exception {
    ConcurrentLinkedQueue<CompletableFuture<Outcome>> pending = new ConcurrentLinkedQueue<>();
    long period = TimeUnit.SECONDS.toNanos(1) / openPerSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * period;
      for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      pending.add(open(target, tokens));
    }
    Thread.sleep(1_000);
    sample.sample();
    Histogram ttft = Histograms.create();
    long ok = 0;
    long errors = 0;
    for (CompletableFuture<Outcome> future : pending) {
      Outcome outcome = future.get(120, TimeUnit.SECONDS);
      if (outcome.ok()) {
        ok++;
        ttft.recordValue(outcome.firstTokenNs());
      } else {
        errors++;
      }
    }
    return new Result(ttft, ok, errors);
  }

  private record Outcome(boolean ok, long firstTokenNs) {}

  private CompletableFuture<Outcome> open(Target target, int tokens) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + target.port() + target.path()))
        .timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(target.streamBody(tokens)));
    target.wireHeaders().forEach(request::header);
    long start = System.nanoTime();
    FirstBytes body = new FirstBytes(start);
    return client.sendAsync(request.build(), info -> body)
        .handle((response, error) -> error == null && response.statusCode() == 200 && body.done
            ? new Outcome(true, body.firstAt.get() - start)
            : new Outcome(false, 0));
  }

  /** Notes when the first body bytes arrive and whether {@code [DONE]} came. */
  private static final class FirstBytes implements HttpResponse.BodySubscriber<Void> {
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final AtomicLong firstAt = new AtomicLong();
    private final long start;
    private volatile boolean done;
    private String tail = "";

    FirstBytes(long start) {
      this.start = start;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      StringBuilder text = new StringBuilder(tail);
      for (ByteBuffer buffer : buffers) {
        if (buffer.hasRemaining()) {
          firstAt.compareAndSet(0, Math.max(System.nanoTime(), start + 1));
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          text.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      done |= text.indexOf("[DONE]") >= 0;
      tail = text.length() > 16 ? text.substring(text.length() - 16) : text.toString();
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(null);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
