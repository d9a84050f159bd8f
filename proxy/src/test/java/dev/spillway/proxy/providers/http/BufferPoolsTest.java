package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BufferPoolsTest {
  private final ByteBufferPool pool = BufferPools.direct(1024);

  @Test
  void aBufferGivenBackIsLentAgainCleared() {
    PooledByteBuffer first = pool.allocate();
    ByteBuffer buffer = first.getBuffer();
    buffer.put((byte) 7).flip();
    first.close();

    PooledByteBuffer second = pool.allocate();
    assertThat(second.getBuffer()).isSameAs(buffer);
    assertThat(second.getBuffer().position()).isZero();
    assertThat(second.getBuffer().remaining()).isEqualTo(1024);
    assertThat(second.getBuffer().isDirect()).isTrue();
  }

  @Test
  void closingTwiceGivesTheBufferBackOnce() {
    PooledByteBuffer lent = pool.allocate();
    ByteBuffer buffer = lent.getBuffer();
    lent.close();
    lent.close();

    assertThat(lent.isOpen()).isFalse();
    assertThatThrownBy(lent::getBuffer).isInstanceOf(IllegalStateException.class);
    assertThat(pool.allocate().getBuffer()).isSameAs(buffer);
    assertThat(pool.allocate().getBuffer()).isNotSameAs(buffer);
  }

  @Test
  void buffersBeyondAThreadsCacheGoToOtherThreads() {
    List<PooledByteBuffer> lent = new ArrayList<>();
    for (int i = 0; i < BufferPools.PER_THREAD + 3; i++) {
      lent.add(pool.allocate());
    }
    Set<ByteBuffer> given = Collections.newSetFromMap(new IdentityHashMap<>());
    lent.forEach(pooled -> given.add(pooled.getBuffer()));
    lent.forEach(PooledByteBuffer::close);

    List<ByteBuffer> onAnotherThread = CompletableFuture.supplyAsync(() -> {
      List<ByteBuffer> taken = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        taken.add(pool.allocate().getBuffer());
      }
      return taken;
    }).join();
    assertThat(onAnotherThread).allMatch(given::contains);
  }
}
