package dev.spillway.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.dialects.messages.AnthropicShapes;
import dev.spillway.proxy.http.ApiError;
import org.junit.jupiter.api.Test;

/** Refusals in the shape each endpoint's SDK parses. */
class ErrorShapeTest {
  @Test
  void openAiClientsGetTypeAndCode() {
    ApiError error = Rejection.UNKNOWN_KEY.error("Incorrect API key provided");

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.body().toString()).isEqualTo("{\"error\":{\"message\":\"Incorrect API key provided\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
  }

  @Test
  void anthropicClientsGetTheirErrorTypes() {
    assertThat(AnthropicShapes.error(Rejection.MISSING_KEY.error("no key")).toString())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"no key\"}}");
    assertThat(AnthropicShapes.error(Rejection.MODEL_NOT_ALLOWED.error("no")).at("/error/type").asText())
        .isEqualTo("permission_error");
    assertThat(AnthropicShapes.error(Rejection.BUDGET_EXHAUSTED.error("spent")).at("/error/type").asText())
        .isEqualTo("rate_limit_error");
  }
}
