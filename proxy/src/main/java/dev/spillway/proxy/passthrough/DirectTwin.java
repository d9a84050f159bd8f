package dev.spillway.proxy.passthrough;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A direct buffer per IO thread holding a second copy of the last long request body read on that
 * thread, so the body can go upstream without the JDK's copy. The JDK writes a heap array to a
 * socket by copying it into a temporary direct buffer first (~30 µs a megabyte), and it reads one
 * the same way; a body read into this buffer and copied from it into its array costs the same on
 * the way in, and is then written upstream from here with no copy on the way out.
 *
 * <p>Safe by construction rather than by lifetime rules: the buffer is only ever touched by its own
 * thread; a body claims it when it starts to arrive (taking it from any body still arriving, which
 * then goes on reading into its array alone), and the buffer vouches for an array ({@link #view})
 * only while it holds every byte of that very array and nothing has claimed it since. A write that
 * is not finished by then goes on from the array, at the same offset: the bytes are the same. So
 * one call's bytes can never go out in another's, whatever outlives an exchange (hedges, shadow
 * calls, a retry on a later tick).
 *
 * <p>Bounded: one buffer per IO thread, at most twice as large as the largest body it took and at
 * most {@link #MAX} (the JDK's own temporary buffer cache keeps one per thread as large as the
 * largest heap write). It refers to its body weakly: a finished call's array is not kept alive by it.
 */
public final class DirectTwin {
  /** Shorter bodies are copied cheaply enough, and their arrays are small: they are read as before. */
  public static final int MIN = 64 * 1024;
  /** Longer bodies are read into their array alone: this bounds the buffer an IO thread keeps. */
  public static final int MAX = 4 << 20;
  private static final ThreadLocal<DirectTwin> MINE = ThreadLocal.withInitial(DirectTwin::new);
  private static final WeakReference<Object> NONE = new WeakReference<>(null);

  private ByteBuffer direct = ByteBuffer.allocateDirect(0);
  /** The body filling the buffer or done with it (a token: only compared). */
  private WeakReference<Object> owner = NONE;
  /** The whole body the buffer now holds, once its owner finished it; none while filling. */
  private WeakReference<Object> holds = NONE;

  private DirectTwin() {}

  /**
   * Claims this thread's buffer for a body of {@code length} bytes, or null when the length is
   * outside [{@link #MIN}, {@link #MAX}]. Whatever the buffer held or was filling is dropped.
   */
  public static DirectTwin claim(Object body, long length) {
    if (length < MIN || length > MAX) {
      return null;
    }
    DirectTwin twin = MINE.get();
    if (twin.direct.capacity() < length) {
      // Doubling: bodies of slowly growing sizes re-allocate it a few times in all, not once each
      // (a direct buffer let go is freed only by a later GC).
      twin.direct = ByteBuffer.allocateDirect((int) Math.min(MAX, Math.max(length, 2L * twin.direct.capacity())));
    }
    twin.owner = new WeakReference<>(body);
    twin.holds = NONE;
    return twin;
  }

  /**
   * Reads from {@code channel} into the buffer at {@code at}, at most {@code most} bytes, and copies
   * what came into {@code array} at the same offset.
   *
   * @return the count read (-1 at the end), or {@link Integer#MIN_VALUE} when {@code body} no
   *     longer owns the buffer (another body claimed it): the caller reads into its array instead
   */
  public int read(Object body, ReadableByteChannel channel, byte[] array, int at, int most) throws IOException {
    if (owner.get() != body) {
      return Integer.MIN_VALUE;
    }
    ByteBuffer room = direct.duplicate().limit(at + most).position(at);
    int read = channel.read(room);
    if (read > 0) {
      direct.get(at, array, at, read);
    }
    return read;
  }

  int capacity() {
    return direct.capacity();
  }

  /** {@code body} arrived whole as {@code array}: the buffer holds all of it, if {@code body} still owns it. */
  public void finished(Object body, byte[] array) {
    if (owner.get() == body) {
      holds = new WeakReference<>(array);
    }
  }

  /**
   * {@code [from, to)} of {@code array}, for one write (ask again for the next): a view of this
   * thread's buffer when it holds exactly that array, else the array itself.
   */
  public static ByteBuffer bytes(byte[] array, int from, int to) {
    ByteBuffer twin = view(array, from, to);
    return twin != null ? twin : ByteBuffer.wrap(array, from, to - from);
  }

  /**
   * {@code [from, to)} of {@code array} as a view of this thread's buffer, or null when the buffer
   * does not hold exactly that array (another thread, another body since, never held).
   */
  static ByteBuffer view(byte[] array, int from, int to) {
    DirectTwin twin = MINE.get();
    if (array == null || twin.holds.get() != array) {
      return null;
    }
    return twin.direct.duplicate().limit(to).position(from);
  }
}
