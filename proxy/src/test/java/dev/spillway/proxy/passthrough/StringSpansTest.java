package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spans found part by part as a body arrives, against the parser's own reading of the whole. */
class StringSpansTest {
  private static final ObjectMapper SPANNING = Json.MAPPER.copyWith(new SpanningFactory());
  private static final ObjectReading READING = ObjectReading.keepingLongText(Json.MAPPER);
  /** Plain ASCII next to every kind of escape and UTF-8 sequence (as the mapper writes them: control characters escaped). */
  private static final int[] POOL = {'a', ' ', '!', '"', '\\', '/', '\n', '\t', 0x01, 0x7F, 0xE9, 0x7FF, 0x800, 0x4E2D,
      0xFFFD, 0x1F600, 0x10FFFF};
  private static final int[] PART_SIZES = {1, 2, 3, 5, 7, 8, 13, 64, 1000, Integer.MAX_VALUE};

  @Test
  void spansFoundPartByPartAreWhereTheParserFindsTheStringsWhateverTheParts() throws IOException {
    Random random = new Random(5);
    for (int round = 0; round < 60; round++) {
      byte[] body = body(random, 1 + random.nextInt(4));
      List<List<Integer>> expected = parsersOwn(body);
      assertThat(expected).isNotEmpty();
      for (int part : PART_SIZES) {
        assertThat(spans(scanInParts(body, part))).as("parts of %d bytes", part).isEqualTo(expected);
      }
    }
  }

  @Test
  void aParseWithTheSpansReadsTheSameObject() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 30; round++) {
      byte[] body = body(random, 3);
      SplicedObject plain = READING.read(body).orElseThrow();
      SplicedObject spanned = READING.read(body, scanInParts(body, 100)).orElseThrow();
      assertThat(spanned).isEqualTo(plain);
      assertThat(Json.bytes(spanned)).isEqualTo(Json.bytes(plain)).isEqualTo(body);
      JsonNode content = spanned.get("messages").get(0).get("content");
      assertThat(content).isInstanceOf(LongText.class);
      assertThat(LongText.length(content)).isEqualTo(LongText.length(plain.get("messages").get(0).get("content")));
    }
  }

  @Test
  void aKnownStringIsJumpedOverNotScannedAgain() throws IOException {
    String text = "x".repeat(1_000);
    byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}").getBytes(StandardCharsets.UTF_8);
    StringSpans spans = scanInParts(body, 64);
    // A byte the parser would refuse, put in after the scan: only a parser that scans the string again sees it.
    body[body.length - 600] = 0x01;

    SplicedObject read = READING.read(body, spans).orElseThrow();

    assertThat(LongText.length(read.get("messages").get(0).get("content"))).isEqualTo(1_000);
    assertThat(catchThrowableOfType(() -> READING.read(body), JsonProcessingException.class))
        .hasMessageContaining("Illegal unquoted character");
  }

  @Test
  void theScanStopsWhereTheParserWouldComplainAndTheParserSaysWhy() throws IOException {
    String clean = "\"" + "c".repeat(300) + "\"";
    String[] bad = {"\\q", "\\u12G4", "\u0001", "\t"};
    byte[][] badBytes = {{(byte) 0xC3, 'a'}, {(byte) 0xE4, (byte) 0xB8, 'a'}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a'},
        {(byte) 0xFF}, {(byte) 0x80}};
    List<byte[]> bodies = new ArrayList<>();
    for (String piece : bad) {
      bodies.add(("{\"a\":" + clean + ",\"b\":\"" + "x".repeat(300) + piece + "y\",\"c\":" + clean + "}").getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] piece : badBytes) {
      byte[] head = ("{\"a\":" + clean + ",\"b\":\"" + "x".repeat(300)).getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("y\",\"c\":" + clean + "}").getBytes(StandardCharsets.UTF_8);
      byte[] json = new byte[head.length + piece.length + tail.length];
      System.arraycopy(head, 0, json, 0, head.length);
      System.arraycopy(piece, 0, json, head.length, piece.length);
      System.arraycopy(tail, 0, json, head.length + piece.length, tail.length);
      bodies.add(json);
    }
    for (byte[] body : bodies) {
      String what = new String(body, StandardCharsets.ISO_8859_1);
      for (int part : PART_SIZES) {
        StringSpans spans = scanInParts(body, part);
        assertThat(spans.count()).as(what).isEqualTo(1); // the clean string before, nothing from the bad one on
        JsonProcessingException withSpans = catchThrowableOfType(() -> READING.read(body, spans), JsonProcessingException.class);
        JsonProcessingException without = catchThrowableOfType(() -> READING.read(body), JsonProcessingException.class);
        assertThat(without).as(what).isNotNull();
        assertThat(withSpans).as(what).isNotNull();
        assertThat(withSpans.getOriginalMessage()).isEqualTo(without.getOriginalMessage());
      }
    }
  }

  @Test
  void aBodyCutInsideAStringIsRefusedAsWithoutSpans() {
    byte[] body = ("{\"content\":\"" + "x".repeat(500)).getBytes(StandardCharsets.UTF_8);
    StringSpans spans = scanInParts(body, 50);
    assertThat(spans.count()).isZero();
    JsonProcessingException withSpans = catchThrowableOfType(() -> READING.read(body, spans), JsonProcessingException.class);
    JsonProcessingException without = catchThrowableOfType(() -> READING.read(body), JsonProcessingException.class);
    assertThat(withSpans.getOriginalMessage()).isEqualTo(without.getOriginalMessage());
  }

  @Test
  void theSpansKeptAreBoundedAndTheParserReadsThoseBeyond() throws IOException {
    StringBuilder json = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < StringSpans.MAX_SPANS + 5; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i).repeat(300 / Integer.toString(i).length() + 1)).append('"');
    }
    byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);

    StringSpans spans = scanInParts(body, 4096);

    assertThat(spans.count()).isEqualTo(StringSpans.MAX_SPANS);
    assertThat(READING.read(body, spans).orElseThrow()).isEqualTo(READING.read(body).orElseThrow());
  }

  @Test
  void aParserThatTakesQuotesOrCommentsTheScanDoesNotKnowIgnoresTheSpans() {
    String text = "x".repeat(1_000);
    byte[] body = ("{\"content\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    StringSpans spans = scanInParts(body, 64);
    body[body.length - 600] = 0x01; // seen only by a parser that scans the string itself
    for (JsonReadFeature feature : List.of(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
        JsonReadFeature.ALLOW_YAML_COMMENTS)) {
      assertThat(catchThrowableOfType(() -> {
        try (JsonParser parser = SPANNING.createParser(body)) {
          parser.enable(feature.mappedFeature());
          ((SpanningParser) parser).knownStrings(spans);
          while (parser.nextToken() != null) {
            // the string is skipped, never read
          }
        }
      }, JsonProcessingException.class)).as(feature.name()).hasMessageContaining("Illegal unquoted character");
    }
  }

  /** A chat body with {@code messages} long strings of random text (escapes and UTF-8 of every length), short ones between. */
  private static byte[] body(Random random, int messages) throws IOException {
    StringBuilder json = new StringBuilder("{\"model\":\"gpt-4o-mini\",\"messages\":[");
    for (int m = 0; m < messages; m++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < TreeReading.LONG + random.nextInt(400)) {
        text.append("plain text ".repeat(random.nextInt(4)));
        text.appendCodePoint(POOL[random.nextInt(POOL.length)]);
      }
      json.append(m == 0 ? "" : ", ").append("{\"role\" : \"user\",\"content\":").append(Json.MAPPER.writeValueAsString(text.toString()))
          .append(",\"name\":\"short \\\"one\\\"\"}");
    }
    return json.append("],\"max_tokens\":16}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringSpans scanInParts(byte[] body, int part) {
    StringSpans spans = new StringSpans();
    for (int end = 0; end < body.length; ) {
      end = (int) Math.min(body.length, (long) end + part);
      spans.scan(body, end);
    }
    return spans;
  }

  private static List<List<Integer>> spans(StringSpans spans) {
    List<List<Integer>> list = new ArrayList<>();
    for (int k = 0; k < spans.count(); k++) {
      list.add(List.of(spans.open(k), spans.close(k), spans.units(k)));
    }
    return list;
  }

  /** (opening quote, closing quote, UTF-16 units) of each long string value, as the parser skips them. */
  private static List<List<Integer>> parsersOwn(byte[] body) throws IOException {
    List<List<Integer>> list = new ArrayList<>();
    try (JsonParser parser = SPANNING.createParser(body)) {
      SpanningParser spanning = (SpanningParser) parser;
      JsonToken token = parser.nextToken();
      while (token != null) {
        if (token == JsonToken.VALUE_STRING) {
          int open = spanning.tokenStart();
          token = parser.nextToken(); // skips it
          if (spanning.skippedEnd() - open - 1 >= TreeReading.LONG) {
            list.add(List.of(open, spanning.skippedEnd(), spanning.skippedUnits()));
          }
        } else {
          token = parser.nextToken();
        }
      }
    }
    return list;
  }
}
