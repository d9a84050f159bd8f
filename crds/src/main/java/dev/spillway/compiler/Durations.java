package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.SpillwayApi;
import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes-style durations such as {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h} or
 * {@code 1m30s} into milliseconds. Hand-written because {@link java.time.Duration#parse} only reads
 * ISO-8601 ({@code PT10S}), which nobody writes in a manifest.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  /** The same pattern the CRD schema enforces, so the API server and the compiler agree. */
  private static final Pattern WHOLE = Pattern.compile(SpillwayApi.DURATION_PATTERN);

  /** What a user should write, appended to every duration message. */
  public static final String SYNTAX = "use a number with a unit ms, s, m or h, e.g. 250ms, 10s, 2m, 1h";

  private Durations() {}

  /** Milliseconds, or empty when the text is not a duration (fractions of a millisecond round down). */
  public static OptionalLong parseMillis(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    String trimmed = text.trim();
    if (!WHOLE.matcher(trimmed).matches()) {
      return OptionalLong.empty();
    }
    BigDecimal total = BigDecimal.ZERO;
    Matcher part = PART.matcher(trimmed);
    while (part.find()) {
      total = total.add(new BigDecimal(part.group(1)).multiply(unitMillis(part.group(2))));
    }
    try {
      return OptionalLong.of(total.toBigInteger().longValueExact());
    } catch (ArithmeticException tooLong) {
      return OptionalLong.empty();
    }
  }

  private static BigDecimal unitMillis(String unit) {
    switch (unit) {
      case "ms":
        return BigDecimal.ONE;
      case "s":
        return BigDecimal.valueOf(1_000);
      case "m":
        return BigDecimal.valueOf(60_000);
      default:
        return BigDecimal.valueOf(3_600_000);
    }
  }
}
