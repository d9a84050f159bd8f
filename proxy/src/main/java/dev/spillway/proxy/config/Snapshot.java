package dev.spillway.proxy.config;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.providers.ProviderAdapter;
import java.util.Map;

/**
 * The config in force and the adapter of each of its accounts. Immutable: a request keeps the
 * snapshot it started with, whatever is loaded meanwhile.
 */
public record Snapshot(RouterConfig config, Map<String, ProviderAdapter> adapters) {
  public Snapshot {
    adapters = Map.copyOf(adapters);
  }

  /** The adapter of an account, or null when the config has no such account. */
  public ProviderAdapter adapter(String account) {
    return adapters.get(account);
  }
}
