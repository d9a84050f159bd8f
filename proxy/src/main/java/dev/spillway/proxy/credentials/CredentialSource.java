package dev.spillway.proxy.credentials;

import dev.spillway.config.SecretRef;
import java.util.Optional;

/**
 * Resolves a Secret reference to the credential at call time, so a rotated key takes effect on the
 * next call. Standalone mode reads the folder's Secrets and the environment; in-cluster mode reads
 * the mounted Secret files.
 */
@FunctionalInterface
public interface CredentialSource {
  Optional<String> lookup(SecretRef ref);
}
