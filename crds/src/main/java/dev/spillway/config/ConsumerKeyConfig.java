package dev.spillway.config;

/**
 * One consumer key, as a digest: never the key itself.
 *
 * @param id where the key lives ({@code secret/key}), to tell keys apart in logs and status
 * @param digest hex {@link ClientKeyDigest} of the key
 * @param expiresAtMs epoch milliseconds after which the key is refused; null when it never expires
 */
public record ConsumerKeyConfig(String id, String digest, Long expiresAtMs) {
  public boolean activeAt(long nowMs) {
    return expiresAtMs == null || nowMs < expiresAtMs;
  }
}
