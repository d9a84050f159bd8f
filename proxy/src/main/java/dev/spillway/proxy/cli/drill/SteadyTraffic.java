package dev.spillway.proxy.cli.drill;

import dev.spillway.proxy.http.RoutingHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drill's clients: one chat call to the model every {@code 1/rate} seconds, over HTTP to the
 * proxy's public port like any application. At most {@link #MAX_IN_FLIGHT} calls are outstanding; a
 * tick that finds them all busy is skipped and counted, so a stalled proxy cannot pile calls up.
 */
final class SteadyTraffic implements AutoCloseable {
  static final int MAX_IN_FLIGHT = 64;
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  /** What the calls got so far. */
  record Tally(long sent, long byPrimary, long byFallback, long failed, long skipped) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
  private final URI endpoint;
  private final String model;
  private final String primary;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong byPrimary = new AtomicLong();
  private final AtomicLong byFallback = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final ScheduledFuture<?> ticks;

  /**
   * @param primary the target id ({@code account/model}) the proxy names in {@code x-spillway-served-by}
   *     when the primary served
   */
  SteadyTraffic(ScheduledExecutorService timer, URI proxy, String model, String primary, int perSecond) {
    this.endpoint = proxy.resolve("/v1/chat/completions");
    this.model = model;
    this.primary = primary;
    this.ticks = timer.scheduleAtFixedRate(this::call, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
  }

  private void call() {
    if (!inFlight.tryAcquire()) {
      skipped.incrementAndGet();
      return;
    }
    long n = sent.incrementAndGet();
    String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"drill call " + n + "\"}]}";
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      inFlight.release();
      if (error != null || response.statusCode() != 200) {
        failed.incrementAndGet();
      } else if (primary.equals(response.headers().firstValue(RoutingHeaders.SERVED_BY).orElse(null))) {
        byPrimary.incrementAndGet();
      } else {
        byFallback.incrementAndGet();
      }
    });
  }

  Tally tally() {
    return new Tally(sent.get(), byPrimary.get(), byFallback.get(), failed.get(), skipped.get());
  }

  @Override
  public void close() {
    ticks.cancel(false);
  }
}
