package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spillway.proxy.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two searches over a string's bytes — whole vectors first (the image's JVM) and eight bytes
 * at a time (a plain {@code java -jar}) — find the same byte on the same inputs, and the parser
 * reads and refuses the same bodies either way.
 */
class PlainBytesTest {
  /** Every kind of byte a string search meets: plain ASCII, quote, backslash, controls, DEL, UTF-8 leads and continuations, bytes no UTF-8 has. */
  private static final int[] SPECIALS = {'"', '\\', 0x00, 0x01, '\n', '\t', 0x1F, 0x80, 0xBF, 0xC0, 0xC3, 0xE4, 0xF0, 0xF5, 0xF8,
      0xFF};
  private static final int[] PLAIN = {' ', '!', '#', 'a', 'z', '[', ']', '~', 0x7F, '/'};

  @Test
  void theProxysTestsRunTheVectorSearchAsTheImageDoes() {
    assertThat(ByteSearch.ACTIVE).isEqualTo(ByteSearch.VECTOR);
  }

  @Test
  void bothSearchesStopAtTheFirstSpecialByteWhereverItIs() {
    for (int special : SPECIALS) {
      for (int at = 0; at < 600; at++) {
        byte[] bytes = plain(new Random(at), 600);
        bytes[at] = (byte) special;
        for (int from : new int[] {0, 1, 7, 31, 63, at}) {
          int expected = from <= at ? at : byteByByte(bytes, from, bytes.length);
          assertThat(PlainBytes.plainRun(bytes, from, bytes.length)).as("0x%x at %d from %d", special, at, from).isEqualTo(expected);
          assertThat(PlainBytes.eightBytesPlainRun(bytes, from, bytes.length)).isEqualTo(expected);
          // An end before the special byte: the run goes to the end.
          assertThat(PlainBytes.plainRun(bytes, from, Math.max(from, at))).isEqualTo(Math.max(from, at));
        }
      }
    }
  }

  @Test
  void bothSearchesAgreeOnRandomBytes() {
    Random random = new Random(18);
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = mixed(random, random.nextInt(800));
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int end = from + random.nextInt(bytes.length - from + 1);
      assertThat(PlainBytes.plainRun(bytes, from, end)).isEqualTo(PlainBytes.eightBytesPlainRun(bytes, from, end))
          .isEqualTo(byteByByte(bytes, from, end));
      assertThat(PlainBytes.nextQuote(bytes, from, end)).isEqualTo(PlainBytes.eightBytesNextQuote(bytes, from, end))
          .isEqualTo(quoteByByte(bytes, from, end));
    }
  }

  /**
   * A JVM started without the module (README's {@code java -jar}) loads the parser, takes the
   * eight-byte search, and reads and refuses bodies exactly as this JVM does with the vector one.
   */
  @Test
  void withoutTheVectorModuleTheEightByteSearchReadsTheSameBodies() throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ParseProbe.class.getName());
    Process probe = new ProcessBuilder(command).redirectErrorStream(false).start();
    probe.getOutputStream().close();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    // Only the probe's lines: the log's own may share the output.
    assertThat(out.lines().filter(line -> line.startsWith(ParseProbe.PREFIX)).map(line -> line.substring(ParseProbe.PREFIX.length())))
        .containsExactlyElementsOf(ParseProbe.results(ByteSearch.EIGHT_BYTES));
  }

  /** Run in a JVM of its own by the test above; prints what {@link #results} returns there. */
  public static final class ParseProbe {
    static final String PREFIX = "probe: ";

    public static void main(String[] args) {
      results(ByteSearch.ACTIVE).forEach(line -> System.out.println(PREFIX + line));
    }

    /** The search, then per body the tree the parser read (its bytes as sent upstream) or the parser's error. */
    static List<String> results(ByteSearch search) {
      List<String> lines = new ArrayList<>();
      lines.add(search.name());
      ObjectReading reading = ObjectReading.keepingLongText(Json.MAPPER);
      for (String text : List.of("plain ".repeat(200), "tab\\t quote\\\" \\u00e9 ".repeat(50), "é中😀 ".repeat(100),
          "x".repeat(300) + "\\q", "x".repeat(300) + "\u0001", "x".repeat(130) + "\"")) {
        byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
        try {
          SplicedObject read = reading.read(body).orElseThrow();
          lines.add(new String(Json.bytes(read), StandardCharsets.UTF_8).length() + " " + LongText.length(read.get("messages").get(0).get("content")));
        } catch (JsonProcessingException e) {
          lines.add(e.getOriginalMessage());
        } catch (IOException e) {
          lines.add(e.toString());
        }
      }
      byte[] invalidUtf8 = "{\"content\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx?\"}"
          .getBytes(StandardCharsets.US_ASCII);
      invalidUtf8[invalidUtf8.length - 3] = (byte) 0xFF;
      try {
        reading.read(invalidUtf8);
        lines.add("read");
      } catch (IOException e) {
        lines.add(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString());
      }
      return lines;
    }
  }

  private static byte[] plain(Random random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) PLAIN[random.nextInt(PLAIN.length)];
    }
    return bytes;
  }

  /** Mostly plain, a special byte now and then: runs of every length across vector and word edges. */
  private static byte[] mixed(Random random, int length) {
    byte[] bytes = plain(random, length);
    int specials = random.nextInt(4);
    for (int i = 0; i < specials && length > 0; i++) {
      bytes[random.nextInt(length)] = (byte) SPECIALS[random.nextInt(SPECIALS.length)];
    }
    return bytes;
  }

  private static int byteByByte(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (PlainBytes.CODES[bytes[i] & 0xFF] != 0) {
        return i;
      }
    }
    return end;
  }

  private static int quoteByByte(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '"') {
        return i;
      }
    }
    return end;
  }
}
