package dev.spillway.proxy.resilience;

import dev.spillway.proxy.testing.ProxyClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator: sends one request every {@code 1/rate} seconds whether or not
 * earlier ones have answered, and measures each from its intended send time (so a stall is not
 * hidden by the generator waiting: no coordinated omission).
 */
final class ConstantRateLoad {
  /** One request's fate. */
  record Sample(long intendedNanos, long latencyNanos, int status, String servedBy, String body) {}


  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ProxyClient.CONNECT_TIMEOUT).build();

  /** Runs the load and returns every sample; {@code onTick} runs at each whole second (phase changes). */
  List<Sample> run(URI uri, String body, int perSecond, int seconds, java.util.function.IntConsumer onSecond)
      throws Exception {
    return runCalls(uri, body, perSecond, (long) seconds * perSecond, onSecond);
  }

  /** Sends {@code total} requests at the rate; {@code onSecond} runs at each whole second. */
  List<Sample> runCalls(URI uri, String body, int perSecond, long totalRequests, java.util.function.IntConsumer onSecond)
      throws Exception {
    int seconds = (int) ((totalRequests + perSecond - 1) / perSecond);
    List<Sample> samples = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long total = totalRequests;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    long[] next = {0};
    ticker.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          // Catch up on every send that is due: a late tick must not lower the rate.
          while (next[0] < total && start + next[0] * periodNanos <= now) {
            long i = next[0]++;
            if (i % perSecond == 0) {
              onSecond.accept((int) (i / perSecond));
            }
            long intended = start + i * periodNanos;
            HttpRequest request =
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            inFlight.add(
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                      long latency = System.nanoTime() - intended;
                      samples.add(new Sample(intended - start, latency,
                          response == null ? -1 : response.statusCode(),
                          response == null ? "error: " + error : response.headers().firstValue("x-spillway-served-by").orElse("none"),
                          response == null ? "" : response.body()));
                      return null;
                    }));
          }
          if (next[0] >= total) {
            sent.complete(null);
          }
        },
        0,
        1,
        TimeUnit.MILLISECONDS);
    sent.get(seconds + 30L, TimeUnit.SECONDS);
    ticker.shutdownNow();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return samples;
  }
}
