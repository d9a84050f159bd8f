package dev.spillway.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.ErrorShape;
import org.junit.jupiter.api.Test;

/** Refusals in the shape each endpoint's SDK parses. */
class ErrorShapeTest {
  @Test
  void openAiClientsGetTypeAndCode() {
    ApiError error = Rejection.UNKNOWN_KEY.error(ErrorShape.OPENAI, "Incorrect API key provided");

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.body().toString()).isEqualTo("{\"error\":{\"message\":\"Incorrect API key provided\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
  }

  @Test
  void anthropicClientsGetTheirErrorTypes() {
    assertThat(Rejection.MISSING_KEY.error(ErrorShape.ANTHROPIC, "no key").body().toString())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"no key\"}}");
    assertThat(Rejection.MODEL_NOT_ALLOWED.error(ErrorShape.ANTHROPIC, "no").body().at("/error/type").asText())
        .isEqualTo("permission_error");
    ApiError limited = Rejection.RATE_LIMITED.error(ErrorShape.ANTHROPIC, "slow down");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body().at("/error/type").asText()).isEqualTo("rate_limit_error");
  }
}
