package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * The proxy's identity and its least privilege: read and watch its own ConfigMap, by name, and
 * nothing else. Credentials arrive as mounted Secret volumes, so the proxy needs no Secret access.
 */
public final class ProxyRbac {
  private ProxyRbac() {}

  public static ServiceAccount serviceAccount(Router router) {
    return new ServiceAccountBuilder().withMetadata(ProxyNames.meta(router, ProxyNames.identity(router))).build();
  }

  public static Role role(Router router) {
    return new RoleBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.identity(router)))
        .withRules(new PolicyRuleBuilder()
            .withApiGroups("")
            .withResources("configmaps")
            .withResourceNames(ProxyNames.configMap(router))
            .withVerbs("get", "list", "watch")
            .build())
        .build();
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
