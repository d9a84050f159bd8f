package dev.spillway.operator.stats;

import java.util.Locale;

/**
 * A target's circuit breaker state as the proxy reports it, ordered from least to most severe, so
 * the state of a target over replicas is the worst any replica reports.
 */
public enum Circuit {
  CLOSED,
  RECOVERING,
  HALF_OPEN,
  OPEN;

  /** The state named by the proxy, or null for a name this operator does not know. */
  static Circuit parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  static Circuit worse(Circuit a, Circuit b) {
    return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
  }

  /** As status shows it: {@code open}, {@code half-open}. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
