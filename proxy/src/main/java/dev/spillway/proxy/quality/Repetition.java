package dev.spillway.proxy.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Degenerate repetition: a model stuck in a loop. Three cheap signs, any one enough: the text ends
 * in a short unit repeated many times (works for any script, spaces or not), one word repeated
 * over and over makes up most of the text, or most of its word trigrams are repeats. A short text
 * must repeat more to count than a long one's tail, so "ha ha ha" is an answer and the same word
 * sixteen times is not. Hand-written because no library does this; every pass is linear and bounded
 * by the tail and word limits.
 */
final class Repetition {
  /** The tail inspected for a periodic loop. */
  private static final int TAIL = 240;
  private static final int MAX_PERIOD = 60;
  /** A long text's tail must hold at least this many copies of the unit. */
  private static final int MIN_COPIES = 4;
  /** A text shorter than the tail must be this many copies of its unit, whole. */
  private static final int MIN_COPIES_SHORT = 8;
  /** Below this, a text is too short to call a loop (a laugh, a separator, an ellipsis). */
  private static final int MIN_PERIODIC_CHARS = 40;
  /** The same word this many times in a row... */
  static final int MIN_RUN = 8;
  /** An answer's first words, all the same word: a loop from the start. */
  static final int MIN_OPENING_RUN = 5;
  /** ...making up at least this share of the words. */
  private static final double MIN_RUN_SHARE = 0.5;
  private static final int MIN_WORDS = 40;
  private static final int MAX_WORDS = 2_000;
  /** Below this share of distinct word trigrams the text is mostly repeats. */
  private static final double MIN_DISTINCT_TRIGRAMS = 0.3;

  private Repetition() {}

  static boolean degenerate(String text) {
    if (periodicTail(text)) {
      return true;
    }
    if (fewerWordsThan(text, MIN_RUN)) {
      return false; // neither word test can hold: no words, substrings or lists built for a short answer
    }
    String[] words = words(text);
    return wordRun(words) || repetitiveWords(words);
  }

  /**
   * Whether a stream's opening is already a loop: its first {@link #MIN_OPENING_RUN} words are one
   * word (no answer opens like that), or it is a short unit repeated whole.
   */
  static boolean degenerateOpening(String prefix) {
    String[] words = words(prefix);
    if (words.length >= MIN_OPENING_RUN) {
      boolean same = true;
      for (int i = 1; i < MIN_OPENING_RUN && same; i++) {
        same = normalized(words[i]).equals(normalized(words[0]));
      }
      if (same) {
        return true;
      }
    }
    return periodicTail(prefix);
  }

  /** Whether a stream's opening is still too short for {@link #degenerateOpening} to judge. */
  static boolean tooShortToJudgeOpening(String prefix) {
    return words(prefix).length < MIN_RUN && prefix.length() < MIN_PERIODIC_CHARS;
  }

  private static boolean periodicTail(String text) {
    int window = Math.min(TAIL, text.length());
    if (window < MIN_PERIODIC_CHARS) {
      return false;
    }
    int copies = window == TAIL ? MIN_COPIES : MIN_COPIES_SHORT;
    int start = text.length() - window;
    for (int period = 1; period <= Math.min(MAX_PERIOD, window / copies); period++) {
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

  /** One word repeated {@link #MIN_RUN}+ times in a row, the run being most of the text. */
  private static boolean wordRun(String[] words) {
    int count = Math.min(words.length, MAX_WORDS);
    int longest = 0;
    int run = 0;
    String previous = null;
    for (int i = 0; i < count; i++) {
      String word = normalized(words[i]);
      run = word.equals(previous) ? run + 1 : 1;
      previous = word;
      longest = Math.max(longest, run);
    }
    return longest >= MIN_RUN && longest >= MIN_RUN_SHARE * count;
  }

  private static boolean repetitiveWords(String[] words) {
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

  /**
   * The text's first {@link #MAX_WORDS} words: the stripped text split at runs of ASCII whitespace,
   * as the regex {@code \s+} splits it. Hand-written because {@code Pattern.split} (its matcher, list
   * and sub-sequences) was 2 % of a plain call's CPU for the check every answer passes.
   */
  static String[] words(String text) {
    String stripped = text.strip();
    int length = stripped.length();
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < length && words.size() < MAX_WORDS) {
      int start = i;
      while (i < length && !asciiSpace(stripped.charAt(i))) {
        i++;
      }
      words.add(stripped.substring(start, i));
      while (i < length && asciiSpace(stripped.charAt(i))) {
        i++;
      }
    }
    return words.toArray(String[]::new);
  }

  /** Whether {@link #words} would find fewer than {@code wanted} words, counted without building them. */
  private static boolean fewerWordsThan(String text, int wanted) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length() && words < wanted; i++) {
      boolean space = asciiSpace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words < wanted;
  }

  /** What the regex {@code \s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean asciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** A word without its case and surrounding punctuation: "Word," and "word" repeat each other. */
  private static String normalized(String word) {
    int from = 0;
    int to = word.length();
    while (from < to && !Character.isLetterOrDigit(word.charAt(from))) {
      from++;
    }
    while (to > from && !Character.isLetterOrDigit(word.charAt(to - 1))) {
      to--;
    }
    return word.substring(from, to).toLowerCase(Locale.ROOT);
  }
}
