package dev.spillway.proxy.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Provider error parsing fuzzed: any error body or stream error event maps to a failure a client can read. */
class ProviderErrorFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final OpenAiErrors errors = new OpenAiErrors(MAPPER);

  @Test
  void anyErrorBodyBecomesAnHttpFailureWithAClientError() {
    Fuzz.check(Fuzz.tries(3_000), random -> {
      byte[] body;
      if (random.nextBoolean()) {
        ObjectNode wrapper = MAPPER.createObjectNode();
        wrapper.set("error", Fuzz.json(random, 4));
        body = wrapper.toString().getBytes(StandardCharsets.UTF_8);
      } else {
        body = new byte[random.nextInt(300)];
        random.nextBytes(body);
      }
      int status = Fuzz.oneOf(random, 400, 401, 404, 413, 429, 500, 503, 599);

      ProviderFailure failure = errors.fromHttp(status, null, body, "sk-fuzz-key-0123456789");

      assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
      assertThat(failure.status()).isEqualTo(status);
      assertThat(failure.clientError().at("/error/message").isTextual()).isTrue();
      assertThat(failure.clientError().at("/error/type").isMissingNode()).isFalse();
    });
  }

  @Test
  void anyStreamErrorEventBecomesAFailure() {
    Fuzz.check(Fuzz.tries(3_000), random -> {
      ObjectNode event = MAPPER.createObjectNode();
      event.set("error", Fuzz.json(random, 4));

      ProviderFailure failure = errors.fromStreamEvent(event, null);

      assertThat(failure.summary()).startsWith("stream error: ");
      assertThat(failure.clientError().at("/error/message").isTextual()).isTrue();
    });
  }
}
