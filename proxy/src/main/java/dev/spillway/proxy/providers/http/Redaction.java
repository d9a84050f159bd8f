package dev.spillway.proxy.providers.http;

/**
 * Removes a credential from text that came back from a provider (some echo the key they rejected)
 * before it reaches clients, logs or traces.
 */
public final class Redaction {
  public static final String MASK = "[redacted]";

  private Redaction() {}

  public static String scrub(String text, String secret) {
    if (text == null || secret == null || secret.length() < 4) {
      return text;
    }
    String scrubbed = text.replace(secret, MASK);
    // Providers often echo a shortened key ("sk-abc…xyz"); cut any long run sharing its head or tail.
    int part = Math.min(8, secret.length() / 2);
    String head = secret.substring(0, part);
    String tail = secret.substring(secret.length() - part);
    return scrubbed.replace(head, MASK).replace(tail, MASK);
  }
}
