package dev.spillway.proxy.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded random inputs for the property and fuzz tests: short in {@code mvn verify}, as long as
 * asked on demand ({@code -Dspillway.fuzz.tries=100000}, see docs/hardening.md). A failing try
 * names its seed, and {@code -Dspillway.fuzz.seed=<seed>} replays the run exactly.
 *
 * <p>Hand-written rather than a property-testing library: the one that resolves here (jqwik)
 * prints a notice that its author does not allow its use by AI agents, who write this code, and
 * Jazzer is not in the Maven mirror. Shrinking is not needed for these inputs; replay is.
 */
public final class Fuzz {
  private Fuzz() {}

  /** How many tries each property runs: {@code defaultTries} unless the property is set. */
  public static int tries(int defaultTries) {
    return Integer.getInteger("spillway.fuzz.tries", defaultTries);
  }

  /** Runs {@code property} on {@code tries} generators; a failure is rethrown naming the seed of its try. */
  public static void check(int tries, Consumer<Random> property) {
    long base = Long.getLong("spillway.fuzz.seed", System.nanoTime());
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      try {
        property.accept(new Random(seed));
      } catch (AssertionError | RuntimeException failed) {
        throw new AssertionError("try " + i + " failed; replay with -Dspillway.fuzz.seed=" + seed
            + " -Dspillway.fuzz.tries=1: " + failed.getMessage(), failed);
      }
    }
  }

  /** A string of {@code length} characters drawn from {@code alphabet}. */
  public static String string(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** One of the choices. */
  @SafeVarargs
  public static <T> T oneOf(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
