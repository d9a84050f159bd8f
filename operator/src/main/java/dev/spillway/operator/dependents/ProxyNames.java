package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/** Names, labels and owner reference shared by every object a Router owns. */
public final class ProxyNames {
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String APP = "spillway-proxy";
  public static final String OPERATOR = "spillway-operator";
  /** Selects every object the operator owns: what its informers on owned kinds watch. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + OPERATOR;

  private ProxyNames() {}

  /** Deployment, Service, HPA and PDB share the Router's name. */
  public static String workload(Router router) {
    return router.getMetadata().getName();
  }

  public static String configMap(Router router) {
    return router.getMetadata().getName() + "-config";
  }

  /** ServiceAccount, Role and RoleBinding. */
  public static String identity(Router router) {
    return router.getMetadata().getName() + "-proxy";
  }

  /** Selects the Router's proxy pods. */
  public static Map<String, String> selector(Router router) {
    return Map.of(NAME_LABEL, APP, INSTANCE_LABEL, router.getMetadata().getName());
  }

  public static Map<String, String> labels(Router router) {
    return Map.of(NAME_LABEL, APP, INSTANCE_LABEL, router.getMetadata().getName(), MANAGED_BY_LABEL, OPERATOR);
  }

  /** Metadata of an owned object: the Router's namespace, labels and a controller reference. */
  static ObjectMeta meta(Router router, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(router.getMetadata().getNamespace())
        .withLabels(labels(router))
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(router.getApiVersion())
            .withKind(router.getKind())
            .withName(router.getMetadata().getName())
            .withUid(router.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build())
        .build();
  }
}
