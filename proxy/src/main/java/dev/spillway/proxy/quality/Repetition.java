package dev.spillway.proxy.quality;

import java.util.HashSet;
import java.util.Set;

/**
 * Degenerate repetition: a model stuck in a loop. Two cheap signs, either one enough: the text ends
 * in a short unit repeated many times (works for any script, spaces or not), or most of its word
 * trigrams are repeats. Hand-written because no library does this; both passes are linear and
 * bounded by the tail and word limits.
 */
final class Repetition {
  /** The tail inspected for a periodic loop. */
  private static final int TAIL = 240;
  private static final int MAX_PERIOD = 60;
  /** The tail must hold at least this many copies of the unit. */
  private static final int MIN_COPIES = 4;
  private static final int MIN_WORDS = 40;
  private static final int MAX_WORDS = 2_000;
  /** Below this share of distinct word trigrams the text is mostly repeats. */
  private static final double MIN_DISTINCT_TRIGRAMS = 0.3;

  private Repetition() {}

  static boolean degenerate(String text) {
    return periodicTail(text) || repetitiveWords(text);
  }

  private static boolean periodicTail(String text) {
    if (text.length() < TAIL) {
      return false;
    }
    int start = text.length() - TAIL;
    for (int period = 1; period <= Math.min(MAX_PERIOD, TAIL / MIN_COPIES); period++) {
      boolean periodic = true;
      for (int i = start; i + period < text.length(); i++) {
        if (text.charAt(i) != text.charAt(i + period)) {
          periodic = false;
          break;
        }
      }
      if (periodic) {
        return true;
      }
    }
    return false;
  }

  private static boolean repetitiveWords(String text) {
    String[] words = text.split("\\s+", MAX_WORDS + 1);
    int count = Math.min(words.length, MAX_WORDS);
    if (count < MIN_WORDS) {
      return false;
    }
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i + 2 < count; i++) {
      distinct.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
    }
    return distinct.size() < MIN_DISTINCT_TRIGRAMS * (count - 2);
  }
}
