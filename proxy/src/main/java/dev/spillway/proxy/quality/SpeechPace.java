package dev.spillway.proxy.quality;

import java.util.Locale;
import java.util.Optional;

/**
 * One voice's speaking pace (seconds of audio per character of text), learned from its plausible
 * answers, so a clip far too short or too long for its text stands out. Starts from a typical pace
 * with wide bounds; narrows once the voice has been heard a few times.
 */
final class SpeechPace {
  /** About 14 characters a second: typical read speech. */
  private static final double TYPICAL_SECONDS_PER_CHAR = 0.07;
  private static final int LEARNED_AFTER = 5;
  private static final double LEARNED_FACTOR = 3;
  private static final double PRIOR_FACTOR = 5;
  /** Short texts say little about pace: pauses and padding dominate. */
  private static final int MIN_CHARS = 20;
  private static final double LEARNING_RATE = 0.1;

  private double secondsPerChar = TYPICAL_SECONDS_PER_CHAR;
  private int heard;

  synchronized Optional<String> implausible(double seconds, int chars) {
    if (chars < MIN_CHARS) {
      return Optional.empty();
    }
    double factor = heard >= LEARNED_AFTER ? LEARNED_FACTOR : PRIOR_FACTOR;
    double expected = secondsPerChar * chars;
    if (seconds < expected / factor || seconds > expected * factor) {
      return Optional.of(String.format(Locale.ROOT, "%.1f s of audio for %d characters (expected about %.1f s)",
          seconds, chars, expected));
    }
    secondsPerChar += (seconds / chars - secondsPerChar) * (heard < LEARNED_AFTER ? 1.0 / (heard + 1) : LEARNING_RATE);
    heard++;
    return Optional.empty();
  }
}
