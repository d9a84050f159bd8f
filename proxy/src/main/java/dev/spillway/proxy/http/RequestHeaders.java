package dev.spillway.proxy.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request's headers as routing reads them: names lower case, the first value of each, in an
 * immutable map made in one copy. Why not a {@code HashMap} handed on: {@code RequestFacts} keeps
 * an immutable copy, so every call built the map twice (a hash map, then {@code Map.copyOf} of it).
 */
public final class RequestHeaders {
  private RequestHeaders() {}

  @SuppressWarnings("unchecked")
  public static Map<String, String> of(HeaderMap headers) {
    // size() counts values, not names: enough room, trimmed below.
    Map.Entry<String, String>[] entries = new Map.Entry[headers.size()];
    int names = 0;
    for (HeaderValues values : headers) {
      entries[names++] = Map.entry(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
    }
    try {
      return Map.ofEntries(names == entries.length ? entries : Arrays.copyOf(entries, names));
    } catch (IllegalArgumentException sameNameTwice) {
      // Undertow merges names that differ in ASCII case only; two that differ in the case of a
      // non-ASCII letter meet here. The later one wins, as a map filled in order would have it.
      Map<String, String> lastWins = new HashMap<>();
      for (int i = 0; i < names; i++) {
        lastWins.put(entries[i].getKey(), entries[i].getValue());
      }
      return Map.copyOf(lastWins);
    }
  }
}
