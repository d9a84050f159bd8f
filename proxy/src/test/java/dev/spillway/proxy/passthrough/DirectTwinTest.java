package dev.spillway.proxy.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-thread direct copy of a long body: it vouches for an array only while it holds all of that very array. */
class DirectTwinTest {
  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) ('a' + (i * 7 + seed) % 26);
    }
    return bytes;
  }

  /** Reads all of {@code sent} through the twin in reads of at most {@code most} bytes; the array it was copied into. */
  private static byte[] fill(DirectTwin twin, Object body, byte[] sent, int most) throws IOException {
    byte[] array = new byte[sent.length];
    ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(sent));
    for (int at = 0; at < sent.length; ) {
      int read = twin.read(body, channel, array, at, Math.min(most, sent.length - at));
      assertThat(read).isPositive();
      at += read;
    }
    return array;
  }

  private static byte[] drain(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  @Test
  void aLongBodyReadThroughTheTwinIsCopiedIntoItsArrayAndWrittenFromTheTwin() throws IOException {
    byte[] sent = bytes(DirectTwin.MIN * 3 + 17, 1);
    Object body = new Object();
    DirectTwin twin = DirectTwin.claim(body, sent.length);

    byte[] array = fill(twin, body, sent, 50_000);
    assertThat(array).isEqualTo(sent);
    assertThat(DirectTwin.view(array, 0, array.length)).as("not vouched for before the body is whole").isNull();
    twin.finished(body, array);

    ByteBuffer out = DirectTwin.bytes(array, 1_000, array.length);
    assertThat(out.isDirect()).isTrue();
    assertThat(drain(out)).isEqualTo(Arrays.copyOfRange(sent, 1_000, sent.length));
    assertThat(DirectTwin.bytes(array.clone(), 0, array.length).isDirect()).as("only that very array").isFalse();
  }

  @Test
  void aBodyClaimedSinceTakesTheTwinAndTheFirstGoesOnInItsArray() throws IOException {
    byte[] first = bytes(DirectTwin.MIN * 2, 1);
    Object one = new Object();
    DirectTwin twin = DirectTwin.claim(one, first.length);
    byte[] firstArray = fill(twin, one, first, first.length);
    twin.finished(one, firstArray);

    Object two = new Object();
    assertThat(DirectTwin.claim(two, first.length)).isSameAs(twin);
    byte[] second = bytes(first.length, 5);
    fill(twin, two, Arrays.copyOf(second, 100), 100); // the second body's first bytes overwrite the first's

    // The first body's write, from the offset it had reached, goes on from its array: its own bytes.
    ByteBuffer rest = DirectTwin.bytes(firstArray, 40, firstArray.length);
    assertThat(rest.isDirect()).isFalse();
    assertThat(drain(rest)).isEqualTo(Arrays.copyOfRange(first, 40, first.length));
    // A body that lost the twin while arriving is told so, and finishing it claims nothing.
    assertThat(twin.read(one, Channels.newChannel(new ByteArrayInputStream(first)), firstArray, 0, 10))
        .isEqualTo(Integer.MIN_VALUE);
    twin.finished(one, firstArray);
    assertThat(DirectTwin.view(firstArray, 0, firstArray.length)).isNull();
  }

  @Test
  void shortAndOverlongBodiesAreNotTwinned() {
    assertThat(DirectTwin.claim(new Object(), DirectTwin.MIN - 1)).isNull();
    assertThat(DirectTwin.claim(new Object(), DirectTwin.MAX + 1L)).isNull();
    assertThat(DirectTwin.claim(new Object(), DirectTwin.MAX)).isNotNull();
  }

  @Test
  void anotherThreadNeverWritesFromThisThreadsTwin() throws Exception {
    byte[] sent = bytes(DirectTwin.MIN, 3);
    Object body = new Object();
    DirectTwin twin = DirectTwin.claim(body, sent.length);
    byte[] array = fill(twin, body, sent, sent.length);
    twin.finished(body, array);

    CompletableFuture<ByteBuffer> elsewhere = new CompletableFuture<>();
    Thread other = new Thread(() -> elsewhere.complete(DirectTwin.bytes(array, 0, array.length)));
    other.start();

    ByteBuffer there = elsewhere.get(10, TimeUnit.SECONDS);
    assertThat(there.isDirect()).isFalse();
    assertThat(drain(there)).isEqualTo(sent);
    assertThat(DirectTwin.bytes(array, 0, array.length).isDirect()).isTrue();
  }

  @Test
  void theTwinGrowsByDoublingUpToTheBound() throws Exception {
    CompletableFuture<Integer> reallocations = new CompletableFuture<>();
    Thread fresh = new Thread(() -> {
      int changes = 0;
      int capacity = -1;
      for (int length = DirectTwin.MIN; length <= DirectTwin.MAX; length += 16 * 1024) {
        int now = DirectTwin.claim(new Object(), length).capacity();
        if (now < length || now > DirectTwin.MAX) {
          reallocations.completeExceptionally(new AssertionError(now + " for a body of " + length));
          return;
        }
        changes += now != capacity ? 1 : 0;
        capacity = now;
      }
      reallocations.complete(changes);
    });
    fresh.start();

    // 253 bodies from 64 KB to 4 MB, 16 KB apart: 64 KB, 128 KB, ... 4 MB.
    assertThat(reallocations.get(30, TimeUnit.SECONDS)).isEqualTo(7);
  }
}
