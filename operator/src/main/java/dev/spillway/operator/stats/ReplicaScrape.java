package dev.spillway.operator.stats;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.operator.AdminAuthorization;
import dev.spillway.operator.dependents.ProxyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Samples every running replica of a Router: its pods from the API, their stats over HTTP. */
@FunctionalInterface
public interface ReplicaScrape {
  /** @param cursors pod name → where its transition log was last read */
  List<ReplicaSample> scrape(Router router, Map<String, Cursor> cursors);

  /**
   * Pods are listed at scrape time, not watched: they matter once per interval, and an informer on
   * every proxy pod of the cluster would cost more than the list.
   */
  static ReplicaScrape of(KubernetesClient client, ProxyScraper scraper, AdminAuthorization authorization) {
    return (router, cursors) -> scraper.scrape(client.pods().inNamespace(router.getMetadata().getNamespace())
        .withLabels(ProxyNames.selector(router)).list().getItems().stream()
        .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()))
        .toList(), cursors, authorization.of(router));
  }
}
