package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"250ms, 250", "10s, 10000", "2m, 120000", "1h, 3600000", "1m30s, 90000", "1.5s, 1500",
      "0ms, 0", "' 5s ', 5000"})
  void parsesDurationsWithUnits(String text, long millis) {
    assertThat(Durations.parseMillis(text)).hasValue(millis);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "10 s", "-1s", "s", "10sec", "PT10S", "1d", "99999999999999999999h"})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parseMillis(text)).isEqualTo(OptionalLong.empty());
  }
}
