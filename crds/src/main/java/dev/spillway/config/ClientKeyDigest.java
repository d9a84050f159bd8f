package dev.spillway.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a consumer key is stored and checked: HMAC-SHA256 of the key under the config's salt. The
 * compiler digests the keys it reads from Secrets; the proxy digests the key a request presents
 * and compares digests in constant time. One salt per config (not per key) so that checking a
 * request costs one HMAC, not one per stored key. The salt keeps a config's digests from matching
 * any other deployment's or a precomputed table; keys are long random strings (the compiler refuses
 * short ones), which is what makes a fast digest safe to publish.
 */
public final class ClientKeyDigest {
  private static final String ALGORITHM = "HmacSHA256";

  private ClientKeyDigest() {}

  /** The digest of {@code key} under {@code salt}. */
  public static byte[] of(byte[] salt, String key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(salt, ALGORITHM));
      return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
    }
  }

  public static String hex(byte[] salt, String key) {
    return HexFormat.of().formatHex(of(salt, key));
  }

  /** A salt derived from where the resources come from: stable, so equal resources compile equal. */
  public static String saltFor(String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("spillway.dev/consumer-keys\n" + source).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
