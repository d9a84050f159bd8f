package dev.spillway.proxy.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.ProviderFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicErrorsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final AnthropicErrors errors = new AnthropicErrors(mapper);

  @ParameterizedTest
  @ValueSource(strings = {
    "prompt is too long: 208310 tokens > 200000 maximum",
    "input length and `max_tokens` exceed context limit: 197202 + 21333 > 200000, decrease input length or `max_tokens` and try again",
    "max_tokens: 250000 > context window of 200000"
  })
  void contextWindowWordingsAreRecognised(String message) {
    ProviderFailure failure = http(400, AnthropicBodies.error("invalid_request_error", message));

    assertThat(failure.contextLengthExceeded()).isTrue();
    assertThat(failure.clientError().at("/error/code").asText()).isEqualTo("context_length_exceeded");
  }

  @Test
  void anOutputLimitIsNotAContextWindowProblem() {
    ProviderFailure failure = http(400, AnthropicBodies.error("invalid_request_error",
        "max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens"));

    assertThat(failure.contextLengthExceeded()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "overloaded_error, 529",
    "rate_limit_error, 429",
    "api_error, 500",
    "invalid_request_error, 400",
    "authentication_error, 401",
    "something_new_error, 500"
  })
  void errorEventsTakeTheirStatusFromTheType(String type, int status) throws Exception {
    ProviderFailure failure =
        errors.fromEvent(mapper.readTree(AnthropicBodies.error(type, "boom")), AnthropicTestCalls.API_KEY);

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.summary()).isEqualTo("http " + status);
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo(type);
  }

  @Test
  void anEmptyErrorBodyNamesTheStatus() {
    ProviderFailure failure = http(503, "");

    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("api_error");
    assertThat(failure.clientError().at("/error/message").asText()).contains("http 503");
  }

  @Test
  void aKeyEchoedAtTheEndOfALongMessageIsScrubbed() {
    String key = AnthropicTestCalls.API_KEY;
    String message = "x".repeat(490) + key;

    ProviderFailure failure = http(401, AnthropicBodies.error("authentication_error", message));

    assertThat(failure.clientError().toString()).doesNotContain(key.substring(0, 8));
  }

  private ProviderFailure http(int status, String body) {
    return errors.fromHttp(status, body.getBytes(StandardCharsets.UTF_8), null, AnthropicTestCalls.API_KEY);
  }
}
