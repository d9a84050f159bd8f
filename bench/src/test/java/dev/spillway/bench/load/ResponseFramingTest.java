package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseFramingTest {
  private final ResponseFraming framing = new ResponseFraming();

  @Test
  void aLengthBodyEndsAfterItsLastByteEvenFedOneByteAtATime() throws IOException {
    byte[] answer = bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello");
    for (int i = 0; i < answer.length - 1; i++) {
      assertThat(framing.feed(ByteBuffer.wrap(answer, i, 1))).isFalse();
    }
    assertThat(framing.feed(ByteBuffer.wrap(answer, answer.length - 1, 1))).isTrue();
    assertThat(framing.status()).isEqualTo(200);
    assertThat(framing.close()).isFalse();
  }

  @Test
  void aChunkedBodyEndsAfterItsTrailersAndLeavesWhatFollows() throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n4;ext=1\r\nabcd\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\nNEXT"));

    assertThat(framing.feed(in)).isTrue();
    assertThat(framing.status()).isEqualTo(503);
    assertThat(framing.close()).isTrue();
    assertThat(in.remaining()).isEqualTo(4);
  }

  @Test
  void aBodyWithoutLengthEndsAtTheClose() throws IOException {
    assertThat(framing.feed(ByteBuffer.wrap(bytes("HTTP/1.0 200 OK\r\n\r\nsome body")))).isFalse();
    assertThat(framing.endsAtClose()).isTrue();

    framing.reset();
    assertThat(framing.idle()).isTrue();
    assertThat(framing.feed(ByteBuffer.wrap(bytes("HTTP/1.1 204 No Content\r\n\r\n")))).isTrue();
    assertThat(framing.endsAtClose()).isFalse();
  }

  @Test
  void anOverlongLineOrAnotherProtocolIsRefused() {
    byte[] longLine = new byte[ResponseFraming.MAX_LINE + 1];
    java.util.Arrays.fill(longLine, (byte) 'a');
    assertThatThrownBy(() -> framing.feed(ByteBuffer.wrap(longLine))).hasMessageContaining("over 8192 bytes");
    assertThatThrownBy(() -> new ResponseFraming().feed(ByteBuffer.wrap(bytes("SSH-2.0-OpenSSH\r\n"))))
        .hasMessageContaining("not an HTTP/1.x status line");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
