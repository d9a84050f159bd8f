package dev.spillway.bench.load;

import java.util.List;

/**
 * Chat request bodies of a given size, for the measurements where the prompt's length matters
 * (the harness's prompt series and {@code RequestPathBenchmark} in the jmh module send the same).
 */
public final class Prompts {
  /** The series: conversations of 1, 20, 200 short turns; one message making the body 1 KB, 64 KB, 1 MB. */
  public static final List<String> SIZES = List.of("1", "20", "200", "1KB", "64KB", "1MB");
  private static final String WORDS = "what changed in the quarterly figures, and why? revenue rose on volume. ";

  private Prompts() {}

  /**
   * @param size a message count ({@code "20"}: a conversation of short turns) or a body size
   *     ({@code "64KB"}, {@code "1MB"}: one user message of that much text)
   */
  public static String request(String size) {
    String messages = size.endsWith("KB") || size.endsWith("MB") ? oneMessageOf(bytes(size)) : turns(Integer.parseInt(size));
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[" + messages + "],\"max_tokens\":16}";
  }

  private static int bytes(String size) {
    int unit = size.endsWith("MB") ? 1 << 20 : 1 << 10;
    return Integer.parseInt(size.substring(0, size.length() - 2)) * unit;
  }

  private static String turns(int count) {
    StringBuilder conversation = new StringBuilder();
    for (int i = 1; i < count; i++) {
      conversation.append(i % 2 == 1
          ? "{\"role\":\"user\",\"content\":\"Question " + i + ": what changed in the quarterly figures, and why?\"},"
          : "{\"role\":\"assistant\",\"content\":\"Answer " + i + ": revenue rose on volume while costs were flat.\"},");
    }
    return conversation + "{\"role\":\"user\",\"content\":\"Hello\"}";
  }

  /** One message whose text brings the whole body to about {@code total} bytes. */
  private static String oneMessageOf(int total) {
    StringBuilder text = new StringBuilder(total);
    while (text.length() < total - 100) {
      text.append(WORDS);
    }
    text.setLength(Math.max(1, total - 100));
    return "{\"role\":\"user\",\"content\":\"" + text + "\"}";
  }
}
