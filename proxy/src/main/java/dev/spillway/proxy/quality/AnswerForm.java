package dev.spillway.proxy.quality;

import java.lang.Character.UnicodeScript;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Cheap statistics of one prose answer's form, for drift beyond hard checks: text that turns into
 * gibberish, word salad or another writing system passes every check (it is not empty, not a loop,
 * not a refusal) yet its form moves far from the target's own history. One pass over a bounded
 * prefix of the text; no allocation beyond the distinct-word set.
 *
 * <p>Each statistic describes how the text is written, not how much was asked: a prose answer's
 * vowel share, word length and word variety stay in a narrow band whatever the prompt, while its
 * length does not (it follows what users ask, so it is {@link FormStatistic#alarms() shown, not
 * alarmed on}).
 */
record AnswerForm(double[] values) {
  /** A prefix this long says as much about the form as the whole text, at bounded cost. */
  static final int SAMPLE_CHARS = 4_000;
  /** Shorter answers ("Paris.", "42") have no form to speak of. */
  static final int MIN_WORDS = 12;
  /**
   * Word variety is measured over exactly this many opening words: variety falls as a text grows,
   * so answers of different lengths compare only over the same count.
   */
  private static final int VARIETY_WORDS = 32;
  /** Fewer Latin letters than this say nothing about the vowel share. */
  private static final int MIN_LATIN_LETTERS = 40;
  private static final String VOWELS = "aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ";

  /**
   * The form of a prose answer, or null when it has none: too short, or asked to be JSON (its form
   * is the schema's, which changes with each request).
   */
  static AnswerForm of(String text, RequestExpectations expected) {
    if (expected.json() || text == null) {
      return null;
    }
    int end = Math.min(text.length(), SAMPLE_CHARS);
    if (!hasWords(text, end, MIN_WORDS)) {
      return null; // a short answer: counted without building its words and their set
    }
    int words = 0;
    int wordLetters = 0;
    int letters = 0;
    int latin = 0;
    int vowels = 0;
    Set<String> distinct = new HashSet<>();
    int varietyWords = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= end; i++) {
      char c = i < end ? text.charAt(i) : ' ';
      if (Character.isWhitespace(c)) {
        if (word.length() > 0) {
          words++;
          if (varietyWords < VARIETY_WORDS) {
            varietyWords++;
            distinct.add(word.toString());
          }
          word.setLength(0);
        }
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        continue; // punctuation neither starts nor ends a word: "end." and "end" are one word
      }
      word.append(Character.toLowerCase(c));
      if (Character.isLetter(c)) {
        letters++;
        wordLetters++;
        // An ASCII letter is Latin: the script table's lookup is for the rest (it was most of this pass).
        if (c < 0x80 || Character.UnicodeScript.of(c) == UnicodeScript.LATIN) {
          latin++;
          vowels += VOWELS.indexOf(Character.toLowerCase(c)) >= 0 ? 1 : 0;
        }
      }
    }
    if (words < MIN_WORDS) {
      return null;
    }
    double[] values = new double[FormStatistic.values().length];
    values[FormStatistic.VOWEL_SHARE.ordinal()] = latin >= MIN_LATIN_LETTERS ? (double) vowels / latin : Double.NaN;
    values[FormStatistic.WORD_VARIETY.ordinal()] =
        varietyWords == VARIETY_WORDS ? (double) distinct.size() / varietyWords : Double.NaN;
    values[FormStatistic.WORD_LENGTH.ordinal()] = (double) wordLetters / words;
    values[FormStatistic.SCRIPT_SHARE.ordinal()] = expected.promptScript() != null && letters >= Scripts.MIN_LETTERS
        ? Scripts.share(text, expected.promptScript()) : Double.NaN;
    values[FormStatistic.LENGTH.ordinal()] = Math.log1p(text.length());
    return new AnswerForm(values);
  }

  /**
   * Whether the first {@code end} characters hold {@code wanted} words as the pass below counts them:
   * runs of non-whitespace with a letter or digit in them.
   */
  private static boolean hasWords(String text, int end, int wanted) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < end && words < wanted; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        inWord = false;
      } else if (!inWord && Character.isLetterOrDigit(c)) {
        inWord = true;
        words++;
      }
    }
    return words >= wanted;
  }

  /** The statistic's value, or NaN when this answer says nothing about it. */
  double value(FormStatistic statistic) {
    return values[statistic.ordinal()];
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("AnswerForm[");
    for (FormStatistic statistic : FormStatistic.values()) {
      out.append(String.format(Locale.ROOT, "%s=%.3f ", statistic, value(statistic)));
    }
    return out.append(']').toString();
  }
}
