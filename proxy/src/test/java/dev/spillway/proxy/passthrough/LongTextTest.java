package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.routing.RequestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongTextTest {
  private final ObjectReading reading = ObjectReading.keepingLongText(Json.MAPPER);

  /** ASCII, JSON escapes (a surrogate pair among them), two-, three- and four-byte UTF-8. */
  private static final String MIXED = "caf\\u00e9 \\\"quoted\\\"\\n\\t \\ud83d\\ude00 é ü 漢字 😀 end";

  private static String longText(String piece) {
    return piece.repeat(TreeReading.LONG / piece.length() + 1);
  }

  private static String request(String content) {
    return "{\"model\":\"gpt-4o-mini\", \"messages\" : [ {\"role\":\"system\",\"content\":\"Be brief.\"},"
        + " {\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + content + "\"}]},"
        + " {\"role\":\"user\",\"content\":\"" + content + "\" } ],\"max_tokens\":16}";
  }

  private SplicedObject read(String json) throws IOException {
    return reading.read(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void longStringsStayBytesAndReadAsTheTextTheyHold() throws IOException {
    String json = request(longText(MIXED));
    SplicedObject body = read(json);
    JsonNode expected = Json.MAPPER.readTree(json);

    JsonNode content = body.get("messages").get(2).get("content");
    assertThat(content).isInstanceOf(LongText.class);
    assertThat(content.isTextual()).isTrue();
    assertThat(content.textValue()).isEqualTo(expected.get("messages").get(2).get("content").textValue());
    assertThat(LongText.length(content)).isEqualTo(content.textValue().length());
    // Short strings are ordinary text nodes; the whole tree equals and encodes as the mapper's.
    assertThat(body.get("messages").get(0).get("content")).isNotInstanceOf(LongText.class);
    assertThat(body).isEqualTo(expected);
    assertThat(Json.MAPPER.writeValueAsString(body)).isEqualTo(Json.MAPPER.writeValueAsString(expected));
  }

  @Test
  void theLengthCountsUtf16UnitsWithoutDecoding() throws IOException {
    for (String piece : new String[] {"plain ascii ", "\\n\\\"\\\\ ", "\\u00e9\\ud83d\\ude00", "é", "漢", "😀", MIXED}) {
      JsonNode content = read(request(longText(piece))).get("messages").get(2).get("content");
      assertThat(content).isInstanceOf(LongText.class);
      int counted = LongText.length(content);
      assertThat(counted).as(piece).isEqualTo(content.textValue().length());
    }
  }

  @Test
  void theLengthOfRandomTextMatchesTheDecodedString() throws IOException {
    java.util.Random random = new java.util.Random(18);
    int[] pool = {'a', ' ', '"', '\\', '\n', 0x01, 0xE9, 0x4E2D, 0x1F600, 0x10FFFF};
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = TreeReading.LONG + random.nextInt(64); n > 0; n--) {
        text.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      // The mapper escapes quotes, backslashes and control characters; other text stays UTF-8.
      String json = "{\"messages\":[{\"content\":" + Json.MAPPER.writeValueAsString(text.toString()) + "}]}";
      JsonNode content = read(json).get("messages").get(0).get("content");
      assertThat(LongText.length(content)).isEqualTo(text.length());
      assertThat(content.textValue()).isEqualTo(text.toString());
    }
  }

  @Test
  void anUnchangedRequestWithALongPromptIsSentAsTheClientsBytes() throws IOException {
    byte[] client = request(longText(MIXED)).getBytes(StandardCharsets.UTF_8);
    SplicedObject body = reading.read(client).orElseThrow();
    ObjectNode shaped = SplicedObject.shallowCopy(body);
    shaped.put("model", "provider-model");

    assertThat(Json.bytes(body)).isSameAs(client);
    String sent = new String(Json.bytes(shaped), StandardCharsets.UTF_8);
    assertThat(sent).contains(longText(MIXED)).contains("\"model\":\"provider-model\"");
    assertThat(Json.MAPPER.readTree(sent).get("messages")).isEqualTo(Json.MAPPER.readTree(client).get("messages"));
  }

  @Test
  void theTokenEstimateIsTheSameAsFromADecodedTree() throws IOException {
    String json = request(longText(MIXED));
    int fromBytes = RequestParser.parse(read(json), Map.of()).promptTokenEstimate();
    int decoded = RequestParser.parse(Json.MAPPER.readTree(json), Map.of()).promptTokenEstimate();
    assertThat(fromBytes).isEqualTo(decoded).isGreaterThan(2 * 100 / 4); // two copies of the text, max_tokens 16
  }

  @Test
  void everyKindOfValueReadsAsTheMappersTree() throws IOException {
    String json = "{\"a\":{\"n\":1,\"big\":123456789012345678901234567890,\"f\":1.5e3,\"t\":true,\"z\":null,"
        + "\"esc\":\"a\\\"b\",\"dup\":1,\"dup\":2,\"deep\":[[],{},[{\"x\":[\"" + longText("x\\\\y") + "\"]}]]},"
        + "\"s\":\"" + longText("top ") + "\",\"e\":[]}";
    SplicedObject body = read(json);
    JsonNode expected = Json.MAPPER.readTree(json);

    assertThat(body).isEqualTo(expected);
    assertThat(Json.MAPPER.writeValueAsString(body)).isEqualTo(Json.MAPPER.writeValueAsString(expected));
    assertThat(body.get("s")).isInstanceOf(LongText.class);
  }

  @Test
  void invalidTextInALongStringIsRefusedWhenRead() {
    String badEscape = "{\"messages\":[{\"content\":\"" + longText("ok ") + "\\q\"}]}";
    assertThatThrownBy(() -> read(badEscape)).isInstanceOf(JsonProcessingException.class);
    String cut = "{\"messages\":[{\"content\":\"" + longText("ok ");
    assertThatThrownBy(() -> read(cut)).isInstanceOf(JsonProcessingException.class);
  }
}
