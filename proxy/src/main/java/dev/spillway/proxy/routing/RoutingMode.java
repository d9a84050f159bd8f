package dev.spillway.proxy.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a request's own fallbacks combine with the route its policy gives. */
public enum RoutingMode {
  /** The primary model, then the caller's fallbacks, then the rest of the policy's route. */
  FALLBACK,
  /** The primary model and the caller's fallbacks only: the policy's own fallbacks are not used. */
  STRICT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RoutingMode> of(String wireName) {
    return Arrays.stream(values()).filter(mode -> mode.wireName().equals(wireName)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(RoutingMode::wireName).collect(Collectors.joining(", "));
  }
}
