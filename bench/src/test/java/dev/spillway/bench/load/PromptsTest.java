package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptsTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void oneTurnIsTheBodyEveryOtherMeasurementSends() {
    assertThat(Prompts.request("1")).isEqualTo(Target.BODY);
  }

  @Test
  void conversationsHaveTheirTurnsAndSizesTheirBytes() throws Exception {
    assertThat(mapper.readTree(Prompts.request("200")).get("messages")).hasSize(200);
    for (Map.Entry<String, Integer> size : Map.of("1KB", 1 << 10, "64KB", 64 << 10, "1MB", 1 << 20).entrySet()) {
      String body = Prompts.request(size.getKey());
      JsonNode json = mapper.readTree(body);
      assertThat(json.get("messages")).hasSize(1);
      assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(size.getValue() - 100, size.getValue());
    }
  }

  @Test
  void aTargetSendsThePromptAskedForWithItsModel() throws Exception {
    Target target = new Target("spillway", 1, "/v1/chat/completions", Map.of()).withPrompt("20").withModel("x", "m2");

    JsonNode body = mapper.readTree(target.body());

    assertThat(body.get("messages")).hasSize(20);
    assertThat(body.get("model").asText()).isEqualTo("m2");
  }
}
