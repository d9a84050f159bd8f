package dev.spillway.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * Edits a resource the way a person or a GitOps tool does while the operator writes its status:
 * Fabric8's {@code edit} reads the object and patches it under its resourceVersion, so a status
 * update in between answers 409 Conflict. Reading again and re-applying the same change is the
 * documented answer to a conflict; the change must therefore be idempotent (set fields, not add).
 */
public final class Edits {
  private static final int ATTEMPTS = 10;

  private Edits() {}

  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }
}
