package dev.spillway.operator;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the compiler may learn of a Secret: the names of its keys, and values only where digested. */
public final class SecretContents {
  private SecretContents() {}

  /** The Secret's key names (data and stringData: the mock API server keeps the latter as given). */
  public static Set<String> keys(Secret secret) {
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    return keys;
  }

  /** The Secret's values, decoded: read only for Secrets holding consumer keys, to digest them. */
  public static Map<String, String> values(Secret secret) {
    Map<String, String> values = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, base64) ->
          values.put(key, new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }
}
