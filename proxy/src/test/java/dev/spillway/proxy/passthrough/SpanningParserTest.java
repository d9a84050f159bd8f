package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spanning parser against Jackson's own, token by token, on the same bytes. */
class SpanningParserTest {
  private final ObjectMapper spanning = Json.MAPPER.copyWith(new SpanningFactory());

  /** Characters next to the special ones in every byte lane: a wrong mask shows as a wrong span or length. */
  private static final int[] POOL = {'a', ' ', '!', '#', '"', '\\', '[', ']', '\n', 0x01, 0x1F, 0x7F, 0xE9, 0x7FF,
      0x800, 0x4E2D, 0xFFFD, 0x1F600, 0x10FFFF};

  @Test
  void tokensStartAndStringsEndWhereJacksonSaysAndCountTheirText() throws IOException {
    Random random = new Random(18);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(100); n > 0; n--) {
        // Runs of plain ASCII long enough for whole eight-byte words, specials anywhere between.
        text.append("plain text ".repeat(random.nextInt(3)));
        text.appendCodePoint(POOL[random.nextInt(POOL.length)]);
      }
      String string = Json.MAPPER.writeValueAsString(text.toString());
      String json = "{ \"model\" :\"m\",\n\"messages\":[{\"content\":" + string + "} , " + string + "],\"n\":1 }";
      compare(json.getBytes(StandardCharsets.UTF_8), text.toString());
    }
  }

  private void compare(byte[] bytes, String text) throws IOException {
    try (JsonParser ours = spanning.createParser(bytes); JsonParser jackson = Json.MAPPER.createParser(bytes)) {
      assertThat(ours).isInstanceOf(SpanningParser.class);
      SpanningParser parser = (SpanningParser) ours;
      JsonToken token;
      int stringsSkipped = 0;
      while ((token = parser.nextToken()) != null) {
        assertThat(jackson.nextToken()).isEqualTo(token);
        assertThat(parser.tokenStart()).as("start of %s", token).isEqualTo(jackson.currentTokenLocation().getByteOffset());
        if (token == JsonToken.VALUE_STRING) {
          int open = parser.tokenStart();
          String decoded = jackson.getText();
          parser.nextToken(); // skips the string
          jackson.nextToken();
          assertThat(parser.skippedEnd()).isGreaterThan(open);
          assertThat(bytes[parser.skippedEnd()]).isEqualTo((byte) '"');
          assertThat(new String(bytes, open, parser.skippedEnd() - open + 1, StandardCharsets.UTF_8))
              .isEqualTo(Json.MAPPER.writeValueAsString(decoded));
          assertThat(parser.skippedUnits()).isEqualTo(decoded.length());
          assertThat(parser.currentToken()).isEqualTo(jackson.currentToken());
          assertThat(parser.tokenStart()).isEqualTo(jackson.currentTokenLocation().getByteOffset());
          if (decoded.equals(text)) {
            stringsSkipped++;
          }
        }
      }
      assertThat(jackson.nextToken()).isNull();
      assertThat(stringsSkipped).isEqualTo(2);
    }
  }

  @Test
  void badTextIsRefusedWithJacksonsErrorWhereverItSits() {
    String[] bad = {"\\q", "\u0001", "\t"};
    byte[][] badBytes = {{(byte) 0xC3, 'a'}, {(byte) 0xE4, (byte) 0xB8, 'a'}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a'},
        {(byte) 0xFF}, {(byte) 0x80}};
    for (int at = 0; at < 12; at++) {
      String before = "x".repeat(TreeReading.LONG + at);
      for (String piece : bad) {
        refusedAlike(("{\"content\":\"" + before + piece + " after\"}").getBytes(StandardCharsets.UTF_8));
      }
      for (byte[] piece : badBytes) {
        byte[] head = ("{\"content\":\"" + before).getBytes(StandardCharsets.UTF_8);
        byte[] tail = " after\"}".getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[head.length + piece.length + tail.length];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(piece, 0, json, head.length, piece.length);
        System.arraycopy(tail, 0, json, head.length + piece.length, tail.length);
        refusedAlike(json);
      }
      refusedAlike(("{\"content\":\"" + before).getBytes(StandardCharsets.UTF_8)); // cut inside the string
    }
  }

  /** The spanning parser skipping the string fails as Jackson's skip does. */
  private void refusedAlike(byte[] json) {
    JsonProcessingException ours = catchThrowableOfType(() -> skipAll(spanning, json), JsonProcessingException.class);
    JsonProcessingException jackson = catchThrowableOfType(() -> skipAll(Json.MAPPER, json), JsonProcessingException.class);
    assertThat(ours).as(new String(json, StandardCharsets.ISO_8859_1)).isNotNull();
    assertThat(jackson).isNotNull();
    assertThat(ours.getOriginalMessage()).isEqualTo(jackson.getOriginalMessage());
  }

  private static void skipAll(ObjectMapper mapper, byte[] json) throws IOException {
    try (JsonParser parser = mapper.createParser(json)) {
      while (parser.nextToken() != null) {
        // the strings are skipped, never read
      }
    }
  }

  @Test
  void aBodyNotInUtf8IsLeftToThePlainTree() throws IOException {
    String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(300) + "\"}]}";
    ObjectReading reading = ObjectReading.keepingLongText(Json.MAPPER);
    assertThat(reading.read(json.getBytes(StandardCharsets.UTF_16BE))).isEmpty();
    assertThat(reading.read(json.getBytes(StandardCharsets.UTF_16LE))).isEmpty();
    assertThat(reading.read(json.getBytes(StandardCharsets.UTF_8))).isPresent();
    // The request path reads it all the same, as the mapper does.
    assertThat(ChatCompletionsHandler.parse(json.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(Json.MAPPER.readTree(json));
  }
}
