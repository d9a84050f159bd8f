package dev.spillway.proxy.testing;

import java.util.Map;

/** A request a {@link LoopbackHttpServer} received; header names are lower case. */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {
  public String header(String name) {
    return headers.get(name.toLowerCase());
  }
}
