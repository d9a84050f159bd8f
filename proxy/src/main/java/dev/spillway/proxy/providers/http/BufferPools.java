package dev.spillway.proxy.providers.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DefaultByteBufferPool;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for the server and the upstream client, cached per thread without a shared lock.
 *
 * <p>Why not Undertow's {@code DefaultByteBufferPool}: in Undertow 2.3 its per-thread cache is a
 * {@code Collections.synchronizedMap(new WeakHashMap<>())} keyed by thread, so every buffer taken or
 * given back (several per call: the request read, the response write, the upstream exchange) takes
 * one lock shared by every IO thread; JFR at a fixed rate showed the two IO threads blocked on it
 * ({@code ThreadLocalCache.get}, {@code freeInternal}), for whole scheduler slices when the holder
 * was preempted on the busy two cores (docs/benchmarks.md, "The tail at 75 % of saturation").
 * Switching that cache off does not help: the free path still reads the map, and its shared queue
 * deallocates every buffer given back unless a bound is set. XNIO's lock-free pool is deprecated
 * ({@code ByteBufferSlicePool}) or fixed at 8 KB. So: a {@link ThreadLocal} cache (an IO thread
 * touches only its own), a bounded lock-free overflow queue, new buffers past both.
 */
public final class BufferPools implements ByteBufferPool {
  /** Undertow's own default for heaps over 128 MB: 16 KB less room for the TCP/IP headers. */
  public static final int SERVER_BUFFER_BYTES = 16 * 1024 - 20;
  /** Buffers each thread keeps for itself. */
  static final int PER_THREAD = 16;
  /** Buffers kept for any thread beyond the per-thread caches; more given back are left to the GC. */
  static final int SHARED = 256;

  private final int bytes;
  private final ThreadLocal<ArrayDeque<ByteBuffer>> local = ThreadLocal.withInitial(() -> new ArrayDeque<>(PER_THREAD));
  private final ConcurrentLinkedQueue<ByteBuffer> shared = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sharedCount = new AtomicInteger();
  private final ByteBufferPool heap;

  private BufferPools(int bytes) {
    this.bytes = bytes;
    this.heap = new DefaultByteBufferPool(false, bytes); // rarely used: Undertow asks for heap buffers only for a few writes
  }

  /** A pool of direct buffers of {@code bytes} each. */
  public static ByteBufferPool direct(int bytes) {
    return new BufferPools(bytes);
  }

  @Override
  public PooledByteBuffer allocate() {
    ByteBuffer buffer = local.get().pollLast();
    if (buffer == null) {
      buffer = shared.poll();
      if (buffer != null) {
        sharedCount.decrementAndGet();
      } else {
        buffer = ByteBuffer.allocateDirect(bytes);
      }
    }
    return new Pooled(buffer.clear());
  }

  private void free(ByteBuffer buffer) {
    ArrayDeque<ByteBuffer> mine = local.get();
    if (mine.size() < PER_THREAD) {
      mine.addLast(buffer);
    } else if (sharedCount.incrementAndGet() <= SHARED) {
      shared.offer(buffer);
    } else {
      sharedCount.decrementAndGet(); // dropped: the GC frees a direct buffer's memory with it
    }
  }

  @Override
  public ByteBufferPool getArrayBackedPool() {
    return heap;
  }

  @Override
  public void close() {
    heap.close();
  }

  @Override
  public int getBufferSize() {
    return bytes;
  }

  @Override
  public boolean isDirect() {
    return true;
  }

  /** One buffer lent out; given back once, on the first close. */
  private final class Pooled implements PooledByteBuffer {
    private ByteBuffer buffer;

    Pooled(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public ByteBuffer getBuffer() {
      ByteBuffer lent = buffer;
      if (lent == null) {
        throw new IllegalStateException("buffer used after it was given back");
      }
      return lent;
    }

    @Override
    public void close() {
      ByteBuffer lent = buffer;
      if (lent != null) {
        buffer = null;
        free(lent);
      }
    }

    @Override
    public boolean isOpen() {
      return buffer != null;
    }
  }
}
