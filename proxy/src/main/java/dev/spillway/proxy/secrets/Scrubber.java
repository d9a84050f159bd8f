package dev.spillway.proxy.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks a fixed set of secrets wherever they appear: every run of {@value #GRAM} or more
 * consecutive characters of any spelling of a secret ({@link SecretForms}) becomes {@value #MASK},
 * so the whole key, a shortened echo ({@code sk-abc12345…}) or any middle piece of it is gone.
 * Secrets of 4 to 7 characters are masked only whole. Immutable and thread-safe.
 *
 * <p>Matching packs 8 ASCII characters into a long and looks the window up in a set of every
 * 8-character piece of every form: one pass, no allocation until something matches, so it can
 * run over every upstream body and every streamed event. The set is only asked about a window
 * whose 8 characters all occur in some secret's forms (a bit per ASCII character): a window
 * holding anything else (a space, a quote, a brace) cannot be a piece of a secret, so the JSON
 * and prose of an answer cost a bit test a character rather than a hash probe. Hand-written because it is that one loop; a regex alternation of
 * every fragment would be slower by the number of fragments.
 */
public final class Scrubber {
  public static final String MASK = "[redacted]";
  /** The shortest piece of a secret that is masked on its own. */
  static final int GRAM = 8;
  /** Shorter secrets are not scrubbed at all: a 3-character "key" would mask ordinary words. */
  static final int MIN_SECRET = 4;
  static final Scrubber NONE = new Scrubber(new long[0], List.of());
  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.US_ASCII);

  private final LongSet grams;
  /** Bit c (of 128) set when ASCII character c occurs in some gram. */
  private final long gramCharsLow;
  private final long gramCharsHigh;
  private final boolean hasGrams;
  private final List<String> shortForms;

  private Scrubber(long[] grams, List<String> shortForms) {
    this.grams = new LongSet(grams);
    long low = 0;
    long high = 0;
    for (long gram : grams) {
      for (int shift = 0; shift < 64; shift += 8) {
        int c = (int) (gram >>> shift) & 0x7F;
        if (c < 64) {
          low |= 1L << c;
        } else {
          high |= 1L << (c - 64);
        }
      }
    }
    this.gramCharsLow = low;
    this.gramCharsHigh = high;
    this.hasGrams = grams.length > 0;
    this.shortForms = shortForms;
  }

  /** A scrubber for these secrets (nulls and secrets under 4 characters are ignored). */
  public static Scrubber of(Collection<String> secrets) {
    List<Long> grams = new ArrayList<>();
    List<String> shortForms = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.length() < MIN_SECRET) {
        continue;
      }
      for (String form : SecretForms.of(secret)) {
        if (form.length() < GRAM) {
          shortForms.add(form);
        }
        long window = 0;
        int ascii = 0;
        for (int i = 0; i < form.length(); i++) {
          char c = form.charAt(i);
          ascii = c < 128 ? ascii + 1 : 0;
          window = (window << 8) | (c & 0x7F);
          if (ascii >= GRAM) {
            grams.add(window);
          }
        }
      }
    }
    return new Scrubber(grams.stream().mapToLong(Long::longValue).toArray(), List.copyOf(shortForms));
  }

  /** The text with every secret masked; the same instance when there was none. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    return masked(text, scan(text::charAt, text.length()).ranges());
  }

  private String masked(String text, List<int[]> ranges) {
    String result = text;
    if (!ranges.isEmpty()) {
      StringBuilder out = new StringBuilder(text.length());
      int at = 0;
      for (int[] range : ranges) {
        out.append(text, at, range[0]).append(MASK);
        at = range[1];
      }
      result = out.append(text, at, text.length()).toString();
    }
    for (String form : shortForms) {
      result = result.replace(form, MASK);
    }
    return result;
  }

  /** The bytes (UTF-8 text, or anything) with every secret masked; the same array when there was none. */
  public byte[] scrub(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return masked(bytes, scan(i -> (char) (bytes[i] & 0xFF), bytes.length).ranges());
  }

  private byte[] masked(byte[] bytes, List<int[]> ranges) {
    byte[] result = bytes;
    if (!ranges.isEmpty()) {
      int length = bytes.length;
      for (int[] range : ranges) {
        length += MASK_BYTES.length - (range[1] - range[0]);
      }
      result = new byte[length];
      int from = 0;
      int to = 0;
      for (int[] range : ranges) {
        System.arraycopy(bytes, from, result, to, range[0] - from);
        to += range[0] - from;
        System.arraycopy(MASK_BYTES, 0, result, to, MASK_BYTES.length);
        to += MASK_BYTES.length;
        from = range[1];
      }
      System.arraycopy(bytes, from, result, to, bytes.length - from);
    }
    if (!shortForms.isEmpty()) {
      String text = new String(result, StandardCharsets.UTF_8);
      String scrubbed = text;
      for (String form : shortForms) {
        scrubbed = scrubbed.replace(form, MASK);
      }
      if (!scrubbed.equals(text)) {
        result = scrubbed.getBytes(StandardCharsets.UTF_8);
      }
    }
    return result;
  }

  /**
   * An upstream body, or one stream event's data, with every secret masked; the same array when clean. Scanned once: when it is
   * JSON with escapes (a {@code \\u0073k-…} that spells a key only once decoded), its tree is
   * masked instead of its bytes — masking the bytes of a key echoed as {@code AbCd\\/EfGh} would
   * leave {@code [redacted]\\[redacted]}, which is no longer JSON.
   */
  public byte[] scrubBody(byte[] body, ObjectMapper mapper) {
    if (body == null) {
      return null;
    }
    Scan scan = scan(i -> (char) (body[i] & 0xFF), body.length);
    return scan.escapes() && json(i -> (char) (body[i] & 0xFF), body.length)
        ? viaTree(body, mapper::readTree, tree -> scrub(mapper.writeValueAsBytes(tree)), b -> masked(b, scan.ranges()))
        : masked(body, scan.ranges());
  }

  /**
   * Text as a JSON tree, masked, written back when something was (and masked as text again, for a
   * secret outside any string); masked as text when nothing in the tree was, or when not JSON.
   */
  private <T> T viaTree(T text, JsonRead<T> read, JsonWrite<T> write, UnaryOperator<T> masked) {
    try {
      Walk walk = new Walk();
      JsonNode clean = walk.apply(read.tree(text));
      return walk.changed ? write.text(clean) : masked.apply(text);
    } catch (IOException notJson) {
      return masked.apply(text);
    }
  }

  @FunctionalInterface
  private interface JsonRead<T> {
    JsonNode tree(T text) throws IOException;
  }

  @FunctionalInterface
  private interface JsonWrite<T> {
    T text(JsonNode tree) throws IOException;
  }

  /** Starts (after any whitespace) with a brace or bracket: a JSON object or array. */
  private static boolean json(CharAt text, int length) {
    int start = 0;
    while (start < length && Character.isWhitespace(text.at(start))) {
      start++;
    }
    return start < length && (text.at(start) == '{' || text.at(start) == '[');
  }

  /** Masks secrets in a JSON tree in place, in every position: values, array elements, field names. */
  public JsonNode scrub(JsonNode node) {
    return new Walk().apply(node);
  }

  /**
   * What one pass over a text found: where the secrets are (sorted, merged {start, end} ranges) and
   * whether it holds a {@code \\u} or {@code \\/} escape, which can spell a secret only once
   * decoded.
   */
  private record Scan(List<int[]> ranges, boolean escapes) {
    /** Most texts: nothing found, and no object for them. */
    static final Scan NOTHING = new Scan(List.of(), false);
    static final Scan ONLY_ESCAPES = new Scan(List.of(), true);
  }

  /** One pass: the secrets' ranges and the escapes together (an answer was scanned twice before). */
  private Scan scan(CharAt text, int length) {
    if (!hasGrams && shortForms.isEmpty()) {
      return Scan.NOTHING; // nothing to mask: no escape can hide anything either
    }
    List<int[]> ranges = List.of(); // most texts hold no secret: no list for them
    boolean escapes = false;
    char previous = 0;
    long window = 0;
    int run = 0; // characters in a row that occur in some gram
    int from = -1;
    int to = -1;
    for (int i = 0; i < length; i++) {
      char c = text.at(i);
      escapes |= previous == '\\' && (c == 'u' || c == '/');
      previous = c;
      // Without grams no character is in one: the run stays 0 and the set is never asked.
      run = inSomeGram(c) ? run + 1 : 0;
      window = (window << 8) | (c & 0x7F);
      if (run >= GRAM && grams.contains(window)) {
        int start = i - GRAM + 1;
        if (start <= to) {
          to = i + 1;
        } else {
          if (from >= 0) {
            ranges = add(ranges, from, to);
          }
          from = start;
          to = i + 1;
        }
      }
    }
    if (from >= 0) {
      return new Scan(add(ranges, from, to), escapes);
    }
    return escapes ? Scan.ONLY_ESCAPES : Scan.NOTHING;
  }

  private static List<int[]> add(List<int[]> ranges, int from, int to) {
    List<int[]> more = ranges.isEmpty() ? new ArrayList<>() : ranges;
    more.add(new int[] {from, to});
    return more;
  }

  private boolean inSomeGram(char c) {
    return c < 64 ? (gramCharsLow & (1L << c)) != 0 : c < 128 && (gramCharsHigh & (1L << (c - 64))) != 0;
  }

  @FunctionalInterface
  private interface CharAt {
    char at(int index);
  }

  /** One pass over a tree, remembering whether anything was masked. */
  private final class Walk {
    boolean changed;

    JsonNode apply(JsonNode node) {
      if (node == null) {
        return null;
      }
      if (node.isTextual()) {
        String text = scrub(node.textValue());
        if (text != node.textValue()) { // scrub returns the same instance when clean
          changed = true;
          return TextNode.valueOf(text);
        }
        return node;
      }
      if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, apply(array.get(i)));
        }
      } else if (node instanceof ObjectNode object) {
        boolean renamed = false;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
          JsonNode value = apply(field.getValue());
          if (value != field.getValue()) {
            field.setValue(value);
          }
          renamed |= scrub(field.getKey()) != field.getKey();
        }
        if (renamed) {
          changed = true;
          Map<String, JsonNode> fields = new LinkedHashMap<>();
          object.properties().forEach(field -> fields.put(scrub(field.getKey()), field.getValue()));
          object.removeAll();
          object.setAll(fields);
        }
      }
      return node;
    }
  }
}
