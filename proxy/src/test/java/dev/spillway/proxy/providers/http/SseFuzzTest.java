package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.Fuzz;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SSE decoding fuzzed: any stream, cut into any reads, gives the events it holds and stays within its bounds. */
class SseFuzzTest {
  private static final UpstreamLimits LIMITS = new UpstreamLimits(1 << 20, 4096, 1_000);

  @Test
  void anyEventsInAnyLineEndingsAndAnyReadsDecodeToThemselves() {
    Fuzz.check(Fuzz.tries(3_000), random -> {
      List<String> sent = new ArrayList<>();
      StringBuilder wire = new StringBuilder();
      // One line ending per stream: a "\r" then a "\n" is one CRLF, not two line ends.
      String newline = Fuzz.oneOf(random, "\n", "\r\n", "\r");
      for (int i = random.nextInt(6); i > 0; i--) {
        if (random.nextInt(4) == 0) {
          wire.append(": comment ").append(Fuzz.string(random, "abc ", 5)).append(newline);
        }
        String data = Fuzz.string(random, "ab{}\":é€ \n", random.nextInt(30));
        List<String> lines = new ArrayList<>();
        for (String line : data.split("\n", -1)) {
          // "data: x" and "data:x" both carry "x": the parser drops one space after the colon.
          boolean spaced = random.nextBoolean();
          wire.append(spaced ? "data: " : "data:").append(line).append(newline);
          lines.add(!spaced && line.startsWith(" ") ? line.substring(1) : line);
        }
        wire.append(newline);
        sent.add(String.join("\n", lines));
      }
      List<String> received = decode(wire.toString().getBytes(StandardCharsets.UTF_8), random);

      assertThat(received).as(wire.toString()).isEqualTo(sent);
    });
  }

  @Test
  void anyBytesDecodeOrFailAsOversizedNeverOtherwise() {
    Fuzz.check(Fuzz.tries(500), random -> {
      byte[] garbage = new byte[random.nextInt(20_000)];
      random.nextBytes(garbage);
      if (random.nextBoolean()) {
        for (int i = 0; i < garbage.length; i++) {
          garbage[i] = (byte) "data: x\r\n:{}é".charAt(random.nextInt(13));
        }
      }
      try {
        decode(garbage, random);
      } catch (ProviderFailure failure) {
        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
      }
    });
  }

  /** The data of every event, the bytes fed in reads of random sizes, in heap or direct buffers (as the IO threads read). */
  private static List<String> decode(byte[] bytes, Random random) {
    List<String> events = new ArrayList<>();
    SseBytes decoder = new SseBytes(LIMITS, (event, data) -> events.add(new String(data, StandardCharsets.UTF_8)));
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(64));
      decoder.accept(random.nextBoolean()
          ? ByteBuffer.wrap(bytes, at, n)
          : ByteBuffer.allocateDirect(n).put(bytes, at, n).flip());
      at += n;
    }
    decoder.end();
    return events;
  }
}
