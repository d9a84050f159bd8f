package dev.spillway.proxy.cluster;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ProviderAccountStatus;
import dev.spillway.proxy.live.ClusterView;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.List;

/**
 * The operator's status of the served namespace's LogicalModels and ProviderAccounts, watched
 * through the API the proxy already uses for its ConfigMap (its Role grants get, list and watch on
 * those two kinds there, nothing else), for the live page's cluster panel. Informers: the store is
 * current without a request per page view, and a dropped watch is re-listed.
 */
final class ClusterStatusWatch implements AutoCloseable {
  /** A page shows at most this many of each; the note says how many more there are. */
  static final int MAX_SHOWN = 100;

  private final String namespace;
  private final SharedIndexInformer<LogicalModel> models;
  private final SharedIndexInformer<ProviderAccount> accounts;

  ClusterStatusWatch(KubernetesClient client, String namespace) {
    this.namespace = namespace;
    this.models = client.resources(LogicalModel.class).inNamespace(namespace).runnableInformer(0);
    this.accounts = client.resources(ProviderAccount.class).inNamespace(namespace).runnableInformer(0);
    // start() keeps retrying while the API is unreachable or refuses, instead of failing the pod.
    models.start();
    accounts.start();
  }

  ClusterView view() {
    if (!models.hasSynced() || !accounts.hasSynced()) {
      return ClusterView.none("the operator's status of namespace " + namespace + " is not read yet (the proxy's"
          + " Role must allow get, list and watch on logicalmodels and provideraccounts there)");
    }
    List<LogicalModel> allModels = sorted(models.getStore().list(), m -> m.getMetadata().getName());
    List<ProviderAccount> allAccounts = sorted(accounts.getStore().list(), a -> a.getMetadata().getName());
    List<ClusterView.Model> shownModels = allModels.stream().limit(MAX_SHOWN).map(model -> new ClusterView.Model(
        model.getMetadata().getName(), model.getStatus() == null ? null : model.getStatus().servingTarget)).toList();
    List<ClusterView.Account> shownAccounts = allAccounts.stream().limit(MAX_SHOWN).map(ClusterStatusWatch::account).toList();
    long hidden = allModels.size() - shownModels.size() + allAccounts.size() - shownAccounts.size();
    return new ClusterView(ClusterView.Source.OPERATOR, "the operator's status of namespace " + namespace
        + ", summed over every replica" + (hidden > 0 ? " (" + hidden + " more not shown)" : ""),
        shownModels, shownAccounts);
  }

  private static ClusterView.Account account(ProviderAccount account) {
    ProviderAccountStatus status = account.getStatus();
    String name = account.getMetadata().getName();
    return status == null ? new ClusterView.Account(name, null, null, null, null, null, null, null)
        : new ClusterView.Account(name, status.health, status.latencyP95Ms, status.errorRate, status.circuit,
            status.spendUsd, status.budgetRemainingUsd, status.healthCheck);
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> name) {
    return items.stream().sorted(Comparator.comparing(name)).toList();
  }

  @Override
  public void close() {
    models.close();
    accounts.close();
  }
}
