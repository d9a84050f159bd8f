package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestShaperTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ModelConfig MODEL = ConfigBuilder.create()
      .account("a", "http://a")
      .model("chat", m -> m.defaults(new DefaultsConfig(0.3, 100, 0.9, List.of("STOP"))).target("a", "gpt-4o"))
      .build().models().get("chat");
  private static final Candidate CANDIDATE = new Candidate(MODEL, MODEL.targets().get(0));

  @Test
  void setsTheProviderModelAndFillsMissingDefaults() throws Exception {
    ObjectNode request = (ObjectNode) MAPPER.readTree("{\"model\":\"chat\",\"temperature\":1,\"messages\":[]}");

    ObjectNode shaped = RequestShaper.shape(request, CANDIDATE);

    assertThat(shaped.get("model").asText()).isEqualTo("gpt-4o");
    assertThat(shaped.get("temperature").asInt()).isEqualTo(1);
    assertThat(shaped.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(shaped.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(shaped.get("stop").get(0).asText()).isEqualTo("STOP");
    assertThat(request.get("model").asText()).as("the client's request is left alone").isEqualTo("chat");
    assertThat(request.has("max_tokens") || request.has("top_p") || request.has("stop")).isFalse();
  }

  @Test
  void maxCompletionTokensCountsAsSet() throws Exception {
    ObjectNode request = (ObjectNode) MAPPER.readTree("{\"model\":\"chat\",\"max_completion_tokens\":5,\"messages\":[]}");
    assertThat(RequestShaper.shape(request, CANDIDATE).has("max_tokens")).isFalse();
  }
}
