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
    int plain = 0;
    while (true) {
      int ptr = _inputPtr;
      int end = _inputEnd;
      byte[] buffer = _inputBuffer;
      while (ptr + Long.BYTES <= end) {
        long specials = specials((long) LONGS.get(buffer, ptr));
        if (specials != 0) {
          // The lowest flagged byte is exact (a borrow only flags bytes above a special one).
          int skip = Long.numberOfTrailingZeros(specials) >>> 3;
          ptr += skip;
          plain += skip;
          break;
        }
        ptr += Long.BYTES;
        plain += Long.BYTES;
      }
      while (ptr < end) {
        int c = buffer[ptr++] & 0xFF;
        if (CODES[c] != 0) {
          _inputPtr = ptr;
          skippedUnits += plain;
          return c;
        }
        plain++;
      }
      _inputPtr = ptr;
      skippedUnits += plain;
      plain = 0;
      _loadMoreGuaranteed(); // over a byte array: the end of input inside a string, reported
    }
  }

  /** Bit 7 set in each byte that is a quote, a backslash, a control character or not ASCII. */
  private static long specials(long word) {
    long quotes = word ^ QUOTES;
    long backslashes = word ^ BACKSLASHES;
    return (((word - SPACES) & ~word) | ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes) | word)
        & HIGH_BITS;
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
