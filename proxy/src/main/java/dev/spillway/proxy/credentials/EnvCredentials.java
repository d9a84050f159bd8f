package dev.spillway.proxy.credentials;

import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.SecretRef;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials from environment variables named {@code SPILLWAY_SECRET_<SECRET>_<KEY>}: secret
 * {@code openai}, key {@code api-key} is {@code SPILLWAY_SECRET_OPENAI_API_KEY}. Lets the
 * standalone proxy run with keys exported in a shell or injected by a process manager, with no
 * credential in any file.
 */
public final class EnvCredentials implements CredentialSource {
  private static final String PREFIX = "SPILLWAY_SECRET_";

  private final Map<String, String> env;
  /**
   * Answers per Secret key: a lookup runs on every upstream attempt and building the variable's
   * name (a regex) cost more than the rest of the lookup. The environment never changes, and the
   * keys are the config's few Secret references.
   */
  private final Map<SecretRef, Optional<String>> answers = new ConcurrentHashMap<>();

  /** @param env the environment ({@code System.getenv()}, or a map in tests) */
  public EnvCredentials(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The variable that holds a Secret's key: upper-cased, every non-alphanumeric an underscore. */
  public static String variableName(String secretName, String key) {
    return PREFIX + normalize(secretName) + "_" + normalize(key);
  }

  private static String normalize(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  @Override
  public Optional<String> lookup(SecretRef ref) {
    return answers.computeIfAbsent(ref, r -> present(variableName(r.name(), r.key())));
  }

  private Optional<String> present(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(value -> !value.isEmpty());
  }

  /**
   * Which Secret keys the environment provides, for the compiler's missing-credentials check (and
   * consumer keys, which the compiler digests). The environment cannot be listed by Secret, so a
   * Secret "exists" when any variable starts with its prefix.
   */
  public SecretCatalog catalog() {
    return new SecretCatalog() {
      @Override
      public boolean has(String secretName, String key) {
        return present(variableName(secretName, key)).isPresent();
      }

      @Override
      public boolean hasSecret(String secretName) {
        String prefix = PREFIX + normalize(secretName) + "_";
        return env.keySet().stream().anyMatch(variable -> variable.startsWith(prefix));
      }

      @Override
      public Optional<String> clientKey(String secretName, String key) {
        return present(variableName(secretName, key));
      }
    };
  }

  @Override
  public String toString() {
    return "EnvCredentials[" + PREFIX + "*]";
  }
}
