package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsSecondsDatesAndMilliseconds() {
    assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.from(headers("retry-after-ms", "250"), clock))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void ignoresMissingOrNonsense() {
    assertThat(RetryAfter.parse(null, clock)).isNull();
    assertThat(RetryAfter.parse("soon", clock)).isNull();
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 10:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
  }

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
  }
}
