package dev.spillway.proxy.credentials;

import dev.spillway.config.SecretRef;
import java.util.List;
import java.util.Optional;

/** Asks each source in order and answers with the first credential found (folder, then env). */
public final class FirstFoundCredentials implements CredentialSource {
  private final List<CredentialSource> sources;

  public FirstFoundCredentials(CredentialSource... sources) {
    this.sources = List.of(sources);
  }

  @Override
  public Optional<String> lookup(SecretRef ref) {
    for (CredentialSource source : sources) {
      Optional<String> found = source.lookup(ref);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
