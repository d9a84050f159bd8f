package dev.spillway.operator.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Creates or updates an owned object from its desired form. Without server-side apply (off here:
 * the Fabric8 mock server has none, DESIGN §6) a naive compare would see the API server's defaults
 * as drift and update forever; instead the desired form's hash rides along as an annotation and an
 * update is sent only when that hash changes. Updates are {@link DesiredPatch}es, so fields the
 * operator does not set (replicas under an HPA, an allocated clusterIP, defaults) keep their value.
 */
public final class DependentApplier {
  public static final String HASH_ANNOTATION = "spillway.dev/desired-hash";

  private final KubernetesClient client;

  public DependentApplier(KubernetesClient client) {
    this.client = client;
  }

  /** @return whether anything was written */
  public boolean apply(HasMetadata desired) {
    String hash = hash(desired);
    Map<String, String> annotations = new HashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(HASH_ANNOTATION, hash);
    desired.getMetadata().setAnnotations(annotations);

    HasMetadata existing = client.resource(desired).get();
    if (existing == null) {
      client.resource(desired).create();
      return true;
    }
    Map<String, String> current = existing.getMetadata().getAnnotations();
    if (current != null && hash.equals(current.get(HASH_ANNOTATION))) {
      return false;
    }
    client.resource(desired).patch(PatchContext.of(PatchType.JSON), DesiredPatch.of(desired, existing));
    return true;
  }

  /** Deletes an object the Router no longer wants (an HPA or PDB switched off). */
  public void remove(HasMetadata unwanted) {
    client.resource(unwanted).delete();
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
