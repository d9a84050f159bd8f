package dev.spillway.proxy.quality;

import java.lang.Character.UnicodeScript;

/**
 * Which writing system a text is in, from the Unicode script of its letters (the JDK's own script
 * tables). Han, kana, hangul and bopomofo count as one family: Japanese and Korean text mixes them
 * with Han, and an answer in any of them to a prompt in another is not "the wrong script".
 */
final class Scripts {
  /** Letters looked at: a prefix tells the script as well as the whole text, at bounded cost. */
  private static final int SAMPLE_CODE_POINTS = 2_000;
  /** Fewer letters than this say nothing reliable about the script. */
  static final int MIN_LETTERS = 8;
  private static final double DOMINANT_SHARE = 0.6;
  /** {@link UnicodeScript#values()} copies the array on every call. */
  private static final UnicodeScript[] SCRIPTS = UnicodeScript.values();

  private Scripts() {}

  /** The script most letters are in, or null when there are too few letters or no clear majority. */
  static UnicodeScript dominant(String text) {
    int[] counts = new int[SCRIPTS.length];
    int letters = count(text, counts);
    if (letters < MIN_LETTERS) {
      return null;
    }
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return counts[best] >= DOMINANT_SHARE * letters ? SCRIPTS[best] : null;
  }

  /**
   * The share of the text's letters written in this script family, or 1 when it has too few
   * letters to tell.
   */
  static double share(String text, UnicodeScript script) {
    int[] counts = new int[SCRIPTS.length];
    int letters = count(text, counts);
    return letters < MIN_LETTERS ? 1.0 : (double) counts[family(script).ordinal()] / letters;
  }

  private static int count(String text, int[] counts) {
    int letters = 0;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < SAMPLE_CODE_POINTS; seen++) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (!Character.isLetter(codePoint)) {
        continue;
      }
      UnicodeScript script = UnicodeScript.of(codePoint);
      if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED || script == UnicodeScript.UNKNOWN) {
        continue;
      }
      counts[family(script).ordinal()]++;
      letters++;
    }
    return letters;
  }

  private static UnicodeScript family(UnicodeScript script) {
    return switch (script) {
      case HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> UnicodeScript.HAN;
      default -> script;
    };
  }
}
