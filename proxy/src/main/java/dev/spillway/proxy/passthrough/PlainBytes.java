package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.io.CharTypes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a run of plain string bytes in UTF-8 JSON: printable ASCII that is neither a
 * quote nor a backslash, the bytes a string's content is almost all made of. Eight bytes at a time
 * (a SWAR test per word, four words a round) rather than one table look-up a byte as Jackson's own
 * skip does; shared by the parser's skip ({@link SpanningParser}) and the scan of a body as it
 * arrives ({@link StringSpans}), which also looks for the next quote between strings this way.
 * With the Vector API loaded ({@link ByteSearch#VECTOR}) whole vectors of plain bytes are passed
 * first ({@link VectorBytes}) and the eight-byte search finds the exact byte in the vector that
 * stopped it. Hand-written: the JDK has no search for a set of bytes in an array.
 */
final class PlainBytes {
  /** Jackson's classes of a string's bytes: 0 plain, 1 quote or backslash, 2-4 a UTF-8 lead byte of that length, -1 invalid here. */
  static final int[] CODES = CharTypes.getInputCodeUtf8();
  static final int ESCAPE = 1;
  static final int UTF8_2 = 2;
  static final int UTF8_3 = 3;
  static final int UTF8_4 = 4;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private PlainBytes() {}

  private static final boolean VECTOR = ByteSearch.ACTIVE == ByteSearch.VECTOR;
  /**
   * The plain bytes passed eight at a time before the vector search takes over. Text dense in
   * escapes or UTF-8 (code, accented or CJK prose) has runs shorter than this, and there a vector
   * step that meets a special byte at once cost more than it saved (measured: ~15 % slower
   * parses of such text when every run started with a vector step).
   */
  private static final int BEFORE_VECTORS = 4 * 4 * Long.BYTES;

  /** Where the first byte at or after {@code from} that is not plain ASCII is, or {@code end}. */
  static int plainRun(byte[] buffer, int from, int end) {
    // VECTOR is a constant: the JIT keeps one branch, and VectorBytes is never loaded without its module.
    if (!VECTOR) {
      return eightBytesPlainRun(buffer, from, end);
    }
    int near = Math.min(end, from + BEFORE_VECTORS);
    int at = eightBytesPlainRun(buffer, from, near);
    return at < near || near == end ? at : longPlainRun(buffer, at, end);
  }

  /** The rest of a run already longer than {@link #BEFORE_VECTORS}: whole vectors, then the words of the one holding a special byte. */
  private static int longPlainRun(byte[] buffer, int from, int end) {
    return eightBytesPlainRun(buffer, VectorBytes.plainPrefix(buffer, from, end), end);
  }

  /** {@link #plainRun} eight bytes at a time only: what a JVM without the Vector API runs. */
  static int eightBytesPlainRun(byte[] buffer, int from, int end) {
    int at = from;
    // Four words a round: one branch for 32 bytes, and the four checks independent of each other.
    for (; at + 4 * Long.BYTES <= end; at += 4 * Long.BYTES) {
      long any = specials((long) LONGS.get(buffer, at)) | specials((long) LONGS.get(buffer, at + Long.BYTES))
          | specials((long) LONGS.get(buffer, at + 2 * Long.BYTES)) | specials((long) LONGS.get(buffer, at + 3 * Long.BYTES));
      if (any != 0) {
        break;
      }
    }
    for (; at + Long.BYTES <= end; at += Long.BYTES) {
      long specials = specials((long) LONGS.get(buffer, at));
      if (specials != 0) {
        // The lowest flagged byte is exact (a borrow only flags bytes above a special one).
        return at + (Long.numberOfTrailingZeros(specials) >>> 3);
      }
    }
    for (; at < end; at++) {
      if (CODES[buffer[at] & 0xFF] != 0) {
        return at;
      }
    }
    return end;
  }

  /** Where the first quote at or after {@code from} is, or {@code end}: outside strings, where nothing else matters. */
  static int nextQuote(byte[] buffer, int from, int end) {
    if (!VECTOR) {
      return eightBytesNextQuote(buffer, from, end);
    }
    int near = Math.min(end, from + BEFORE_VECTORS); // between strings: usually a few bytes
    int at = eightBytesNextQuote(buffer, from, near);
    return at < near || near == end ? at : eightBytesNextQuote(buffer, VectorBytes.quotePrefix(buffer, at, end), end);
  }

  /** {@link #nextQuote} eight bytes at a time only. */
  static int eightBytesNextQuote(byte[] buffer, int from, int end) {
    int at = from;
    for (; at + Long.BYTES <= end; at += Long.BYTES) {
      long x = (long) LONGS.get(buffer, at) ^ QUOTES; // a zero byte where a quote is
      long zeros = (x - ONES) & ~x & HIGH_BITS;
      if (zeros != 0) {
        return at + (Long.numberOfTrailingZeros(zeros) >>> 3); // the lowest flag is exact
      }
    }
    for (; at < end; at++) {
      if (buffer[at] == '"') {
        return at;
      }
    }
    return end;
  }

  /**
   * Bit 7 set in each byte that is a quote, a backslash, a control character or not ASCII, and
   * perhaps in bytes above the lowest such one (a borrow carries upwards), never below it. Below
   * it every byte is in 0x20-0x7F, so neither {@code b - 0x20} nor {@code (b ^ c) - 1} (zero only
   * for {@code b == c}) can set bit 7 there, and the usual {@code & ~x} terms are not needed.
   */
  private static long specials(long word) {
    return ((word - SPACES) | ((word ^ QUOTES) - ONES) | ((word ^ BACKSLASHES) - ONES) | word) & HIGH_BITS;
  }
}
