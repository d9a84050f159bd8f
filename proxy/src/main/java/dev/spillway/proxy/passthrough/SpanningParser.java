package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

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
 * in the same pass ({@link PlainBytes}). A long prompt's bytes are thus scanned once, quickly, where
 * the parser's skip and a separate length count read them twice, a byte at a time (the only
 * per-call CPU that still grew with the prompt). A string whose span was already found as the body
 * arrived ({@link #knownStrings}) is not scanned again. Hand-written because Jackson has no faster
 * skip and no length without decoding; everything else is Jackson's.
 */
final class SpanningParser extends UTF8StreamJsonParser {
  private int skippedEnd = -1;
  private int skippedUnits;
  private StringSpans known;
  private int nextKnown;

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

  /**
   * Strings whose end and length were found as the body arrived ({@link StringSpans}): skipping
   * one of them jumps to its end. Ignored when the parser accepts quotes or comments that the
   * scan would not know (not the proxy's mapper).
   */
  void knownStrings(StringSpans spans) {
    boolean plainJson = !isEnabled(JsonReadFeature.ALLOW_SINGLE_QUOTES.mappedFeature())
        && !isEnabled(JsonReadFeature.ALLOW_JAVA_COMMENTS.mappedFeature())
        && !isEnabled(JsonReadFeature.ALLOW_YAML_COMMENTS.mappedFeature());
    known = plainJson ? spans : null;
  }

  @Override
  protected void _skipString() throws IOException {
    _tokenIncomplete = false;
    if (known != null && skipKnown()) {
      return;
    }
    skippedUnits = 0;
    while (true) {
      int c = nextSpecial();
      if (c == '"') {
        skippedEnd = (int) (_currInputProcessed + _inputPtr - 1);
        return;
      }
      switch (PlainBytes.CODES[c]) {
        case PlainBytes.ESCAPE -> _decodeEscaped(); // a surrogate pair is two escapes: two units
        case PlainBytes.UTF8_2 -> continuations(1);
        case PlainBytes.UTF8_3 -> continuations(2);
        case PlainBytes.UTF8_4 -> {
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

  /** Jumps over the string whose opening quote was just read, when its span is known. */
  private boolean skipKnown() {
    int open = (int) (_currInputProcessed + _inputPtr - 1);
    while (nextKnown < known.count() && known.open(nextKnown) < open) {
      nextKnown++; // strings read as text (names), or short
    }
    if (nextKnown == known.count() || known.open(nextKnown) != open) {
      return false;
    }
    int close = known.close(nextKnown);
    int closeInBuffer = (int) (close - _currInputProcessed);
    if (closeInBuffer >= _inputEnd) {
      return false;
    }
    _inputPtr = closeInBuffer + 1;
    skippedEnd = close;
    skippedUnits = known.units(nextKnown++);
    return true;
  }

  /** Passes over plain bytes (counting them) and consumes the next byte that is not, returned. */
  private int nextSpecial() throws IOException {
    while (true) {
      byte[] buffer = _inputBuffer;
      int start = _inputPtr;
      int end = _inputEnd;
      int special = PlainBytes.plainRun(buffer, start, end);
      skippedUnits += special - start;
      if (special < end) {
        _inputPtr = special + 1;
        return buffer[special] & 0xFF;
      }
      _inputPtr = end;
      _loadMoreGuaranteed(); // over a byte array: the end of input inside a string, reported
    }
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
