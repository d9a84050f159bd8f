package dev.spillway.compiler;

import java.util.Map;
import java.util.Set;

/**
 * Which Secret keys exist — names only. The compiler checks references against it; values never
 * reach the compiler or the config.
 */
@FunctionalInterface
public interface SecretCatalog {
  boolean has(String secretName, String key);

  /** Whether the Secret exists at all, to tell "no such Secret" from "no such key". */
  default boolean hasSecret(String secretName) {
    return true;
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

  static SecretCatalog empty() {
    return of(Map.of());
  }
}
