package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) MAPPER.readTree(json);
  }

  @Test
  void readsFactsFromTheBody() throws Exception {
    ObjectNode body = body("""
        {"model":"chat","stream":true,"user":"u1","max_tokens":100,
         "response_format":{"type":"json_schema","json_schema":{}},
         "tools":[{"type":"function","function":{"name":"f"}}],
         "messages":[{"role":"user","content":[{"type":"text","text":"12345678"},
                                             {"type":"image_url","image_url":{"url":"x"}}]}]}""");

    RequestFacts facts = RequestParser.parse(body, Map.of());

    assertThat(facts.model()).isEqualTo("chat");
    assertThat(facts.stream()).isTrue();
    assertThat(facts.user()).isEqualTo("u1");
    assertThat(facts.tools()).isTrue();
    assertThat(facts.vision()).isTrue();
    assertThat(facts.structuredOutputs()).isTrue();
    assertThat(facts.jsonMode()).isFalse();
    assertThat(facts.promptTokenEstimate()).isEqualTo(2 + 100);
  }

  @Test
  void stepAndPurposeComeFromHeadersBeforeMetadataAndAreStripped() throws Exception {
    ObjectNode body = body("""
        {"model":"m","metadata":{"step":"plan","purpose":"summarize","trace":"t"},
         "messages":[{"role":"user","content":"x"}]}""");

    RequestFacts facts = RequestParser.parse(body, Map.of("x-spillway-step", "act"));

    assertThat(facts.stepType()).isEqualTo("act");
    assertThat(facts.purpose()).isEqualTo("summarize");
    assertThat(body.get("metadata")).isEqualTo(MAPPER.readTree("{\"trace\":\"t\"}"));
  }

  @Test
  void emptiedMetadataIsRemoved() throws Exception {
    ObjectNode body = body("{\"model\":\"m\",\"metadata\":{\"step\":\"plan\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    RequestParser.parse(body, Map.of());
    assertThat(body.has("metadata")).isFalse();
  }

  @Test
  void maxCompletionTokensCountsInTheEstimate() throws Exception {
    ObjectNode body = body("{\"model\":\"m\",\"max_completion_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"abcdefgh\"}]}");
    assertThat(RequestParser.parse(body, Map.of()).promptTokenEstimate()).isEqualTo(52);
  }

  @Test
  void rejectsBadRequestsNamingTheField() {
    assertThatThrownBy(() -> RequestParser.parse(body("{\"messages\":[{\"role\":\"user\"}]}"), Map.of()))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error().get("param").asText()).isEqualTo("model"));
    assertThatThrownBy(() -> RequestParser.parse(body("{\"model\":\"m\",\"messages\":[]}"), Map.of()))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> RequestParser.parse(body("{\"model\":\"m\",\"messages\":[\"hi\"]}"), Map.of()))
        .isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> RequestParser.parse(body("{\"model\":\"m\",\"tools\":{},\"messages\":[{\"role\":\"user\"}]}"), Map.of()))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error().get("param").asText()).isEqualTo("tools"));
  }
}
