package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A Kubernetes object a Router owns, as a JOSDK managed dependent: JOSDK watches it (informer on
 * objects labelled managed-by the operator), creates it, recreates it when deleted, and garbage
 * collection removes it with the Router. Subclasses only say what it should look like.
 *
 * <p>Two JOSDK defaults are replaced because server-side apply is off (the Fabric8 mock server has
 * none; docs/architecture.md, "Testing without a cluster"): matching compares a hash of the desired
 * form kept as an annotation (a field-by-field compare would see the API server's defaults as drift
 * and update forever), and an update is a {@link DesiredPatch} (JOSDK's non-SSA update replaces the
 * whole spec, dropping an allocated clusterIP or the replica count an HPA chose).
 */
public abstract class ProxyDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Router> {
  public static final String HASH_ANNOTATION = "spillway.dev/desired-hash";

  protected ProxyDependent(Class<R> type) {
    super(type);
  }

  /** The object as the Router and the plan want it; pure, no client. */
  protected abstract R build(Router router, ProxyPlan plan);

  @Override
  protected R desired(Router router, Context<Router> context) {
    R desired = build(router, ProxyPlan.of(context));
    Map<String, String> annotations = new HashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(HASH_ANNOTATION, hash(desired));
    desired.getMetadata().setAnnotations(annotations);
    return desired;
  }

  @Override
  public Result<R> match(R actual, R desired, Router router, Context<Router> context) {
    Map<String, String> current = actual.getMetadata().getAnnotations();
    String wanted = desired.getMetadata().getAnnotations().get(HASH_ANNOTATION);
    return Result.computed(current != null && wanted.equals(current.get(HASH_ANNOTATION)), desired);
  }

  @Override
  public R update(R actual, R desired, Router router, Context<Router> context) {
    addMetadata(false, actual, desired, router, context);
    return context.getClient().resource(desired)
        .patch(PatchContext.of(PatchType.JSON), DesiredPatch.of(desired, actual));
  }

  static String hash(HasMetadata desired) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(desired).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
