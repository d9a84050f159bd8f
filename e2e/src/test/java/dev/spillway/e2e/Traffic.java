package dev.spillway.e2e;

import dev.spillway.proxy.testing.ProxyClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady traffic through the proxy from one background thread, one call after another, recording
 * every outcome: status, who served it, which policy matched, and when.
 */
final class Traffic implements AutoCloseable {
  record Call(long startedNanos, int status, String servedBy, String policy, String body) {}

  private final ProxyClient client;
  private final String body;
  private final Map<String, String> headers;
  private final List<Call> calls = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  Traffic(ProxyClient client, String body, Map<String, String> headers) {
    this.client = client;
    this.body = body;
    this.headers = headers;
    this.thread = new Thread(this::run, "e2e-traffic");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running.get()) {
      long started = System.nanoTime();
      Call call;
      try {
        HttpResponse<String> response = client.chat(body, headers);
        call = new Call(started, response.statusCode(),
            response.headers().firstValue("x-spillway-served-by").orElse(null),
            response.headers().firstValue("x-spillway-policy").orElse(null), response.body());
      } catch (Exception failed) {
        call = new Call(started, -1, null, null, failed.toString());
      }
      synchronized (calls) {
        calls.add(call);
      }
    }
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Stops after the call in flight and returns every call made. */
  List<Call> stop() throws InterruptedException {
    running.set(false);
    thread.join(30_000);
    return calls();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
