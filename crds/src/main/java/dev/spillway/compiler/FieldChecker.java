package dev.spillway.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks the fields of one resource. Each check reports a bad value as a {@link Problem} and still
 * returns a usable value (the default), so compilation goes on and finds every other problem too;
 * a result with any problem is thrown away as a whole.
 */
final class FieldChecker {
  private final String kind;
  private final String name;
  private final List<Problem> problems;

  FieldChecker(String kind, String name, List<Problem> problems) {
    this.kind = kind;
    this.name = name;
    this.problems = problems;
  }

  void report(String field, String message) {
    problems.add(new Problem(kind, name, field, message));
  }

  /** Reports a missing value; true when the value is present. */
  boolean require(String field, Object value, String what) {
    boolean present = value != null && !(value instanceof String && ((String) value).isBlank());
    if (!present) {
      report(field, "is required: " + what);
    }
    return present;
  }

  int integer(String field, Integer value, Range allowed, int fallback) {
    if (value == null) {
      return fallback;
    }
    return allowed.contains(value) ? value : rejectNumber(field, value, allowed, fallback);
  }

  /** Like {@link #integer} but keeps "unset" as null. */
  Integer optionalInteger(String field, Integer value, Range allowed) {
    return value == null ? null : integer(field, value, allowed, value);
  }

  double number(String field, Double value, Range allowed, double fallback) {
    if (value == null) {
      return fallback;
    }
    return allowed.contains(value) ? value : rejectNumber(field, value, allowed, fallback);
  }

  Double optionalNumber(String field, Double value, Range allowed) {
    return value == null ? null : number(field, value, allowed, value);
  }

  private <T> T rejectNumber(String field, double value, Range allowed, T fallback) {
    report(field, "must be " + allowed.describe() + ", got " + Range.format(value));
    return fallback;
  }

  /** A positive duration in milliseconds, or null when unset or invalid. */
  Long optionalDuration(String field, String value) {
    if (value == null) {
      return null;
    }
    OptionalLong millis = Durations.parseMillis(value);
    if (millis.isEmpty()) {
      report(field, "\"" + value + "\" is not a duration: " + Durations.SYNTAX);
      return null;
    }
    if (millis.getAsLong() <= 0) {
      report(field, "must be greater than 0, got \"" + value + "\"");
      return null;
    }
    return millis.getAsLong();
  }

  long duration(String field, String value, long fallback) {
    Long millis = optionalDuration(field, value);
    return millis == null ? fallback : millis;
  }

  /** For delays, where 0 (no delay) is meaningful, unlike for timeouts and windows. */
  long delay(String field, String value, long fallback) {
    if (value != null && Durations.parseMillis(value).orElse(-1) == 0) {
      return 0;
    }
    return duration(field, value, fallback);
  }

  /**
   * The list without blank entries, each reported: a YAML list item left empty is a mistake, and
   * the config's immutable lists cannot hold nulls.
   */
  List<String> words(String field, List<String> values) {
    if (values == null) {
      return null;
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (require(field + "[" + i + "]", values.get(i), "a non-empty value")) {
        words.add(values.get(i));
      }
    }
    return words;
  }

  /** The value when it is one of the allowed words, else the fallback (reported when set). */
  String oneOf(String field, String value, Collection<String> allowed, String fallback) {
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      report(field, "\"" + value + "\" is not allowed: use one of " + String.join(", ", allowed));
      return fallback;
    }
    return value;
  }
}
