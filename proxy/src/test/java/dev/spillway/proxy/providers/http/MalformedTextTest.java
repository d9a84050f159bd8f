package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedTextTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<byte[]> reads = new ArrayList<>();

  private JsonNode read(byte[] data) throws java.io.IOException {
    reads.add(data);
    return MAPPER.readTree(data);
  }

  @Test
  void wellFormedBytesAreReadOnceAsTheyAre() throws Exception {
    byte[] data = "{\"t\":\"été 日本\"}".getBytes(StandardCharsets.UTF_8);

    JsonNode json = MalformedText.read(data, this::read);

    assertThat(json.get("t").asText()).isEqualTo("été 日本");
    assertThat(reads).containsExactly(data);
  }

  @Test
  void malformedUtf8IsReadAgainWithTheReplacementCharacter() throws Exception {
    byte[] data = {'{', '"', 't', '"', ':', '"', 'a', (byte) 0xE9, (byte) 0xE6, (byte) 0x97, '"', '}'};

    JsonNode json = MalformedText.read(data, this::read);

    assertThat(json.get("t").asText()).isEqualTo("a\uFFFD\uFFFD");
    assertThat(reads).hasSize(2);
  }

  @Test
  void wellFormedTextThatIsNotJsonKeepsTheReadersOwnError() {
    byte[] data = "{\"t\": nope}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MalformedText.read(data, this::read))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("nope");
    assertThat(reads).hasSize(1);
  }
}
