package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.proxy.testing.Prose;
import java.lang.Character.UnicodeScript;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerFormTest {
  private static final RequestExpectations PROSE = new RequestExpectations(false, null, Map.of(), false, UnicodeScript.LATIN);

  @Test
  void englishProseReadsAsProse() {
    AnswerForm form = AnswerForm.of(
        "The river rises in the hills and runs for two hundred miles before it reaches the sea, where a"
            + " small town has stood at its mouth since the time of the first settlers.", PROSE);
    assertThat(form.value(FormStatistic.VOWEL_SHARE)).isBetween(0.33, 0.45);
    assertThat(form.value(FormStatistic.WORD_LENGTH)).isBetween(3.5, 5.5);
    assertThat(form.value(FormStatistic.WORD_VARIETY)).isBetween(0.7, 1.0);
    assertThat(AnswerForm.of(Prose.prose(new Random(3), 20), PROSE).value(FormStatistic.WORD_VARIETY))
        .as("fewer words than variety is measured over").isNaN();
    assertThat(form.value(FormStatistic.SCRIPT_SHARE)).isEqualTo(1.0);
    assertThat(form.value(FormStatistic.LENGTH)).isCloseTo(Math.log1p(171), within(1.0));
  }

  @Test
  void keyboardMashHasFewVowels() {
    AnswerForm form = AnswerForm.of(Prose.mash(new Random(1), 40), PROSE);
    assertThat(form.value(FormStatistic.VOWEL_SHARE)).isLessThan(0.1);
  }

  @Test
  void aLoopHasLittleWordVariety() {
    AnswerForm form = AnswerForm.of("and then ".repeat(40), PROSE);
    assertThat(form.value(FormStatistic.WORD_VARIETY)).isLessThan(0.1);
  }

  @Test
  void punctuationDoesNotMakeANewWord() {
    AnswerForm form = AnswerForm.of("end. end, end! end? (end) end; end: end ".repeat(4), PROSE);
    assertThat(form.value(FormStatistic.WORD_VARIETY)).isEqualTo(1.0 / 32);
  }

  @Test
  void shortAnswersJsonAnswersAndNoAnswerHaveNoForm() {
    assertThat(AnswerForm.of("Paris is the capital of France.", PROSE)).isNull();
    assertThat(AnswerForm.of(null, PROSE)).isNull();
    RequestExpectations json = new RequestExpectations(true, null, Map.of(), false, null);
    assertThat(AnswerForm.of(Prose.prose(new Random(2), 60), json)).isNull();
  }

  @Test
  void twelveWordsHaveAFormElevenDoNotAndPunctuationIsNoWord() {
    assertThat(AnswerForm.of("one two three four five six seven eight nine ten eleven twelve", PROSE)).isNotNull();
    assertThat(AnswerForm.of("one two three four five six seven eight nine ten eleven -- ... !! ?", PROSE)).isNull();
    assertThat(AnswerForm.of("one\u2003two\u2003three four five six seven eight nine ten eleven twelve", PROSE))
        .as("Unicode spaces separate words").isNotNull();
    assertThat(AnswerForm.of("- ".repeat(AnswerForm.SAMPLE_CHARS / 2 - 3) + "a b c d e f g h i j k l", PROSE))
        .as("words past the sampled prefix do not count").isNull();
  }

  @Test
  void statisticsAnAnswerCannotTellAreUnknownNotZero() {
    RequestExpectations noScript = new RequestExpectations(false, null, Map.of(), false, null);
    AnswerForm form = AnswerForm.of("Это ответ на другом языке, и в нём нет ни одной латинской буквы вообще совсем.", noScript);
    assertThat(form.value(FormStatistic.VOWEL_SHARE)).isNaN();
    assertThat(form.value(FormStatistic.SCRIPT_SHARE)).isNaN();
  }
}
