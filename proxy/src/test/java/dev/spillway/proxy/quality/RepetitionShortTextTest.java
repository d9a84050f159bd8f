package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A text with fewer words than a word run needs is judged without splitting it into words: the
 * verdicts at that boundary, and where the short count and the split could disagree (Unicode
 * spaces, which the split keeps inside words but strips at the ends).
 */
class RepetitionShortTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ha ha ha ha ha ha ha | false",
      "ha ha ha ha ha ha ha ha | true",
      "Ha, ha! HA ha. ha ha ha ha | true",
      "ha\u2003ha\u2003ha\u2003ha\u2003ha\u2003ha\u2003ha\u2003ha | false",
      "'\u2003 ha ha ha ha ha ha ha' | false",
      "'\u2003 ha ha ha ha ha ha ha ha' | true",
      "Hello! How can I help you today? | false",
  })
  void aShortTextIsJudgedAsTheWordTestsWould(String text, boolean degenerate) {
    assertThat(Repetition.degenerate(text)).isEqualTo(degenerate);
  }
}
