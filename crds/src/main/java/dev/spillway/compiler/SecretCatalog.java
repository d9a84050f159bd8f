package dev.spillway.compiler;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Secret keys exist. The compiler checks references against it. Values never reach the
 * config: provider credentials are not read at all (the proxy reads them at call time), and
 * consumer keys are read only to be digested at once ({@link #clientKey}).
 */
@FunctionalInterface
public interface SecretCatalog {
  boolean has(String secretName, String key);

  /** Whether the Secret exists at all, to tell "no such Secret" from "no such key". */
  default boolean hasSecret(String secretName) {
    return true;
  }

  /**
   * The value of a Secret key holding a consumer's API key, for digesting only; empty when this
   * catalog knows names alone or the key does not exist.
   */
  default Optional<String> clientKey(String secretName, String key) {
    return Optional.empty();
  }

  static SecretCatalog of(Map<String, Set<String>> keysBySecret) {
    Map<String, Set<String>> copy = Map.copyOf(keysBySecret);
    return new SecretCatalog() {
      @Override
      public boolean has(String secretName, String key) {
        return copy.getOrDefault(secretName, Set.of()).contains(key);
      }

      @Override
      public boolean hasSecret(String secretName) {
        return copy.containsKey(secretName);
      }
    };
  }

  /** Secrets whose values are known: names for references, values for consumer keys. */
  static SecretCatalog withValues(Map<String, Map<String, String>> valuesBySecret) {
    Map<String, Map<String, String>> copy = Map.copyOf(valuesBySecret);
    return new SecretCatalog() {
      @Override
      public boolean has(String secretName, String key) {
        return copy.getOrDefault(secretName, Map.of()).containsKey(key);
      }

      @Override
      public boolean hasSecret(String secretName) {
        return copy.containsKey(secretName);
      }

      @Override
      public Optional<String> clientKey(String secretName, String key) {
        return Optional.ofNullable(copy.getOrDefault(secretName, Map.of()).get(key));
      }

      @Override
      public String toString() {
        return "SecretCatalog" + copy.keySet(); // names only
      }
    };
  }

  /**
   * Said after "Secret X does not exist": where this catalog looks, when that is narrower than
   * the namespace (the operator sees only labelled Secrets).
   */
  default String absenceHint() {
    return "";
  }

  /** This catalog, with a hint for Secrets it does not have. */
  default SecretCatalog explaining(String hint) {
    SecretCatalog known = this;
    return new SecretCatalog() {
      @Override
      public boolean has(String name, String key) {
        return known.has(name, key);
      }

      @Override
      public boolean hasSecret(String name) {
        return known.hasSecret(name);
      }

      @Override
      public Optional<String> clientKey(String name, String key) {
        return known.clientKey(name, key);
      }

      @Override
      public String absenceHint() {
        return hint;
      }
    };
  }

  static SecretCatalog empty() {
    return of(Map.of());
  }

  /** This catalog, then {@code other} for what this one does not have. */
  default SecretCatalog or(SecretCatalog other) {
    SecretCatalog first = this;
    return new SecretCatalog() {
      @Override
      public boolean has(String name, String key) {
        return first.has(name, key) || other.has(name, key);
      }

      @Override
      public boolean hasSecret(String name) {
        return first.hasSecret(name) || other.hasSecret(name);
      }

      @Override
      public Optional<String> clientKey(String name, String key) {
        return first.clientKey(name, key).or(() -> other.clientKey(name, key));
      }

      @Override
      public String absenceHint() {
        return first.absenceHint().isEmpty() ? other.absenceHint() : first.absenceHint();
      }
    };
  }
}
