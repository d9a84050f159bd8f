package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.AdminPeers;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the Router reconciler decided before it runs the workflow, read by every dependent's
 * {@code desired()}: the dependents are built by JOSDK, so this travels in the workflow's context
 * rather than through constructors.
 *
 * @param image proxy image for Routers that name none
 * @param serving the config the proxies should serve: the one just compiled, or the last published
 *     when the namespace's latest edit was rejected; null when nothing has ever compiled
 * @param adminPeers who may reach the proxies' admin port; empty: no NetworkPolicy
 */
public record ProxyPlan(String image, RouterConfig serving, Optional<AdminPeers> adminPeers) {
  private static final String KEY = ProxyPlan.class.getName();

  /** Hands the plan to the workflow about to run for this reconcile. */
  public void attach(Context<Router> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  static ProxyPlan of(Context<Router> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ProxyPlan.class);
  }

  /** The Secrets the serving config references: mounted into the proxy pods (none while null). */
  public SortedSet<String> secretNames() {
    return secretNames(serving);
  }

  /** The Secrets a config references. */
  public static SortedSet<String> secretNames(RouterConfig serving) {
    SortedSet<String> names = new TreeSet<>();
    if (serving != null) {
      for (AccountConfig account : serving.accounts().values()) {
        if (account.credentials() != null) {
          names.add(account.credentials().name());
        }
      }
    }
    return names;
  }
}
