package dev.spillway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.passthrough.DirectTwin;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyBytesTest {
  /** Network reads of {@code bytes}, each as much as the room takes; how many reads it took. */
  private static int read(BodyBytes body, int most, byte... bytes) {
    int reads = 0;
    for (int at = 0; at < bytes.length; reads++) {
      ByteBuffer room = body.room(most);
      assertThat(room.hasRemaining()).as("room for the bytes still to come").isTrue();
      int count = Math.min(room.remaining(), bytes.length - at);
      room.put(bytes, at, count);
      body.filled(count);
      at += count;
    }
    return reads;
  }

  @Test
  void aBodyThatArrivesAsDeclaredIsReadIntoTheArrayItIsKeptIn() {
    BodyBytes body = new BodyBytes(5);
    read(body, 100, (byte) 1, (byte) 2);
    read(body, 100, (byte) 3, (byte) 4, (byte) 5);

    byte[] whole = body.whole();

    assertThat(whole).containsExactly(1, 2, 3, 4, 5);
    assertThat(body.whole()).isSameAs(whole);
    // All declared bytes are in: no room, so the next read reports the end.
    assertThat(body.room(100).remaining()).isZero();
  }

  @Test
  void anUndeclaredOrShortBodyGrowsAndIsTrimmed() {
    BodyBytes undeclared = new BodyBytes(-1);
    for (int i = 0; i < 100; i++) {
      read(undeclared, 100, (byte) i, (byte) i, (byte) i);
    }
    assertThat(undeclared.size()).isEqualTo(300);
    assertThat(undeclared.whole()).hasSize(300).startsWith(0, 0, 0, 1).endsWith(99, 99, 99);

    BodyBytes shortOfDeclared = new BodyBytes(1_000);
    read(shortOfDeclared, 100, (byte) 7);
    assertThat(shortOfDeclared.whole()).containsExactly(7);
  }

  @Test
  void aLargeDeclaredLengthIsNotAllocatedBeforeTheBytesCome() {
    long declared = 10L << 20;
    BodyBytes body = new BodyBytes(declared);
    read(body, Integer.MAX_VALUE, (byte) 1);
    // 1 MB held at most until the body proves as large as it said.
    assertThat(body.whole()).hasSize(1);
    while (body.size() < BodyBytes.FIRST_ALLOCATION_MAX + 1) {
      read(body, Integer.MAX_VALUE, new byte[BodyBytes.READ_MAX]);
    }
    assertThat(body.size()).isGreaterThan(BodyBytes.FIRST_ALLOCATION_MAX);
    while (body.size() < declared) {
      read(body, Integer.MAX_VALUE, new byte[(int) Math.min(BodyBytes.READ_MAX, declared - body.size())]);
    }
    // Grown to the declared length, never past it.
    assertThat(body.whole()).hasSize((int) declared);
  }

  @Test
  void aReadAsksForNoMoreThanTheBoundAndTheCallersLimit() {
    BodyBytes body = new BodyBytes(4L << 20);
    assertThat(body.room(Integer.MAX_VALUE).remaining()).isEqualTo(BodyBytes.READ_MAX);
    assertThat(body.room(10).remaining()).isEqualTo(10);
    assertThat(read(body, Integer.MAX_VALUE, new byte[3 * BodyBytes.READ_MAX])).isEqualTo(3);
  }

  @Test
  void whatArrivedIsScannedAheadASliceAtATimeAndTheRestOnceAllIsIn() {
    byte[] json = ("{\"content\":\"" + "x".repeat(3 * BodyBytes.SCAN_SLICE) + "\"}").getBytes(StandardCharsets.UTF_8);
    BodyBytes body = new BodyBytes(json.length);
    assertThat(body.spans()).isNull();
    int half = json.length / 2;
    read(body, Integer.MAX_VALUE, Arrays.copyOfRange(json, 0, half));

    assertThat(body.scanAhead()).isTrue();
    assertThat(body.spans().scanned()).isEqualTo(BodyBytes.SCAN_SLICE); // a slice, then the channel is read again
    while (body.scanAhead()) {
      assertThat(body.spans().scanned()).isLessThanOrEqualTo(half);
    }
    assertThat(body.spans().scanned()).as("all that arrived, nothing more").isEqualTo(half);

    read(body, Integer.MAX_VALUE, Arrays.copyOfRange(json, half, json.length));
    body.finishScan();
    assertThat(body.spans().scanned()).isEqualTo(json.length);
  }

  @Test
  void aBodyNeverWaitedForIsNotScannedAhead() {
    BodyBytes body = new BodyBytes(3);
    read(body, Integer.MAX_VALUE, (byte) '{', (byte) '}', (byte) ' ');
    body.finishScan();
    assertThat(body.spans()).isNull();
  }

  @Test
  void twoLongBodiesArrivingTogetherEachEndAsTheirOwnBytesAndTheTwinHoldsTheOneThatKeptIt() throws Exception {
    byte[] first = new byte[DirectTwin.MIN * 2];
    byte[] second = new byte[DirectTwin.MIN * 2];
    Arrays.fill(first, (byte) 'f');
    Arrays.fill(second, (byte) 's');
    ReadableByteChannel one = Channels.newChannel(new ByteArrayInputStream(first));
    ReadableByteChannel two = Channels.newChannel(new ByteArrayInputStream(second));
    BodyBytes a = new BodyBytes(first.length);
    a.filled(a.readFrom(one, 1_000)); // through the twin
    BodyBytes b = new BodyBytes(second.length); // takes the twin: a goes on in its array alone
    while (a.size() < first.length || b.size() < second.length) {
      if (a.size() < first.length) {
        a.filled(a.readFrom(one, 10_000));
      }
      if (b.size() < second.length) {
        b.filled(b.readFrom(two, 10_000));
      }
    }

    byte[] wholeA = a.whole();
    byte[] wholeB = b.whole();
    assertThat(wholeA).isEqualTo(first);
    assertThat(wholeB).isEqualTo(second);
    assertThat(DirectTwin.bytes(wholeA, 0, wholeA.length).isDirect()).isFalse();
    assertThat(DirectTwin.bytes(wholeB, 0, wholeB.length).isDirect()).isTrue();
  }
}
