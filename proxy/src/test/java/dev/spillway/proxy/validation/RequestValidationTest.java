package dev.spillway.proxy.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17, finding 6: bad parameter types, ranges and enums are a 400 with a code and the
 * parameter's path before any upstream is paid; unknown extra fields still pass through.
 */
class RequestValidationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private LoopbackHttpServer upstream;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    upstream = LoopbackHttpServer.start();
    upstream.always(Reply.json(200, ProxyClient.completion("ok")));
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024), ref -> Optional.empty());
    proxy.start();
    proxy.configSink().accept(ConfigBuilder.create()
        .account("a", upstream.baseUrl())
        .model("chat", m -> m.target("a", "gpt-4o"))
        .build());
    client = new ProxyClient(proxy.port());
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"temperature\":5 | temperature | above_max_value",
      "\"temperature\":\"hot\" | temperature | invalid_type",
      "\"temperature\":-0.1 | temperature | below_min_value",
      "\"top_p\":1.5 | top_p | above_max_value",
      "\"max_tokens\":-1 | max_tokens | below_min_value",
      "\"max_tokens\":2.5 | max_tokens | invalid_type",
      "\"max_tokens\":99999999999999999999999 | max_tokens | above_max_value",
      "\"n\":0 | n | below_min_value",
      "\"n\":1000000000 | n | above_max_value",
      "\"stream\":\"yes\" | stream | invalid_type",
      "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"] | stop | array_above_max_length",
      "\"presence_penalty\":3 | presence_penalty | above_max_value",
      "\"response_format\":{\"type\":\"yaml\"} | response_format.type | invalid_value",
      "\"tool_choice\":\"sometimes\" | tool_choice | invalid_value",
  })
  void aBadParameterIs400WithItsCodeAndNoUpstreamCall(String parameter, String param, String code) throws Exception {
    HttpResponse<String> response = client.chat("{\"model\":\"chat\"," + MESSAGES + "," + parameter + "}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = MAPPER.readTree(response.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo(param);
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(upstream.requestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[{\"role\":\"wizard\",\"content\":\"hi\"}] | messages[0].role | invalid_value",
      "[{\"content\":\"hi\"}] | messages[0].role | missing_required_parameter",
      "[] | messages | empty_array",
      "\"hi\" | messages | invalid_type",
      "[{\"role\":\"user\",\"content\":42}] | messages[0].content | invalid_type",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}] | messages[0].content[0].type | invalid_value",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}] | messages[0].content[0].text | missing_required_parameter",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}] | messages[0].content[0].image_url.url | missing_required_parameter",
  })
  void badMessagesAre400NamingThePath(String messages, String param, String code) throws Exception {
    HttpResponse<String> response = client.chat("{\"model\":\"chat\",\"messages\":" + messages + "}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = MAPPER.readTree(response.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo(param);
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(upstream.requestCount()).isZero();
  }

  @Test
  void validRequestsWithUnknownExtraFieldsPassThrough() throws Exception {
    HttpResponse<String> response = client.chat("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"text\",\"text\":\"closely\"}]}],"
        + "\"temperature\":0.7,\"top_p\":1,\"n\":1,\"max_tokens\":20,\"stop\":\"END\",\"reasoning_effort\":\"low\","
        + "\"x_vendor_flag\":{\"a\":[1]}}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode sent = MAPPER.readTree(upstream.lastRequest().body());
    assertThat(sent.get("reasoning_effort").asText()).isEqualTo("low");
    assertThat(sent.at("/x_vendor_flag/a/0").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "/v1/images/generations | {\"model\":\"chat\",\"prompt\":\"p\",\"size\":\"abc\"} | size | invalid_value",
      "/v1/images/generations | {\"model\":\"chat\",\"prompt\":\"p\",\"n\":1000000000} | n | above_max_value",
      "/v1/images/generations | {\"model\":\"chat\"} | prompt | missing_required_parameter",
      "/v1/embeddings | {\"model\":\"chat\",\"input\":[]} | input | empty_array",
      "/v1/embeddings | {\"model\":\"chat\",\"input\":{\"a\":1}} | input | invalid_type",
      "/v1/audio/speech | {\"model\":\"chat\",\"input\":\"hi\",\"voice\":\"alloy\",\"speed\":9} | speed | above_max_value",
      "/v1/audio/speech | {\"model\":\"chat\",\"input\":\"hi\"} | voice | missing_required_parameter",
  })
  void badMediaRequestsAre400Too(String path, String body, String param, String code) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri(path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = MAPPER.readTree(response.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo(param);
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(upstream.requestCount()).isZero();
  }

  @Test
  void everyErrorTheProxyAnswersCarriesACode() throws Exception {
    upstream.always(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"code\":null}}"));
    for (String body : new String[] {"{", "[]", "{\"model\":\"nope\"," + MESSAGES + "}", "{\"model\":\"chat\"," + MESSAGES + "}"}) {
      HttpResponse<String> response = client.chat(body);

      assertThat(response.statusCode()).as(body).isBetween(400, 499);
      assertThat(MAPPER.readTree(response.body()).at("/error/code").isTextual()).as(response.body()).isTrue();
    }
  }
}
