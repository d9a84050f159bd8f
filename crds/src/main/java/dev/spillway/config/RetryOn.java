package dev.spillway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A failure kind that retries the same target; users write its wire name. */
public enum RetryOn {
  /** Could not connect, or the connection broke before an answer. */
  CONNECT("connect"),
  /** The attempt's deadline passed. */
  TIMEOUT("timeout"),
  /** HTTP 429: retried after the provider's Retry-After when it gives one. */
  RATE_LIMITED("429"),
  /** HTTP 5xx (and 529, overloaded). */
  SERVER_ERROR("5xx");

  private final String wireName;

  RetryOn(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(RetryOn::wireName).toList();
  }

  public static Optional<RetryOn> fromWire(String name) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(name)).findFirst();
  }
}
