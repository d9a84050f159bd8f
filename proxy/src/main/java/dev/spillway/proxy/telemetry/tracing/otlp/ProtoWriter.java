package dev.spillway.proxy.telemetry.tracing.otlp;

import java.util.Arrays;

/**
 * Protocol-buffers wire format written in one pass into a growing array. A nested message's length
 * comes before its body, so {@link #begin} reserves room for the length and {@link #end} writes it
 * once the body is known, moving the body when the guess was off. That replaces the size pass a
 * protobuf library makes over the whole message before writing it (the SDK's exporter spent about
 * as long sizing a request as writing it). Not thread-safe: one request at a time.
 */
final class ProtoWriter {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;
  /** Strings up to this many chars take a one-byte length: even 3 bytes a char is under 128. */
  private static final int SHORT_STRING = 42;

  private byte[] buf;
  private int pos;

  ProtoWriter(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    pos = 0;
  }

  int size() {
    return pos;
  }

  /** What has been written, in an array of its own. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  /**
   * A request whose body is what has been written, in this writer's buffer (no copy), between
   * {@code head} and {@code tail}: valid until this writer is written again.
   */
  EncodedRequest framed(byte[] head, byte[] tail) {
    return new EncodedRequest(head, buf, pos, tail);
  }

  /** Writes {@code bytes} as they are (no tag, no length). */
  void bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** Appends what {@code other} has written. */
  void append(ProtoWriter other) {
    ensure(other.pos);
    System.arraycopy(other.buf, 0, buf, pos, other.pos);
    pos += other.pos;
  }

  /** Gives back a buffer grown past {@code max} bytes (by one large span), keeping a new one of {@code max}. */
  void shrink(int max) {
    if (buf.length > max) {
      buf = new byte[max];
    }
    pos = 0;
  }

  void tag(int field, int wireType) {
    varint((field << 3) | wireType);
  }

  void varint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  void fixed64(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (value >>> (8 * i));
    }
  }

  void fixed32(int value) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[pos++] = (byte) (value >>> (8 * i));
    }
  }

  void varintField(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void fixed64Field(int field, long value) {
    tag(field, FIXED64);
    fixed64(value);
  }

  void fixed32Field(int field, int value) {
    tag(field, FIXED32);
    fixed32(value);
  }

  /** A string field in UTF-8; lone surrogates become '?', as {@link String#getBytes} writes them. */
  void stringField(int field, String value) {
    tag(field, LENGTH_DELIMITED);
    int chars = value.length();
    if (chars <= SHORT_STRING) {
      ensure(1 + 3 * chars);
      int at = pos++;
      utf8(value, chars);
      buf[at] = (byte) (pos - at - 1);
      return;
    }
    varint(utf8Length(value, chars));
    ensure(3 * chars);
    utf8(value, chars);
  }

  /** A length-delimited field holding {@code bytes} as they are (a message encoded before). */
  void bytesField(int field, byte[] bytes) {
    tag(field, LENGTH_DELIMITED);
    varint(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** A bytes field holding a 16-byte id: {@code high}'s 8 bytes then {@code low}'s, each big-endian. */
  void idField(int field, long high, long low) {
    tag(field, LENGTH_DELIMITED);
    ensure(17);
    buf[pos++] = 16;
    bigEndian(high);
    bigEndian(low);
  }

  /** A bytes field holding an 8-byte id, big-endian. */
  void idField(int field, long id) {
    tag(field, LENGTH_DELIMITED);
    ensure(9);
    buf[pos++] = 8;
    bigEndian(id);
  }

  private void bigEndian(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[pos++] = (byte) (value >>> shift);
    }
  }

  /** A bytes field holding the value of {@code hex} (an id: lowercase hex digits, even in number). */
  void hexBytesField(int field, String hex) {
    tag(field, LENGTH_DELIMITED);
    int n = hex.length() / 2;
    varint(n);
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) ((Character.digit(hex.charAt(2 * i), 16) << 4) | Character.digit(hex.charAt(2 * i + 1), 16));
    }
  }

  /**
   * Starts a nested message: its tag, then {@code reserve} bytes for its length (1 for up to 127
   * bytes, 2 for 16 KB, 3 for 2 MB); returns the mark {@link #end} takes.
   */
  int begin(int field, int reserve) {
    tag(field, LENGTH_DELIMITED);
    ensure(reserve);
    int mark = pos;
    pos += reserve;
    return (mark << 3) | reserve;
  }

  /** Ends the message {@code mark} began: writes its length, moving its body if the length needs more or fewer bytes. */
  void end(int mark) {
    int at = mark >>> 3;
    int reserved = mark & 7;
    int bodyStart = at + reserved;
    int length = pos - bodyStart;
    int needed = varintSize(length);
    if (needed != reserved) {
      ensure(needed - reserved);
      System.arraycopy(buf, bodyStart, buf, at + needed, length);
      pos += needed - reserved;
    }
    for (int i = 0; i < needed - 1; i++) {
      buf[at++] = (byte) ((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    buf[at] = (byte) length;
  }

  static int varintSize(long value) {
    int size = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      size++;
    }
    return size;
  }

  private void utf8(String s, int chars) {
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < chars; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >>> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        int cp = surrogatePair(s, i, chars);
        if (cp < 0) {
          b[p++] = '?';
        } else {
          b[p++] = (byte) (0xF0 | (cp >>> 18));
          b[p++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
          b[p++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
          i++;
        }
      } else {
        b[p++] = (byte) (0xE0 | (c >>> 12));
        b[p++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    pos = p;
  }

  private static int utf8Length(String s, int chars) {
    int bytes = chars;
    for (int i = 0; i < chars; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        } else if (surrogatePair(s, i, chars) >= 0) {
          bytes += 2; // 4 bytes for the two chars
          i++;
        } // a lone surrogate: one '?'
      }
    }
    return bytes;
  }

  /** The code point of the pair starting at {@code i}, or -1 if it is not a valid pair. */
  private static int surrogatePair(String s, int i, int chars) {
    char high = s.charAt(i);
    if (Character.isHighSurrogate(high) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
      return Character.toCodePoint(high, s.charAt(i + 1));
    }
    return -1;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
