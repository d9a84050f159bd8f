package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SplicedBytesTest {
  private final ObjectReading reading = ObjectReading.keepingLongText(Json.MAPPER);

  /** A body with one long member (the prompt) between short ones; {@code model} renamed in a copy. */
  private static byte[] client() {
    String prompt = "caf\\u00e9 \\\"quoted\\\" plain words. ".repeat(400);
    return ("{\"model\":\"chat\", \"messages\" : [ {\"role\":\"user\", \"content\":\"" + prompt + "\"} ],"
        + " \"max_tokens\":16 }").getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode renamed(byte[] client) throws IOException {
    ObjectNode shaped = SplicedObject.shallowCopy(reading.read(client).orElseThrow());
    shaped.put("model", "gpt-4o");
    return shaped;
  }

  private static byte[] gathered(ByteBuffer[] buffers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer buffer : buffers) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void aRenamedBodyIsTheClientsLongMemberInPlaceBetweenRunsOfTheRest() throws IOException {
    byte[] client = client();
    String text = new String(client, StandardCharsets.UTF_8);
    String messages = text.substring(text.indexOf("\"messages\""), text.lastIndexOf(']') + 1);

    SplicedBytes pieces = SplicedObject.pieces(renamed(client), Json.MAPPER);

    // The same bytes as one array (what Json.bytes gave before), byte for byte.
    String expected = "{\"model\":\"gpt-4o\"," + messages + ",\"max_tokens\":16}";
    assertThat(new String(pieces.toArray(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(pieces.length()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
    // Three buffers: the run before, the client's own array for the prompt (not a copy), the run after.
    ByteBuffer[] buffers = pieces.buffers(0);
    assertThat(buffers).hasSize(3);
    assertThat(buffers[1].array()).isSameAs(client);
    assertThat(buffers[1].remaining()).isEqualTo(messages.getBytes(StandardCharsets.UTF_8).length);
    assertThat(new String(gathered(buffers), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void aWriteResumedAtAnyOffsetGetsExactlyTheRest() throws IOException {
    SplicedBytes pieces = SplicedObject.pieces(renamed(client()), Json.MAPPER);
    byte[] whole = pieces.toArray();
    int length = pieces.length();

    for (int from : new int[] {0, 1, 16, 17, 18, length / 2, length - 18, length - 17, length - 1, length}) {
      assertThat(gathered(pieces.buffers(from))).as("from %d", from)
          .isEqualTo(java.util.Arrays.copyOfRange(whole, from, length));
    }
  }

  @Test
  void anUnchangedOrWholeBodyIsItsOneArray() throws IOException {
    byte[] client = client();
    SplicedBytes unchanged = SplicedObject.pieces(reading.read(client).orElseThrow(), Json.MAPPER);

    assertThat(unchanged.toArray()).isSameAs(client);
    assertThat(unchanged.buffers(0)).singleElement().satisfies(b -> assertThat(b.array()).isSameAs(client));
    byte[] encoded = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(SplicedBytes.of(encoded).toArray()).isSameAs(encoded);
    assertThat(SplicedBytes.of(new byte[0]).buffers(0)).isEmpty(); // nothing to write
  }

  @Test
  void shortMembersAreCopiedIntoOneRun() throws IOException {
    byte[] client = "{\"model\":\"chat\",\"messages\":[],\"max_tokens\":16,\"user\":\"u\"}".getBytes(StandardCharsets.UTF_8);
    ObjectNode shaped = SplicedObject.shallowCopy(reading.read(client).orElseThrow());
    shaped.put("model", "gpt-4o");

    SplicedBytes pieces = SplicedObject.pieces(shaped, Json.MAPPER);

    assertThat(pieces.buffers(0)).hasSize(1);
    assertThat(new String(pieces.toArray(), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[],\"max_tokens\":16,\"user\":\"u\"}");
  }
}
