package dev.spillway.proxy.quality;

/**
 * The statistics of an {@link AnswerForm}, each with the smallest spread it is trusted to have: a
 * target that has always answered the same text (a simulated or cached one) has no spread of its
 * own, and without a floor the first honest variation would read as a hundred sigma.
 */
enum FormStatistic {
  /** Share of vowels among Latin letters: about 0.38 in English prose, 0.2 in keyboard mash. */
  VOWEL_SHARE("vowel share", 0.03, true),
  /** Distinct words among the opening words: word salad rises toward 1, loops fall toward 0. */
  WORD_VARIETY("word variety", 0.05, true),
  /** Mean letters per word. */
  WORD_LENGTH("word length", 0.25, true),
  /** Share of letters in the prompt's writing system. */
  SCRIPT_SHARE("script share", 0.05, true),
  /** Log of the answer's length: follows what users ask, so it is shown but never alarms. */
  LENGTH("length", 0.5, false);

  private final String label;
  private final double minSpread;
  private final boolean alarms;

  FormStatistic(String label, double minSpread, boolean alarms) {
    this.label = label;
    this.minSpread = minSpread;
    this.alarms = alarms;
  }

  String label() {
    return label;
  }

  double minSpread() {
    return minSpread;
  }

  /** Whether a shift of this statistic raises the drift alarm (or is only reported). */
  boolean alarms() {
    return alarms;
  }
}
