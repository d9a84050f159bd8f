package dev.spillway.proxy.passthrough;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A body as the pieces it is spliced from: long slices of the client's bytes, as they lie in its
 * array, and short runs (braces, commas, the members encoded anew, the client's short members)
 * copied together. Written upstream with a gathering write ({@link #buffers}), a body whose model
 * was renamed is sent without being assembled: no new array the size of the prompt (allocated, so
 * zeroed, then filled: ~90 µs a megabyte), and its long slices come from this IO thread's
 * {@link DirectTwin} when that holds the client's array (no JDK copy on the way out either).
 *
 * <p>Immutable; the client's array is only read, never written (the same rule as
 * {@link SplicedObject}'s), so a write still under way when the exchange ends reads the bytes it
 * started with.
 */
public final class SplicedBytes {
  /** A slice of the client's bytes at least this long stays a slice; a shorter one is copied into a run. */
  static final int SLICE_MIN = 4 * 1024;
  private static final int RUN_START = 256;

  private final byte[][] arrays;
  private final int[] starts;
  private final int[] ends;
  private final int length;

  private SplicedBytes(List<Piece> pieces) {
    int count = pieces.size();
    arrays = new byte[count][];
    starts = new int[count];
    ends = new int[count];
    int total = 0;
    for (int i = 0; i < count; i++) {
      Piece piece = pieces.get(i);
      arrays[i] = piece.array();
      starts[i] = piece.start();
      ends[i] = piece.end();
      total += piece.end() - piece.start();
    }
    length = total;
  }

  /** One whole array (a body encoded as a whole, or the client's unchanged). */
  public static SplicedBytes of(byte[] whole) {
    return new SplicedBytes(List.of(new Piece(whole, 0, whole.length)));
  }

  public int length() {
    return length;
  }

  /**
   * The body in one array: the array itself when the body is one whole array, else a new one
   * (for the transports and signers that take an array).
   */
  public byte[] toArray() {
    if (arrays.length == 1 && starts[0] == 0 && ends[0] == arrays[0].length) {
      return arrays[0];
    }
    byte[] out = new byte[length];
    int at = 0;
    for (int i = 0; i < arrays.length; i++) {
      System.arraycopy(arrays[i], starts[i], out, at, ends[i] - starts[i]);
      at += ends[i] - starts[i];
    }
    return out;
  }

  /**
   * The bytes from {@code from} on, for one gathering write (ask again for the next): each slice a
   * view of this thread's direct twin when it holds that very array ({@link DirectTwin#bytes}),
   * else the array.
   */
  public ByteBuffer[] buffers(int from) {
    int first = 0;
    int skipped = 0;
    while (first < arrays.length && skipped + ends[first] - starts[first] <= from) {
      skipped += ends[first] - starts[first];
      first++;
    }
    ByteBuffer[] buffers = new ByteBuffer[arrays.length - first];
    for (int i = first; i < arrays.length; i++) {
      int start = i == first ? starts[i] + from - skipped : starts[i];
      buffers[i - first] = DirectTwin.bytes(arrays[i], start, ends[i]);
    }
    return buffers;
  }

  /** Collects pieces in order, copying short ones into runs. */
  static final class Builder {
    private final List<Piece> pieces = new ArrayList<>(4);
    private final byte[] source;
    private byte[] run;
    private int runLength;

    /** @param source the client's array, whose long slices stay slices */
    Builder(byte[] source) {
      this.source = source;
    }

    Builder put(byte b) {
      ensure(1);
      run[runLength++] = b;
      return this;
    }

    Builder put(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, run, runLength, bytes.length);
      runLength += bytes.length;
      return this;
    }

    /** {@code [start, end)} of the client's array: a slice of its own when long, else copied into the run. */
    Builder slice(int start, int end) {
      if (end - start < SLICE_MIN) {
        ensure(end - start);
        System.arraycopy(source, start, run, runLength, end - start);
        runLength += end - start;
        return this;
      }
      endRun();
      pieces.add(new Piece(source, start, end));
      return this;
    }

    SplicedBytes build() {
      endRun();
      return new SplicedBytes(pieces);
    }

    private void endRun() {
      if (runLength > 0) {
        pieces.add(new Piece(run, 0, runLength));
        run = null; // the piece keeps it: the next run starts its own
        runLength = 0;
      }
    }

    private void ensure(int more) {
      if (run == null) {
        run = new byte[Math.max(RUN_START, more)];
      } else if (runLength + more > run.length) {
        run = Arrays.copyOf(run, Math.max(run.length * 2, runLength + more));
      }
    }
  }

  private record Piece(byte[] array, int start, int end) {}
}
