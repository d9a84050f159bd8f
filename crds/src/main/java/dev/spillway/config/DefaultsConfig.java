package dev.spillway.config;

import java.util.List;

/** Request parameters applied when a request leaves them out; null fields are not applied. */
public record DefaultsConfig(Double temperature, Integer maxTokens, Double topP, List<String> stop) {
  public static final DefaultsConfig NONE = new DefaultsConfig(null, null, null, null);

  public DefaultsConfig {
    stop = stop == null ? null : List.copyOf(stop);
  }
}
