package dev.spillway.config;

import java.util.Map;

/**
 * Who may call the proxy: the consumers and the salt their key digests were made with.
 *
 * @param keySalt hex salt of every key digest in this config (see {@link ClientKeyDigest})
 * @param consumers by name
 */
public record ClientAuthConfig(String keySalt, Map<String, ConsumerConfig> consumers) {
  public static final ClientAuthConfig NONE = new ClientAuthConfig("", Map.of());

  public ClientAuthConfig {
    keySalt = keySalt == null ? "" : keySalt;
    consumers = Immutables.sortedMap(consumers);
  }
}
