package dev.spillway.proxy.cluster;

import dev.spillway.config.SecretRef;
import dev.spillway.proxy.credentials.CredentialSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from Secret volumes: {@code <root>/<secret>/<key>}, read on every lookup. The kubelet
 * swaps a mounted Secret's files when the Secret changes, so a rotated key is used on the next call
 * with no restart and no Secret access through the API. The files live on tmpfs: a read is a few
 * microseconds, cheaper than caching and invalidating.
 */
public final class MountedSecretCredentials implements CredentialSource {
  private static final Logger LOG = LoggerFactory.getLogger(MountedSecretCredentials.class);

  private final Path root;

  public MountedSecretCredentials(Path root) {
    this.root = root;
  }

  @Override
  public Optional<String> lookup(SecretRef ref) {
    Path file = root.resolve(ref.name()).resolve(ref.key()).normalize();
    if (!file.startsWith(root.normalize())) {
      return Optional.empty();
    }
    try {
      // Keys written with `kubectl create secret --from-file` often end in a newline.
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty());
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("cannot read credential {}: {}", ref, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "MountedSecretCredentials[" + root + "]";
  }
}
