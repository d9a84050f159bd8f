package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.io.CharTypes;
import java.util.Arrays;

/**
 * Where the long strings of a UTF-8 JSON body lie, found while the rest of the body is still
 * arriving: the parse that follows ({@link SpanningParser}) takes a known string's end and length
 * from here instead of scanning its bytes once the whole body is in. A long prompt arrives over
 * many network reads; scanning each part while the IO thread would otherwise wait for the next
 * takes the scan (the one proxy cost that grows with the prompt's bytes) off the time between the
 * body's last byte and the request going upstream.
 *
 * <p>Only what the parser itself would accept, with the same count, is noted: printable ASCII,
 * the JSON escapes ({@code \"}, {@code \\}, {@code \/}, {@code \b}, {@code \f}, {@code \n},
 * {@code \r}, {@code \t}, {@code \\u} and four hex digits) and UTF-8 sequences whose lead and
 * continuation bytes pass the parser's own checks. At anything else (a control character, another
 * escape, a byte that is not UTF-8) the scan stops for good and the parser reads the rest itself,
 * so a bad body gets the parser's own error, word for word. Quotes outside strings open strings:
 * in valid JSON they do, and the parser reaches a string's opening quote only through bytes it
 * accepted, so where it looks up a span the scan's view and its own agree.
 */
public final class StringSpans {
  /** Spans kept at most (three ints each); past them the parser scans the rest itself. */
  static final int MAX_SPANS = 1024;
  private int at;
  private boolean inString;
  private int open;
  private int units;
  private boolean stopped;
  /** (opening quote, closing quote, UTF-16 units) per string of {@link TreeReading#LONG} bytes or more. */
  private int[] spans = new int[3 * 4];
  private int count;

  /** How far the bytes have been looked at: {@link #scan} goes on from here. */
  public int scanned() {
    return at;
  }

  /**
   * Looks at {@code bytes} from {@link #scanned()} to {@code end}; the bytes before were passed to
   * an earlier call and are unchanged. A sequence cut off at {@code end} is looked at next time.
   */
  public void scan(byte[] bytes, int end) {
    int i = at;
    while (i < end && !stopped) {
      if (!inString) {
        i = PlainBytes.nextQuote(bytes, i, end);
        if (i < end) {
          open = i++;
          units = 0;
          inString = true;
        }
        continue;
      }
      int special = PlainBytes.plainRun(bytes, i, end);
      units += special - i;
      i = special;
      if (i == end) {
        break;
      }
      if (bytes[i] == '"') {
        closed(i++);
        continue;
      }
      int length = sequence(bytes, i, end);
      if (length == 0) {
        break; // cut off (its rest comes later) or left to the parser
      }
      i += length;
    }
    at = i;
  }

  /** The escape or UTF-8 sequence at {@code i}: its length, its units counted; 0 when cut off or not accepted. */
  private int sequence(byte[] bytes, int i, int end) {
    int code = PlainBytes.CODES[bytes[i] & 0xFF];
    return switch (code) {
      case PlainBytes.ESCAPE -> escape(bytes, i, end); // a backslash: the quote was handled before
      case PlainBytes.UTF8_2, PlainBytes.UTF8_3, PlainBytes.UTF8_4 -> utf8(bytes, i, end, code);
      default -> stop(); // a control character or a byte that cannot start a UTF-8 sequence
    };
  }

  private int escape(byte[] bytes, int i, int end) {
    if (i + 1 >= end) {
      return 0;
    }
    switch (bytes[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        units++;
        return 2;
      }
      case 'u' -> {
        if (i + 6 > end) {
          return 0;
        }
        for (int k = i + 2; k < i + 6; k++) {
          if (CharTypes.charToHex(bytes[k] & 0xFF) < 0) {
            return stop();
          }
        }
        units++; // one unit per escape: a surrogate pair is two escapes, as the parser counts it
        return 6;
      }
      default -> {
        return stop();
      }
    }
  }

  private int utf8(byte[] bytes, int i, int end, int length) {
    if (i + length > end) {
      return 0;
    }
    for (int k = i + 1; k < i + length; k++) {
      if ((bytes[k] & 0xC0) != 0x80) {
        return stop();
      }
    }
    units += length == PlainBytes.UTF8_4 ? 2 : 1; // a supplementary character: a surrogate pair
    return length;
  }

  private int stop() {
    stopped = true;
    return 0;
  }

  private void closed(int close) {
    inString = false;
    if (close - open - 1 < TreeReading.LONG) {
      return; // short strings cost the parser little: not worth an entry
    }
    if (count == MAX_SPANS) {
      stopped = true;
      return;
    }
    if (3 * count == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[3 * count] = open;
    spans[3 * count + 1] = close;
    spans[3 * count + 2] = units;
    count++;
  }

  int count() {
    return count;
  }

  /** The offset of the {@code k}-th span's opening quote. */
  int open(int k) {
    return spans[3 * k];
  }

  /** The offset of the {@code k}-th span's closing quote. */
  int close(int k) {
    return spans[3 * k + 1];
  }

  /** The {@code k}-th string's length in UTF-16 units. */
  int units(int k) {
    return spans[3 * k + 2];
  }
}
