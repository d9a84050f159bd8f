package dev.spillway.proxy.secrets;

import dev.spillway.proxy.testing.Fuzz;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Test side of secret hygiene, written apart from the scrubber: generates upstream bodies that
 * embed a key anywhere (any JSON position, plain text) in any common spelling, and finds any
 * trace of a key left in text.
 */
final class SecretEmbedding {
  private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private SecretEmbedding() {}

  /** A key like the providers': a prefix, then random characters (one style with + and /, as base64 keys have). */
  static String key(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "sk-proj-" + Fuzz.string(random, KEY_ALPHABET + "-_", 40 + random.nextInt(20));
      case 1 -> "sk-ant-api03-" + Fuzz.string(random, KEY_ALPHABET + "-_", 30 + random.nextInt(30));
      default -> Fuzz.string(random, KEY_ALPHABET + "+/", 32 + random.nextInt(16));
    };
  }

  /** The key spelled one of the ways an upstream may echo it, as it would sit inside a JSON string. */
  static String spelled(Random random, String key) {
    return switch (random.nextInt(8)) {
      case 0 -> key;
      case 1 -> fragment(random, key);
      case 2 -> Base64.getEncoder().encodeToString(("user" + ":".repeat(1 + random.nextInt(3)) + key).getBytes(StandardCharsets.UTF_8));
      case 3 -> Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
      case 4 -> URLEncoder.encode("key=" + key, StandardCharsets.UTF_8);
      case 5 -> HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
      case 6 -> jsonEscaped(key);
      default -> key.substring(0, 8) + "…" + key.substring(key.length() - 8);
    };
  }

  /** A body with {@code spelled} somewhere in it, as a provider's error or answer would carry it. */
  static String body(Random random, String spelled) {
    String noise = Fuzz.string(random, "abc def: ", random.nextInt(12));
    return switch (random.nextInt(7)) {
      case 0 -> "{\"error\":{\"message\":\"" + noise + spelled + noise + "\",\"type\":\"invalid_request_error\"}}";
      case 1 -> "{\"error\":{\"message\":\"bad\",\"details\":[\"" + noise + "\",\"" + spelled + "\"]}}";
      case 2 -> "{\"error\":{\"message\":\"bad\",\"" + spelled + "\":1}}";
      case 3 -> "{\"error\":{\"message\":\"bad\",\"meta\":{\"a\":[{\"" + noise + "\":[\"" + spelled + "\"]}]}}}";
      case 4 -> "{\"error\":\"" + noise + spelled + "\"}";
      case 5 -> noise + "Incorrect API key provided: " + spelled.replace("\\", "") + " " + noise;
      default -> "{\"error\":{\"message\":\"bad\"},\"echo\":{\"headers\":{\"authorization\":\"Bearer " + spelled + "\"}}}";
    };
  }

  private static String fragment(Random random, String key) {
    int length = 8 + random.nextInt(key.length() - 8);
    int start = random.nextInt(key.length() - length + 1);
    return key.substring(start, start + length);
  }

  private static String jsonEscaped(String key) {
    StringBuilder out = new StringBuilder();
    for (char c : key.toCharArray()) {
      out.append(String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  /**
   * Every 8-character piece of every spelling of the key that a reader could decode back: the key
   * itself, its URL and hex forms, and the base64 characters that depend on the key alone.
   */
  static List<String> traces(String key) {
    List<String> spellings = new ArrayList<>();
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    spellings.add(key);
    spellings.add(URLEncoder.encode(key, StandardCharsets.UTF_8));
    spellings.add(HexFormat.of().formatHex(bytes));
    for (int pad = 0; pad < 3; pad++) {
      byte[] shifted = new byte[pad + bytes.length];
      System.arraycopy(bytes, 0, shifted, pad, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      String core = encoded.substring((pad * 8 + 5) / 6, shifted.length * 8 / 6);
      spellings.add(core);
      spellings.add(core.replace('+', '-').replace('/', '_'));
    }
    List<String> traces = new ArrayList<>();
    for (String spelling : spellings) {
      for (int i = 0; i + 8 <= spelling.length(); i++) {
        traces.add(spelling.substring(i, i + 8));
      }
    }
    return traces;
  }

  /** The first trace of any key found in the text (JSON-decoded text included by the caller), or null. */
  static String leak(String text, List<String> keys) {
    for (String key : keys) {
      for (String trace : traces(key)) {
        if (text.contains(trace)) {
          return trace;
        }
      }
    }
    return null;
  }
}
