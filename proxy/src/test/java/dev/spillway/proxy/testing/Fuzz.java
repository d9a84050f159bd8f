package dev.spillway.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** A random JSON value up to {@code depth} levels deep: every type, odd numbers and strings included. */
  public static JsonNode json(Random random, int depth) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    int kind = random.nextInt(depth <= 0 ? 6 : 8);
    return switch (kind) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.booleanNode(random.nextBoolean());
      case 2 -> nodes.numberNode(oneOf(random, 0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, (long) random.nextInt()));
      case 3 -> nodes.numberNode(oneOf(random, 0.5, -2.5, 1e300, -0.0, random.nextDouble() * 10));
      case 4 -> nodes.numberNode(new java.math.BigInteger("99999999999999999999999"));
      case 5 -> nodes.textNode(string(random, "ab \\\"\u0000é€😀<>{}[]:,", random.nextInt(12)));
      case 6 -> {
        ArrayNode array = nodes.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(json(random, depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = nodes.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set(oneOf(random, "role", "content", "type", "text", "model", "messages", "n", "x", ""), json(random, depth - 1));
        }
        yield object;
      }
    };
  }

  /** One of the choices. */
  @SafeVarargs
  public static <T> T oneOf(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
