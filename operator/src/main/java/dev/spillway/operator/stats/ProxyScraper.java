package dev.spillway.operator.stats;

import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.TransitionsView;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads {@code GET /v1/spillway/stats} and the transition log after the operator's cursor ({@code
 * GET /v1/spillway/transitions}) from every running proxy pod, in parallel and with a short
 * timeout, so one stuck replica delays a reconcile by at most that timeout.
 */
public final class ProxyScraper {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final int port;

  /** @param port the proxy's admin port ({@link ClusterLayout#ADMIN_PORT}; tests use others) */
  public ProxyScraper(int port) {
    this.port = port;
  }

  /**
   * @param cursors pod name → where its transition log was last read (absent: from the start)
   * @param authorization the Router's admin credentials as a header value, when it has some
   */
  public List<ReplicaSample> scrape(List<Pod> pods, Map<String, Cursor> cursors, Optional<String> authorization) {
    List<CompletableFuture<ReplicaSample>> pending = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || ip.isEmpty()) {
        pending.add(CompletableFuture.completedFuture(new ReplicaSample(name, null, null)));
        continue;
      }
      String base = "http://" + hostPart(ip) + ":" + port;
      Cursor cursor = cursors.getOrDefault(name, Cursor.START);
      CompletableFuture<StatsView> stats = get(base + "/v1/spillway/stats", StatsView.class, authorization);
      CompletableFuture<TransitionsView> transitions = get(base + "/v1/spillway/transitions?after=" + cursor.seq()
          + "&instance=" + URLEncoder.encode(cursor.instance(), StandardCharsets.UTF_8), TransitionsView.class,
          authorization);
      pending.add(stats.thenCombine(transitions, (s, t) -> new ReplicaSample(name, s, t)));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  /** The document, or null when the replica did not answer with one. */
  private <T> CompletableFuture<T> get(String url, Class<T> type, Optional<String> authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    authorization.ifPresent(value -> request.header("authorization", value));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> response.statusCode() == 200 ? parse(response.body(), type) : null)
        .exceptionally(failed -> null);
  }

  private static <T> T parse(String body, Class<T> type) {
    try {
      return ConfigJson.mapper().readValue(body, type);
    } catch (Exception unreadable) {
      return null;
    }
  }

  private static String hostPart(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }
}
