package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.secrets.Scrubber;
import java.util.Collections;

/**
 * Removes one attempt's credential from text that came back from a provider (some echo the key
 * they rejected), for adapters and spans that hold only that key: upstream bytes are already
 * scrubbed of every known key where they come in ({@link UpstreamHttp}), this covers adapters
 * built without a server.
 */
public final class Redaction {
  public static final String MASK = Scrubber.MASK;

  private Redaction() {}

  public static String scrub(String text, String secret) {
    if (text == null || secret == null) {
      return text;
    }
    return Scrubber.of(Collections.singleton(secret)).scrub(text);
  }
}
