package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Jackson's parser over UTF-8 bytes, with two things the pass-through needs cheaply: where the
 * current token starts ({@link #tokenStart}, without the {@code JsonLocation} that
 * {@code currentTokenLocation()} builds per call), and, for a string it skipped (a string value not
 * read as text), where the string ends and its length in UTF-16 units ({@link #skippedEnd},
 * {@link #skippedUnits}).
 *
 * <p>The skip is Jackson's {@code _skipString} with the same checks and errors (escapes through
 * Jackson's own {@code _decodeEscaped}, control characters, UTF-8 lead and continuation bytes) and
 * one difference: a run of plain ASCII (no quote, backslash, control or non-ASCII byte) is passed
 * over eight bytes at a time instead of one table look-up a byte, and the UTF-16 units are counted
 * in the same pass. A long prompt's bytes are thus scanned once, quickly, where the parser's skip
 * and a separate length count read them twice, a byte at a time (the only per-call CPU that still
 * grew with the prompt). Hand-written because Jackson has no faster skip and no length without
 * decoding; everything else is Jackson's.
 */
final class SpanningParser extends UTF8StreamJsonParser {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final int[] CODES = CharTypes.getInputCodeUtf8();
  private static final int ESCAPE = 1;
  private static final int UTF8_2 = 2;
  private static final int UTF8_3 = 3;
  private static final int UTF8_4 = 4;

  private int skippedEnd = -1;
  private int skippedUnits;

  SpanningParser(IOContext context, int features, ObjectCodec codec, ByteQuadsCanonicalizer names,
      byte[] bytes, int start, int end) {
    super(context, features, null, codec, names, bytes, start, end, false);
  }

  /** Where the current token (a name included) starts: {@code currentTokenLocation().getByteOffset()}. */
  int tokenStart() {
    return (int) (currentToken() == JsonToken.FIELD_NAME ? _currInputProcessed + _nameStartOffset - 1 : _tokenInputTotal - 1);
  }

  /** The offset of the closing quote of the last string skipped, -1 before any. */
  int skippedEnd() {
    return skippedEnd;
  }

  /** The length in UTF-16 units of the last string skipped, {@code String.length()} of its text. */
  int skippedUnits() {
    return skippedUnits;
  }

  @Override
  protected void _skipString() throws IOException {
    _tokenIncomplete = false;
    skippedUnits = 0;
    while (true) {
      int c = nextSpecial();
      if (c == '"') {
        skippedEnd = (int) (_currInputProcessed + _inputPtr - 1);
        return;
      }
      switch (CODES[c]) {
        case ESCAPE -> _decodeEscaped(); // a surrogate pair is two escapes: two units
        case UTF8_2 -> continuations(1);
        case UTF8_3 -> continuations(2);
        case UTF8_4 -> {
          continuations(3);
          skippedUnits++; // a supplementary character: a surrogate pair
        }
        default -> {
          if (c < ' ') {
            _throwUnquotedSpace(c, "string value"); // returns when the mapper allows control characters
          } else {
            _reportInvalidChar(c);
          }
        }
      }
      skippedUnits++;
    }
  }

  /** Passes over plain bytes (counting them) and consumes the next byte that is not, returned. */
  private int nextSpecial() throws IOException {
    while (true) {
      byte[] buffer = _inputBuffer;
      int start = _inputPtr;
      int end = _inputEnd;
      int special = plainRun(buffer, start, end);
      skippedUnits += special - start;
      if (special < end) {
        _inputPtr = special + 1;
        return buffer[special] & 0xFF;
      }
      _inputPtr = end;
      _loadMoreGuaranteed(); // over a byte array: the end of input inside a string, reported
    }
  }

  /** Where the first byte at or after {@code from} that is not plain ASCII is, or {@code end}. */
  private static int plainRun(byte[] buffer, int from, int end) {
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

  /**
   * Bit 7 set in each byte that is a quote, a backslash, a control character or not ASCII, and
   * perhaps in bytes above the lowest such one (a borrow carries upwards), never below it. Below
   * it every byte is in 0x20-0x7F, so neither {@code b - 0x20} nor {@code (b ^ c) - 1} (zero only
   * for {@code b == c}) can set bit 7 there, and the usual {@code & ~x} terms are not needed.
   */
  private static long specials(long word) {
    return ((word - SPACES) | ((word ^ QUOTES) - ONES) | ((word ^ BACKSLASHES) - ONES) | word) & HIGH_BITS;
  }

  /** The continuation bytes of a UTF-8 sequence, checked as Jackson's skip checks them. */
  private void continuations(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      if (_inputPtr >= _inputEnd) {
        _loadMoreGuaranteed();
      }
      int d = _inputBuffer[_inputPtr++];
      if ((d & 0xC0) != 0x80) {
        _reportInvalidOther(d & 0xFF, _inputPtr);
      }
    }
  }
}
