package dev.spillway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an account's active health check sends; users write the wire name. */
public enum HealthProbe {
  /** List the provider's models: free, and proves the endpoint and the credential work. */
  MODELS("models"),
  /** A one-token completion with the account's first model: proves the model serves (and costs a token). */
  COMPLETION("completion");

  private final String wireName;

  HealthProbe(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(HealthProbe::wireName).toList();
  }

  public static Optional<HealthProbe> fromWire(String name) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(name)).findFirst();
  }
}
