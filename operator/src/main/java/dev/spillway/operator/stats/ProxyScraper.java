package dev.spillway.operator.stats;

import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.stats.StatsView;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads {@code GET /v1/spillway/stats} from every running proxy pod, in parallel and with a short
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

  public List<ReplicaSample> scrape(List<Pod> pods) {
    List<CompletableFuture<ReplicaSample>> pending = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || ip.isEmpty()) {
        pending.add(CompletableFuture.completedFuture(new ReplicaSample(name, null)));
        continue;
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPart(ip) + ":" + port
          + "/v1/spillway/stats")).timeout(TIMEOUT).GET().build();
      pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(response -> new ReplicaSample(name, response.statusCode() == 200 ? parse(response.body()) : null))
          .exceptionally(failed -> new ReplicaSample(name, null)));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  private static StatsView parse(String body) {
    try {
      return ConfigJson.mapper().readValue(body, StatsView.class);
    } catch (Exception unreadable) {
      return null;
    }
  }

  private static String hostPart(String ip) {
    return ip.contains(":") ? "[" + ip + "]" : ip;
  }
}
