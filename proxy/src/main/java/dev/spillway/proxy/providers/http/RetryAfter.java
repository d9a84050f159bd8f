package dev.spillway.proxy.providers.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a provider's Retry-After (delta seconds or an HTTP date), or the retry-after-ms header. */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait the provider asked for, or null when it asked for none (or nonsense). */
  public static Duration from(HttpHeaders headers, Clock clock) {
    String millis = headers.firstValue("retry-after-ms").orElse(null);
    if (millis != null) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    return parse(headers.firstValue("retry-after").orElse(null), clock);
  }

  static Duration parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
