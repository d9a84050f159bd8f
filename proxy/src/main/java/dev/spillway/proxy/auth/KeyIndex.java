package dev.spillway.proxy.auth;

import dev.spillway.config.ClientAuthConfig;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.ConsumerKeyConfig;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The consumers' key digests of one config, ready to look a presented key up: one HMAC of the
 * presented key, then a bucket by the digest's first eight bytes, then a constant-time comparison
 * of the whole digest with each entry of the bucket. The bucket lookup's timing can only tell an
 * attacker something about the digest of a key they chose, which says nothing about a stored key;
 * the full comparison, which decides, takes the same time wherever two digests differ.
 */
final class KeyIndex {
  static final KeyIndex EMPTY = new KeyIndex(ClientAuthConfig.NONE);

  private final byte[] salt;
  private final Map<Long, List<Entry>> buckets = new HashMap<>();
  private final boolean hasConsumers;

  record Entry(byte[] digest, ConsumerConfig consumer, ConsumerKeyConfig key) {}

  KeyIndex(ClientAuthConfig auth) {
    this.salt = HexFormat.of().parseHex(auth.keySalt());
    this.hasConsumers = !auth.consumers().isEmpty();
    for (ConsumerConfig consumer : auth.consumers().values()) {
      for (ConsumerKeyConfig key : consumer.keys()) {
        byte[] digest = HexFormat.of().parseHex(key.digest());
        buckets.computeIfAbsent(prefix(digest), p -> new ArrayList<>(1)).add(new Entry(digest, consumer, key));
      }
    }
  }

  boolean hasConsumers() {
    return hasConsumers;
  }

  /** The consumer key equal to {@code presented}, or null. */
  Entry find(String presented) {
    if (buckets.isEmpty()) {
      return null;
    }
    byte[] digest = ClientKeyDigest.of(salt, presented);
    List<Entry> bucket = buckets.get(prefix(digest));
    if (bucket == null) {
      return null;
    }
    Entry found = null;
    for (Entry entry : bucket) {
      // Every entry is compared, found or not: the loop's length does not depend on where the match is.
      if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
        found = entry;
      }
    }
    return found;
  }

  private static long prefix(byte[] digest) {
    return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
  }
}
