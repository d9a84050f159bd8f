package dev.spillway.compiler;

import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content version of a config: SHA-256 of its canonical JSON (version left blank), first 12 hex
 * digits. Equal content gives an equal version, so proxies and status can tell "same config" cheaply.
 */
final class ConfigVersion {
  static final int LENGTH = 12;

  private ConfigVersion() {}

  static RouterConfig stamp(RouterConfig config) {
    return config.withVersion(of(ConfigJson.write(config.withVersion(""))));
  }

  private static String of(String canonicalJson) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
