package dev.spillway.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.providers.ProviderFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  private static ProviderFailure http(int status) {
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "http " + status, status, null, false, null);
  }

  @ParameterizedTest
  @CsvSource({
    "400, REJECTED", "422, REJECTED", "409, REJECTED", "413, REJECTED",
    "401, AUTH", "403, AUTH",
    "404, RETRYABLE", "408, RETRYABLE", "429, RETRYABLE",
    "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE", "529, RETRYABLE", "599, RETRYABLE",
    "0, RETRYABLE"
  })
  void httpStatuses(int status, FailureClass expected) {
    assertThat(FailureClassifier.classify(http(status))).isEqualTo(expected);
  }

  @Test
  void transportFailuresAreRetryable() {
    assertThat(FailureClassifier.classify(ProviderFailure.connect("refused"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClassifier.classify(ProviderFailure.timeout("slow"))).isEqualTo(FailureClass.RETRYABLE);
    assertThat(FailureClassifier.classify(ProviderFailure.protocol("cut"))).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void contextLengthWinsOverItsStatus() {
    ProviderFailure failure = new ProviderFailure(ProviderFailure.Kind.HTTP, "http 400", 400, null, true, null);
    assertThat(FailureClassifier.classify(failure)).isEqualTo(FailureClass.CONTEXT_LENGTH);
  }
}
