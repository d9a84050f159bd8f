package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written word split cuts a text where the regex {@code \s+} did, and nowhere else. */
class RepetitionWordsTest {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "Hello! How can I help you today?", "  leading and trailing  ", "tabs\tand\nnew\r\nlines",
      "vertical\u000Btab and form\ffeed", "no\u00A0break\u2003em space stay inside a word", "\u2003unicode ends\u3000",
      "many     spaces  between", "one"})
  void splitsAsTheRegexDid(String text) {
    String stripped = text.strip();
    String[] regex = stripped.isEmpty() ? new String[0] : WHITESPACE.split(stripped);
    assertThat(Repetition.words(text)).containsExactly(regex);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_999, 2_000, 2_001, 5_000})
  void keepsTheFirstTwoThousandWords(int count) {
    String[] many = new String[count];
    Arrays.setAll(many, i -> "w" + i);
    String[] words = Repetition.words(String.join(" \n", many));
    assertThat(words).hasSize(Math.min(count, 2_000));
    assertThat(words[words.length - 1]).isEqualTo("w" + (words.length - 1));
  }
}
