package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.routing.RequestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplicedObjectTest {
  private final ObjectReading reading = new ObjectReading(Json.MAPPER);

  private SplicedObject read(String json) throws IOException {
    return reading.read(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void anUnchangedObjectIsItsOwnBytesNotAnEncoding() throws IOException {
    byte[] client = "{ \"model\" : \"m\",\n \"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9\"}] }"
        .getBytes(StandardCharsets.UTF_8);
    SplicedObject body = reading.read(client).orElseThrow();

    assertThat(body).isEqualTo(Json.MAPPER.readTree(client));
    assertThat(Json.bytes(body)).isSameAs(client);
    // A copy that sets a member to the value it had (a model named as the target names it) too.
    ObjectNode copy = SplicedObject.shallowCopy(body);
    copy.put("model", "m");
    assertThat(Json.bytes(copy)).isSameAs(client);
  }

  @Test
  void changedMembersAreEncodedAndTheRestCopiedAsTheyCame() throws IOException {
    SplicedObject body = read("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",  \"content\":\"caf\\u00e9\"}],"
        + "\"stream\":true,\"user\":\"u\"}");
    ObjectNode shaped = SplicedObject.shallowCopy(body);
    shaped.put("model", "provider-model");
    shaped.remove("user");
    shaped.putObject("stream_options").put("include_usage", true);

    byte[] sent = Json.bytes(shaped);

    assertThat(Json.MAPPER.readTree(sent)).isEqualTo(shaped);
    // The escape and the spacing inside messages are the client's bytes, not Jackson's encoding.
    assertThat(text(sent)).isEqualTo("{\"model\":\"provider-model\",\"messages\":[{\"role\":\"user\",  "
        + "\"content\":\"caf\\u00e9\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    // The client's own body is untouched by its copy.
    assertThat(body.get("model").textValue()).isEqualTo("gpt");
    assertThat(Json.MAPPER.readTree(Json.bytes(body)).has("stream_options")).isFalse();
  }

  @Test
  void routingHintsTakenFromMetadataAreGoneFromTheBytesSent() throws IOException {
    SplicedObject body = read("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"metadata\":{\"step\":\"plan\",\"purpose\":\"chat\",\"team\":\"a\"}}");

    assertThat(RequestParser.parse(body, Map.of()).stepType()).isEqualTo("plan");

    assertThat(text(Json.bytes(SplicedObject.shallowCopy(body)))).contains("\"metadata\":{\"team\":\"a\"}")
        .doesNotContain("step").doesNotContain("purpose");
  }

  @Test
  void aDuplicatedNameSaysWhatTheTreeSays() throws IOException {
    SplicedObject body = read("{\"model\":\"a\",\"messages\":[],\"model\":\"b\"}");

    assertThat(body.get("model").textValue()).isEqualTo("b");
    assertThat(text(Json.bytes(body))).isEqualTo("{\"model\":\"b\",\"messages\":[]}");
  }

  @Test
  void copiesMadeAnotherWaySerialiseAsPlainTrees() throws IOException {
    SplicedObject body = read("{\"model\":\"m\",  \"n\":1}");

    assertThat(text(Json.bytes(body.deepCopy()))).isEqualTo("{\"model\":\"m\",\"n\":1}");
  }

  @Test
  void anythingButAnObjectIsLeftToTheCallerAndBadJsonIsAnError() throws IOException {
    assertThat(reading.read("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(reading.read(new byte[0])).isEmpty();
    assertThatThrownBy(() -> read("{\"model\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("{\"model\":\"m\"} {}")).isInstanceOf(IOException.class)
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> read("{\"model\":\"m\",}")).isInstanceOf(IOException.class);
  }
}
