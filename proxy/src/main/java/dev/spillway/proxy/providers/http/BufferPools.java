package dev.spillway.proxy.providers.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;

/**
 * Undertow's buffer pool without its per-thread cache.
 *
 * <p>Why: in Undertow 2.3 that cache is a {@code Collections.synchronizedMap(new WeakHashMap<>())}
 * keyed by thread, so every buffer taken or given back (several per call: the request read, the
 * response write, the upstream exchange) takes one lock shared by every IO thread. JFR at a fixed
 * rate showed the two IO threads blocked on it ({@code ThreadLocalCache.get},
 * {@code DefaultByteBufferPool.freeInternal}), for whole scheduler slices when the holder was
 * preempted on the busy two cores (docs/benchmarks.md, "The tail at 75 % of saturation"). Without
 * the cache the pool is its lock-free queue alone: a CAS per buffer instead of a shared lock.
 */
public final class BufferPools {
  /** Undertow's own default for heaps over 128 MB: 16 KB less room for the TCP/IP headers. */
  public static final int SERVER_BUFFER_BYTES = 16 * 1024 - 20;
  /** Unbounded, as Undertow's default: the queue holds only buffers given back, at most the peak in use. */
  private static final int NO_LIMIT = -1;
  private static final int NO_THREAD_CACHE = 0;

  private BufferPools() {}

  /** A pool of direct buffers of {@code bytes} each, shared by every thread without a lock. */
  public static ByteBufferPool direct(int bytes) {
    return new DefaultByteBufferPool(true, bytes, NO_LIMIT, NO_THREAD_CACHE);
  }
}
