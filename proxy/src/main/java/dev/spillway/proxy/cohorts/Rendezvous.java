package dev.spillway.proxy.cohorts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Weighted rendezvous (highest random weight) hashing: each key goes to the option with the highest
 * {@code -weight / ln(h)}, h a uniform hash of key and option. A key keeps its option while that
 * option stays available, and adding or removing an option moves only the keys that option wins or
 * held, in proportion to its weight. Hand-written because it is a dozen lines; the hash is
 * 64-bit FNV-1a finished with a murmur3 mix, good enough for spreading and free of allocation.
 */
public final class Rendezvous {
  private Rendezvous() {}

  /** The option the key maps to, or null when there is none with a positive weight. */
  public static <T> T pick(String key, List<T> options, java.util.function.Function<T, String> id, ToDoubleFunction<T> weight) {
    T best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    long keyHash = hash(key, 0xcbf29ce484222325L);
    for (T option : options) {
      double w = weight.applyAsDouble(option);
      if (w <= 0) {
        continue;
      }
      double u = unit(hash(id.apply(option), keyHash));
      double score = -w / Math.log(u);
      if (score > bestScore) {
        bestScore = score;
        best = option;
      }
    }
    return best;
  }

  private static long hash(String text, long seed) {
    long h = seed;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** A double strictly inside (0, 1). */
  private static double unit(long h) {
    return ((h >>> 11) + 0.5) / (double) (1L << 53);
  }
}
