package dev.spillway.proxy.failover;

import dev.spillway.proxy.http.ApiError;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the caller stops waiting: no attempt starts that cannot finish before it, and every
 * attempt's timeouts end by it. Read from {@code x-spillway-timeout} (a duration such as {@code
 * 2.5s} or {@code 800ms}; a bare number is seconds), else from the OpenAI SDKs' {@code
 * x-stainless-timeout} (seconds).
 *
 * @param atNanos the {@link System#nanoTime()} of the deadline; {@link Long#MAX_VALUE} for none
 */
public record CallDeadline(long atNanos) {
  public static final CallDeadline NONE = new CallDeadline(Long.MAX_VALUE);
  public static final String HEADER = "x-spillway-timeout";
  static final String SDK_HEADER = "x-stainless-timeout";
  /** Longer than any call should wait; a larger value is read as no deadline of the caller's. */
  static final long MAX_MS = TimeUnit.HOURS.toMillis(1);
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

  /**
   * The caller's deadline from the request headers (names lower case), starting now.
   *
   * @throws ApiError 400 when {@code x-spillway-timeout} is not a positive duration
   */
  public static CallDeadline from(Map<String, String> headers, long nowNanos) {
    String own = headers.get(HEADER);
    if (own != null) {
      long ms = millis(own);
      if (ms <= 0) {
        throw ApiError.of(400, "invalid_request_error", "invalid_timeout", HEADER,
            "Header " + HEADER + " must be a positive duration such as 2.5s or 800ms, got '" + own + "'");
      }
      return after(ms, nowNanos);
    }
    String sdk = headers.get(SDK_HEADER);
    long ms = sdk == null ? -1 : millis(sdk);
    return ms > 0 ? after(ms, nowNanos) : NONE; // an SDK's odd value is not the caller's mistake
  }

  private static CallDeadline after(long ms, long nowNanos) {
    return ms >= MAX_MS ? NONE : new CallDeadline(nowNanos + TimeUnit.MILLISECONDS.toNanos(ms));
  }

  /** Milliseconds of a duration, or -1 when it is not one. */
  static long millis(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return -1;
    }
    BigDecimal value = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal ms = switch (unit) {
      case "ms" -> value;
      case "m" -> value.multiply(BigDecimal.valueOf(60_000));
      default -> value.multiply(BigDecimal.valueOf(1_000));
    };
    return ms.compareTo(BigDecimal.valueOf(MAX_MS)) >= 0 ? MAX_MS : ms.longValue();
  }

  public boolean bounded() {
    return atNanos != Long.MAX_VALUE;
  }

  /** Milliseconds left (negative once passed); {@link Long#MAX_VALUE} without a deadline. */
  public long remainingMs(long nowNanos) {
    return bounded() ? TimeUnit.NANOSECONDS.toMillis(atNanos - nowNanos) : Long.MAX_VALUE;
  }
}
