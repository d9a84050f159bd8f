package dev.spillway.proxy.credentials;

import dev.spillway.config.SecretRef;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Credentials from the Secrets in the standalone folder. The folder is re-read on every reload
 * and the new Secrets replace the old in one step, so a rotated key takes effect on the next call.
 */
public final class FolderCredentials implements CredentialSource {
  private final AtomicReference<Map<String, Map<String, String>>> secrets =
      new AtomicReference<>(Map.of());

  /** @param secretsByName secret name → key → value, as read from the folder */
  public void replace(Map<String, Map<String, String>> secretsByName) {
    secrets.set(Map.copyOf(secretsByName));
  }

  @Override
  public Optional<String> lookup(SecretRef ref) {
    return Optional.ofNullable(secrets.get().getOrDefault(ref.name(), Map.of()).get(ref.key()))
        .filter(value -> !value.isEmpty());
  }

  @Override
  public String toString() {
    // Names only: the values are credentials.
    return "FolderCredentials" + secrets.get().keySet();
  }
}
