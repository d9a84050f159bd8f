package dev.spillway.proxy.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrubber on generated bodies: no trace of any known key survives, in any position or spelling. */
class ScrubberPropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void noKeyOfAnyAccountSurvivesAnywhereInABody() {
    Fuzz.check(Fuzz.tries(2_000), random -> {
      List<String> keys = List.of(SecretEmbedding.key(random), SecretEmbedding.key(random), SecretEmbedding.key(random));
      Scrubber scrubber = Scrubber.of(keys);
      String key = keys.get(random.nextInt(keys.size()));
      String body = SecretEmbedding.body(random, SecretEmbedding.spelled(random, key));

      byte[] scrubbed = scrubber.scrubBody(body.getBytes(StandardCharsets.UTF_8), MAPPER);

      String text = new String(scrubbed, StandardCharsets.UTF_8);
      assertThat(SecretEmbedding.leak(text + decoded(text), keys)).as(body).isNull();
    });
  }

  @Test
  void textWithoutKeysIsLeftAsItWas() {
    Fuzz.check(Fuzz.tries(500), random -> {
      Scrubber scrubber = Scrubber.of(List.of(SecretEmbedding.key(random)));
      String text = Fuzz.string(random, "abcdefghij klmnop{}[]\":,\\u0041é€", random.nextInt(400));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

      assertThat(scrubber.scrub(text)).isSameAs(text);
      assertThat(scrubber.scrub(bytes)).isSameAs(bytes);
    });
  }

  @Test
  void aTreeIsScrubbedInValuesArrayElementsAndFieldNames() throws Exception {
    String key = "sk-proj-0123456789abcdefghijABCDEFGHIJ";
    JsonNode tree = MAPPER.readTree("{\"a\":[\"" + key + "\"],\"" + key + "\":{\"b\":\"x " + key + " y\"}}");

    Scrubber.of(List.of(key)).scrub(tree);

    assertThat(tree.toString()).isEqualTo("{\"a\":[\"[redacted]\"],\"[redacted]\":{\"b\":\"x [redacted] y\"}}");
  }

  @Test
  void shortKeysAreMaskedWholeAndTinyOnesIgnored() {
    Scrubber scrubber = Scrubber.of(List.of("k3y-42", "ab"));

    assertThat(scrubber.scrub("key k3y-42 and ab")).isEqualTo("key [redacted] and ab");
  }

  @Test
  void aJsonEscapedKeyIsFoundOnceDecoded() {
    String key = "sk-proj-0123456789abcdefghij";
    StringBuilder escaped = new StringBuilder();
    key.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    byte[] body = ("{\"error\":{\"message\":\"" + escaped + "\"}}").getBytes(StandardCharsets.UTF_8);

    String scrubbed = new String(Scrubber.of(List.of(key)).scrubBody(body, MAPPER), StandardCharsets.UTF_8);

    assertThat(scrubbed).isEqualTo("{\"error\":{\"message\":\"[redacted]\"}}");
  }

  @Test
  void oneScanFindsAPlainKeyAndAnEscapedOneInTheSameBody() {
    String key = "sk-proj-0123456789abcdefghij";
    StringBuilder escaped = new StringBuilder();
    key.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    String json = "{\"a\":\"" + key + "\",\"b\":\"x " + escaped + "\"}";
    Scrubber scrubber = Scrubber.of(List.of(key));

    String body = new String(scrubber.scrubBody(json.getBytes(StandardCharsets.UTF_8), MAPPER), StandardCharsets.UTF_8);

    assertThat(body).isEqualTo("{\"a\":\"[redacted]\",\"b\":\"x [redacted]\"}");
  }

  @Test
  void anEscapeInsideAMaskedKeyLeavesTheBodyMaskedAndValid() throws Exception {
    // A base64-style key with '/', echoed JSON-escaped as "\/": the escape sits inside the secret.
    String key = "AbCdEfGhIjKl/MnOpQrStUvWxYz0123456789";
    String json = "{\"echo\":\"" + key.replace("/", "\\/") + "\",\"n\":1}";

    String scrubbed = new String(Scrubber.of(List.of(key)).scrubBody(json.getBytes(StandardCharsets.UTF_8), MAPPER),
        StandardCharsets.UTF_8);

    assertThat(SecretEmbedding.leak(scrubbed + decoded(scrubbed), List.of(key))).isNull();
    assertThat(MAPPER.readTree(scrubbed).get("n").asInt()).isEqualTo(1);
  }

  @Test
  void textThatIsNotJsonKeepsItsEscapesAndLosesItsKey() {
    String key = "sk-proj-0123456789abcdefghij";
    String text = key + " then \\u0041 and \\/";

    byte[] scrubbed = Scrubber.of(List.of(key)).scrubBody(text.getBytes(StandardCharsets.UTF_8), MAPPER);

    assertThat(new String(scrubbed, StandardCharsets.UTF_8)).isEqualTo("[redacted] then \\u0041 and \\/");
  }

  /** Every string and field name of a JSON text, decoded (escapes resolved), or "" when not JSON. */
  static String decoded(String text) {
    try {
      StringBuilder out = new StringBuilder();
      collect(MAPPER.readTree(text), out);
      return out.toString();
    } catch (Exception notJson) {
      return "";
    }
  }

  private static void collect(JsonNode node, StringBuilder out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      out.append(' ').append(node.textValue());
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(' ').append(field.getKey());
        collect(field.getValue(), out);
      }
    }
    if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }

}
