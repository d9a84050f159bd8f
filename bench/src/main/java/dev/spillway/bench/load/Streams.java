package dev.spillway.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /** errorKinds: how the failed streams failed (status, exception, or no [DONE]), with counts. */
  public record Result(Histogram firstToken, long ok, long errors, Map<String, Long> errorKinds) {}

  /** Sample of the system while the streams are open. */
  public interface WhileOpen {
    void sample() throws Exception;
  }

  /** {@code count} one-token streams one after the other: time to first token, nothing else going on. */
  public Result sequential(Target target, int count) {
    List<CompletableFuture<Outcome>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CompletableFuture<Outcome> outcome = open(target, 1);
      outcome.join();
      done.add(outcome);
    }
    return collect(done);
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
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    return collect(pending);
  }

  private static Result collect(Iterable<CompletableFuture<Outcome>> outcomes) {
    Histogram ttft = Histograms.create();
    Map<String, Long> kinds = new TreeMap<>();
    long ok = 0;
    long errors = 0;
    for (CompletableFuture<Outcome> future : outcomes) {
      Outcome outcome = future.join();
      if (outcome.failure() == null) {
        ok++;
        ttft.recordValue(outcome.firstTokenNs());
      } else {
        errors++;
        kinds.merge(outcome.failure(), 1L, Long::sum);
      }
    }
    return new Result(ttft, ok, errors, kinds);
  }

  /** failure: null when the stream answered 200 and ended with [DONE]. */
  private record Outcome(String failure, long firstTokenNs) {}

  private CompletableFuture<Outcome> open(Target target, int tokens) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + target.port() + target.path()))
        .timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(target.streamBody(tokens)));
    target.wireHeaders().forEach(request::header);
    long start = System.nanoTime();
    FirstBytes body = new FirstBytes(start);
    return client.sendAsync(request.build(), info -> body)
        .handle((response, error) -> new Outcome(failure(response, error, body.done), body.firstAt.get() - start));
  }

  private static String failure(HttpResponse<Void> response, Throwable error, boolean done) {
    if (error != null) {
      Throwable cause = error.getCause() != null ? error.getCause() : error;
      return cause.getClass().getSimpleName();
    }
    if (response.statusCode() != 200) {
      return "status " + response.statusCode();
    }
    return done ? null : "no [DONE]";
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
