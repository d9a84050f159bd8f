package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's identity and its least privilege: read and watch its own ConfigMap, by name, and
 * (for its live page's cluster panel) the LogicalModels and ProviderAccounts of the namespace it
 * serves, whose status holds the operator's cluster-wide figures; nothing else, no write. That second
 * rule exists only when the Router serves its own namespace: a Role grants nothing elsewhere.
 * Credentials arrive as mounted Secret volumes, so the proxy needs no Secret access.
 */
public final class ProxyRbac {
  private ProxyRbac() {}

  public static ServiceAccount serviceAccount(Router router) {
    return new ServiceAccountBuilder().withMetadata(ProxyNames.meta(router, ProxyNames.identity(router))).build();
  }

  public static Role role(Router router) {
    List<PolicyRule> rules = new ArrayList<>(List.of(new PolicyRuleBuilder()
        .withApiGroups("")
        .withResources("configmaps")
        .withResourceNames(ProxyNames.configMap(router))
        .withVerbs("get", "list", "watch")
        .build()));
    if (servesOwnNamespace(router)) {
      rules.add(new PolicyRuleBuilder()
          .withApiGroups(HasMetadata.getGroup(LogicalModel.class))
          .withResources(HasMetadata.getPlural(LogicalModel.class), HasMetadata.getPlural(ProviderAccount.class))
          .withVerbs("get", "list", "watch")
          .build());
    }
    return new RoleBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.identity(router)))
        .withRules(rules)
        .build();
  }

  /** Whether the proxies may read the status of the models and accounts they serve (see the class comment). */
  public static boolean servesOwnNamespace(Router router) {
    String watched = router.getSpec() == null ? null : router.getSpec().watchNamespace;
    return watched == null || watched.isBlank() || watched.equals(router.getMetadata().getNamespace());
  }

  public static RoleBinding roleBinding(Router router) {
    return new RoleBindingBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.identity(router)))
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", ProxyNames.identity(router))
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(ProxyNames.identity(router))
        .withNamespace(router.getMetadata().getNamespace())
        .endSubject()
        .build();
  }
}
